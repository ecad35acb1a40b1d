"""One typed error tree. Every message says what went wrong and what to do; none ever quotes personal data.

Codes follow spaCy's habit (``E001``…) so that users can search for them; each message starts with its code
(``[E001] …``). The whole tree, as httpx documents its exceptions::

    PrivsynthError        E000  base of every error privsynth raises on purpose
    ├── ConfigError       E001  an option, recognizer file or locale pack is invalid (also a ValueError)
    ├── KeyMaterialError  E002  the consistency key is missing, unreadable or too weak
    ├── InputError        E003  the input is not text privsynth can process (also a TypeError)
    ├── ModelError        E004  a spaCy/GiNZA/transformers model is not installed or cannot be loaded
    ├── RecordError       E005  one batch record cannot be processed; ``reason`` is its quarantine code
    │   └── RowError      E005  one DataFrame/dataset row, in ``strict`` integrations (integrations._core)
    ├── PlanError         E010  the inputs/outputs of a batch run do not fit together (batch.plan)
    │   ├── OutputExists  E014  an output exists and neither --overwrite nor --resume was given (batch.plan)
    │   └── MissingInput  E016  an input file or folder does not exist (batch.plan)
    ├── ResumeError       E011  ``--resume`` cannot continue the recorded run (batch.manifest)
    ├── RunAborted        E012  the run stopped before the end; ``--resume`` continues it (batch.workers)
    ├── OutputBusy        E013  another run holds the lock on the same output (batch.run)
    └── InputChanged      E015  an input changed while the run read it (batch.run)

:data:`CODES` lists every code with its class name; a code is never reused for another meaning. Which exit code
each error gives a command is :mod:`privsynth.exitcodes`. Quarantine *reason* codes of single records
(``bad_json``, ``record_too_large``, …) are data, not exceptions: :data:`privsynth.io.REASONS`.
"""
from __future__ import annotations


def _restore(cls: type, args: tuple, state: dict) -> "PrivsynthError":
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class PrivsynthError(Exception):
    """Base class of every error privsynth raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")

    def __reduce__(self):
        # Errors cross process boundaries (multiprocessing, Dask, Spark): rebuild them without re-running
        # __init__, which would prefix the code twice or need arguments the pickle does not carry.
        return _restore, (type(self), self.args, self.__dict__)


class ConfigError(PrivsynthError, ValueError):
    """An option, recognizer file or locale pack is invalid."""

    code = "E001"


class KeyMaterialError(PrivsynthError):
    """The consistency key is missing, unreadable or too weak."""

    code = "E002"


class InputError(PrivsynthError, TypeError):
    """The input is not text privsynth can process (wrong type, undecodable bytes, …)."""

    code = "E003"


class ModelError(PrivsynthError):
    """A spaCy/GiNZA/transformers model is not installed or cannot be loaded."""

    code = "E004"


class RecordError(PrivsynthError):
    """A single batch record cannot be processed; batch mode quarantines it with ``reason``."""

    code = "E005"

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


#: Every error code → the class that carries it (the batch classes live in :mod:`privsynth.batch`).
CODES = {
    "E000": "PrivsynthError", "E001": "ConfigError", "E002": "KeyMaterialError", "E003": "InputError",
    "E004": "ModelError", "E005": "RecordError", "E010": "PlanError", "E011": "ResumeError", "E012": "RunAborted",
    "E013": "OutputBusy", "E014": "OutputExists", "E015": "InputChanged", "E016": "MissingInput",
}

__all__ = ["PrivsynthError", "ConfigError", "KeyMaterialError", "InputError", "ModelError", "RecordError", "CODES"]
