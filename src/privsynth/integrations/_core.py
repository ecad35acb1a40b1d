"""Engine-independent part of the ETL adapters: ship a config to workers, scrub a column's values there.

Nothing here re-implements detection or replacement: values go through :meth:`Scrubber.scrub_batch` of the
lazily built default engine of the worker process (:func:`privsynth.scrubber.default_scrubber`, one per option
set), so Spark, Dask, pandas and datatrove all give exactly the output of :func:`privsynth.scrub`.
"""
from __future__ import annotations

import dataclasses
import logging
import math
import threading
from dataclasses import dataclass
from typing import Any, Sequence

from ..config import Config
from ..errors import ConfigError, KeyMaterialError, ModelError, PrivsynthError, RecordError
from ..isolation import run_isolated
from ..keys import resolve_key
from ..locales import load_locale
from ..scrubber import Scrubber, default_scrubber

log = logging.getLogger(__name__)

#: Errors that concern the whole job (options, key, model), never one row: always raised, even when not strict.
FATAL_ERRORS = (ConfigError, KeyMaterialError, ModelError)

#: Serializes engine use within a process. Dask's threaded scheduler and multi-threaded Dask workers run
#: partitions in threads that share the process's engine; spaCy does not promise thread-safe inference, and before
#: the engine's Fakers became thread-local, shared use made surrogates depend on thread timing. The work holds the
#: GIL anyway, so this costs no parallelism: that comes from processes.
ENGINE_LOCK = threading.RLock()


class Job:
    """What a worker needs to scrub a partition: the config (with the resolved key) and the error policy.

    It is pickled into the task (a Spark UDF closure, a Dask task argument, a datatrove step). Its ``repr``/``str``
    and its Dask token show the key fingerprint only, so plans, graphs, logs and ``executor.json`` never hold the
    key. It is deliberately not a dataclass: JSON encoders that expand dataclasses (datatrove's) would dump it.
    """

    __slots__ = ("config", "strict", "fingerprint")

    def __init__(self, config: Config, strict: bool, fingerprint: str) -> None:
        self.config = config
        self.strict = strict
        self.fingerprint = fingerprint

    @classmethod
    def create(cls, config: Config | None = None, *, strict: bool = False, **options: Any) -> "Job":
        """Validate options and resolve the key *here* (driver/client), so every worker uses the same key.

        A ``key_file`` is read on the driver (it need not exist on the workers). With no key configured at all,
        the driver's random per-process key is shipped, with the usual warning: the job is then consistent
        across its workers, but not with the next run.
        """
        if not isinstance(strict, bool):
            raise ConfigError(f"strict must be True or False; got {strict!r}.")
        cfg = Config.from_options(config, **options)
        load_locale(cfg.surrogate_locale, cfg.locale_dirs)  # a typo in the locale fails here, not in every worker
        key = resolve_key(cfg.key, cfg.key_file)
        shipped = dataclasses.replace(cfg, key=key.secret, key_file=None)
        return cls(shipped, strict, key.fingerprint)

    def scrubber(self) -> Scrubber:
        """The worker process's engine for this config: built on first use, then reused by every partition."""
        return default_scrubber(self.config)

    def __repr__(self) -> str:
        return f"privsynth.Job(key={self.fingerprint}, strict={self.strict})"

    __str__ = __repr__

    def __dask_tokenize__(self) -> object:
        options = {k: v for k, v in self.config.public_options().items() if k != "key_file"}
        return ("privsynth.Job", self.fingerprint, self.strict, repr(sorted(options.items())))

    def __getstate__(self) -> tuple[Config, bool, str]:
        return (self.config, self.strict, self.fingerprint)

    def __setstate__(self, state: tuple[Config, bool, str]) -> None:
        self.config, self.strict, self.fingerprint = state

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Job) and (self.config, self.strict) == (other.config, other.strict)

    def __hash__(self) -> int:
        return hash((self.config, self.strict))


class RowError(RecordError):
    """A :class:`RecordError` for one row, raised in a worker when ``strict=True``.

    It pickles back to the client intact (Dask and datatrove send a worker's exception back pickled).
    """

    def __init__(self, reason: str, message: str) -> None:
        self._message = message
        super().__init__(reason, message)

    def __reduce__(self) -> tuple[type["RowError"], tuple[str, str]]:
        return (type(self), (self.reason, self._message))


