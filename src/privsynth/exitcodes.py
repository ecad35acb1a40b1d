"""The exit codes of every ``privsynth`` command (scrub, detect, augment, eval, keygen), in one place.

``EXIT_CODES`` is printed by ``--help`` and documented in the README. :func:`code_for` maps an exception to its
code: an error class may name its own with an ``exit_code`` attribute (the batch layer's errors do); the typed
errors of :mod:`privsynth.errors` map by class below. ``--debug`` never changes a code.
"""
from __future__ import annotations

import errno

from .errors import ConfigError, InputError, KeyMaterialError, ModelError, PrivsynthError

EXIT_OK = 0
EXIT_QUARANTINED = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_SETUP = 4
EXIT_ABORTED = 5
EXIT_RESIDUAL = 6
EXIT_INTERRUPTED = 130
EXIT_PIPE_CLOSED = 128 + 13

EXIT_CODES = {
    EXIT_OK: "success: every record was written",
    EXIT_QUARANTINED: "finished, but some records were quarantined (see <output>.quarantine.jsonl)",
    EXIT_USAGE: "usage error: bad option or argument, or --resume does not match the interrupted run",
    EXIT_INPUT: "an input is missing, could not be read or changed during the run, or an output could not be "
                "written (other inputs were processed)",
    EXIT_SETUP: "key or model problem (key file unreadable, spaCy model missing)",
    EXIT_ABORTED: "the run stopped (a worker died, the disk is full, internal error); --resume continues it",
    EXIT_RESIDUAL: "finished, but the residual re-scan found more than --fail-on-residual N items",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C/SIGTERM); --resume continues from the last checkpoint",
    EXIT_PIPE_CLOSED: "stdout was closed early (e.g. piped into head)",
}

_BY_CLASS: tuple[tuple[type[BaseException], int], ...] = (
    (ConfigError, EXIT_USAGE),
    (KeyMaterialError, EXIT_SETUP),
    (ModelError, EXIT_SETUP),
    (InputError, EXIT_INPUT),
    (PrivsynthError, EXIT_ABORTED),
)


def code_for(exc: BaseException) -> int:
    """The exit code for an exception that ends a command."""
    own = getattr(exc, "exit_code", None)
    if isinstance(own, int) and isinstance(exc, PrivsynthError):
        return own
    for cls, code in _BY_CLASS:
        if isinstance(exc, cls):
            return code
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, OSError):
        return EXIT_ABORTED if exc.errno in (errno.ENOSPC, errno.EDQUOT) else EXIT_INPUT
    return EXIT_ABORTED


def epilog() -> str:
    """The ``Exit codes:`` block of ``--help`` (click keeps lines after ``\\b`` as they are)."""
    return "\b\nExit codes:\n" + "\n".join(f"  {code:<4} {text}" for code, text in EXIT_CODES.items())