@dataclass
class Outcome:
    """Scrubbed values of one column chunk, position by position (``None`` where the input was null or bad)."""

    texts: list[str | None]
    spans: list[list[dict[str, Any]] | None]
    errors: list[str | None]
    nulls: list[bool]

    @property
    def bad(self) -> int:
        return sum(e is not None for e in self.errors)


def is_null(value: object) -> bool:
    """``None``, ``NaN`` (pandas 3's missing string), ``pd.NA`` and ``pd.NaT`` are nulls; they stay null."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    kind = type(value)
    return kind.__module__.startswith("pandas") and kind.__name__ in ("NAType", "NaTType")


def _reason(exc: BaseException) -> str:
    # A privsynth message never quotes personal data; any other exception's message might, so give its type only.
    if isinstance(exc, PrivsynthError):
        return f"{type(exc).__name__}: {exc}"
    return f"{type(exc).__name__} (message withheld: it may quote the text)"


def _not_text(value: object) -> str:
    if isinstance(value, (bytes, bytearray)):
        return "InputError: value is bytes, not str; decode it first"
    return f"InputError: value is {type(value).__name__}, not str"


def scrub_values(values: Sequence[object], job: Job, where: str = "") -> Outcome:
    """Scrub every text in ``values`` through ``scrub_batch``; nulls stay null; bad rows per ``job.strict``.

    A bad row is a value that is not a ``str`` or one the engine fails on. Not strict: it becomes null, its
    reason goes to ``Outcome.errors`` and one warning with the count (never a value) is logged. Strict: a
    :class:`RecordError` naming the row's position. Errors about the whole job (options, key, model) are always
    raised. ``where`` describes the chunk for messages (e.g. ``"partition 3"``).
    """
    n = len(values)
    texts: list[str | None] = [None] * n
    spans: list[list[dict[str, Any]] | None] = [None] * n
    errors: list[str | None] = [None] * n
    nulls = [False] * n
    todo: list[int] = []
    for i, value in enumerate(values):
        if isinstance(value, str):
            todo.append(i)
        elif is_null(value):
            nulls[i] = True
        else:
            errors[i] = _not_text(value)
            if job.strict:
                raise RowError("not_text", _where(i, where) + f" is not text: {errors[i]}. "
                               "Cast the column to string, or pass strict=False to leave such rows null.")
    if todo:
        with ENGINE_LOCK:
            _scrub_todo(values, todo, job, where, texts, spans, errors)
    outcome = Outcome(texts, spans, errors, nulls)
    if outcome.bad:
        first = [i for i, e in enumerate(errors) if e is not None][:5]
        log.warning("privsynth: %d of %d rows%s could not be scrubbed and were left null (positions %s%s); "
                    "pass strict=True to fail instead, or error_col=... to keep the reasons.", outcome.bad, n,
                    f" of {where}" if where else "", first, ", ..." if outcome.bad > len(first) else "")
    return outcome


def _scrub_todo(values: Sequence[object], todo: list[int], job: Job, where: str, texts: list[str | None],
                spans: list[list[dict[str, Any]] | None], errors: list[str | None]) -> None:
    scrubber = job.scrubber()
    # One bad row spoils its batch: run_isolated redoes the rest one by one to pin the failure on its row.
    done = run_isolated(scrubber.scrub_batch, [values[i] for i in todo], run_one=scrubber.scrub,
                        fatal=FATAL_ERRORS)
    for i, item in zip(todo, done):
        if item.error is None:
            texts[i], spans[i] = item.value.text, item.value.annotations()
        elif job.strict:
            cause = item.error if isinstance(item.error, PrivsynthError) else None
            raise _row_error(i, where, item.error) from cause
        else:
            errors[i] = _reason(item.error)


def _where(i: int, where: str) -> str:
    return f"Row {i}" + (f" of {where}" if where else "")


def _row_error(i: int, where: str, exc: BaseException) -> RowError:
    return RowError("engine_error", _where(i, where) + f" could not be scrubbed ({_reason(exc)}). "
                    "Pass strict=False to leave such rows null and count them.")
