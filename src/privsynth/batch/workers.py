"""Where the Scrubber runs: in this process (``workers == 1``) or in a pool of worker processes.

Both engines take a chunk of texts and give back a :class:`ChunkResult` of typed outcomes, one per text, in
order: :class:`Scrubbed`, :class:`Detected` or :class:`Failed` (the engine failed on that text alone; the message
is never kept, since it may quote the text). Errors that stop the run (a worker could not load its model) travel
back as themselves: privsynth's errors pickle (see :mod:`privsynth.errors`).
"""
from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterator, Union

from ..config import Config
from ..errors import PrivsynthError, RecordError
from ..exitcodes import EXIT_ABORTED
from ..isolation import run_isolated
from .longtext import NerPool

WARM_UP = "Warm-up text for Mary Example in Springfield."

#: The math libraries' thread pools get one thread in each worker process: the processes are the parallelism. A
#: process that loads OpenBLAS with its default of one thread per core spends ~15-20 % more CPU on the same NER
#: (spaCy English and GiNZA alike, measured on 300 texts each), and limiting it afterwards (threadpoolctl, or a
#: fork of a parent that loaded it) does not win that back: the variables must be there when the process starts.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@contextlib.contextmanager
def single_threaded_children() -> Iterator[None]:
    """Processes started (spawned) inside the block load their math libraries with one thread each, unless the
    user set the variables. This process's own environment is restored afterwards."""
    added = [v for v in THREAD_VARIABLES if v not in os.environ]
    for v in added:
        os.environ[v] = "1"
    try:
        yield
    finally:
        for v in added:
            os.environ.pop(v, None)


class RunAborted(PrivsynthError):
    """The run stopped before the end (a worker died, an output failed); ``--resume`` continues it."""

    code = "E012"
    exit_code = EXIT_ABORTED


# ------------------------------------------------------------------------------------------------------ outcomes
@dataclass(frozen=True)
class Scrubbed:
    text: str
    replacements: tuple[tuple[int, int, str], ...]   # (start, end, entity type) in the output text
    bias: dict[str, Any] | None = None
    residual: tuple[tuple[str, int], ...] = ()       # re-scan: (entity type, count) found outside replacements


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str


@dataclass(frozen=True)
class Detected:
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Failed:
    reason: str          # a quarantine reason code
    detail: str          # an error code or exception type, never a message


Outcome = Union[Scrubbed, Detected, Failed]


@dataclass(frozen=True)
class ChunkResult:
    pid: int | None
    outcomes: tuple[Outcome, ...]


def _scrubbed(result: Any) -> Scrubbed:
    return Scrubbed(result.text, tuple((r.output_start, r.output_end, r.entity_type) for r in result.replacements),
                    getattr(result, "bias", None) or None)


def _detected(findings: Any) -> Detected:
    return Detected(tuple(Finding(f.start, f.end, f.entity_type, round(float(f.score), 4), f.recognizer)
                          for f in findings))


def _failed(exc: BaseException) -> Failed:
    if isinstance(exc, RecordError):
        return Failed(exc.reason, exc.code)
    if isinstance(exc, PrivsynthError):
        return Failed("engine_error", exc.code)
    return Failed("engine_error", type(exc).__name__)  # the message may quote the text: the type only


def process_texts(scrubber: Any, command: str, texts: list[str], rescan: Any = None) -> tuple[Outcome, ...]:
    """Scrub (or detect in) a chunk of texts; a text the engine fails on gets a :class:`Failed`.

    With ``rescan`` (a Scrubber), every scrubbed text is searched again and what is found outside its
    replacements is counted per type (the residual: personal data the first pass missed).
    """
    run = scrubber.scrub_batch if command == "scrub" else scrubber.detect_batch
    wrap = _scrubbed if command == "scrub" else _detected
    out: list[Outcome] = []
    for item in run_isolated(lambda batch: [wrap(r) for r in run(batch)], texts):
        out.append(_failed(item.error) if item.error is not None else item.value)  # type: ignore[arg-type]
    if rescan is not None and command == "scrub":
        out = _with_residual(rescan, out)
    return tuple(out)


def _with_residual(rescan: Any, outcomes: list[Outcome]) -> list[Outcome]:
    done = [i for i, o in enumerate(outcomes) if isinstance(o, Scrubbed)]
    found = run_isolated(lambda batch: list(rescan.detect_batch(batch)),
                         [outcomes[i].text for i in done])  # type: ignore[union-attr]
    for i, item in zip(done, found):
        scrubbed: Scrubbed = outcomes[i]  # type: ignore[assignment]
        if item.error is not None:  # the scrubbed text itself is fine; only the check failed
            outcomes[i] = replace(scrubbed, residual=(("RESCAN_FAILED", 1),))
            continue
        outcomes[i] = replace(scrubbed, residual=residual_counts(item.value or (), scrubbed.replacements))
    return outcomes


def residual_counts(findings: Any, replacements: tuple[tuple[int, int, str], ...]) -> tuple[tuple[str, int], ...]:
    """Per type, the findings that overlap no replacement (a surrogate re-detected as itself is no residual)."""
    counts: dict[str, int] = {}
    for f in findings:
        if not any(f.start < b and a < f.end for a, b, _ in replacements):
            counts[f.entity_type] = counts.get(f.entity_type, 0) + 1
    return tuple(sorted(counts.items()))


def rescanner(scrubber: Any, config: Config, factory: Callable[[Config], Any] | None = None) -> Any:
    """The Scrubber for the residual re-scan: recall-first when the engine has a ``sensitivity`` option."""
    fields = {f.name for f in dataclasses.fields(config)} if dataclasses.is_dataclass(config) else set()
    if "sensitivity" not in fields or getattr(config, "sensitivity", None) == "strict":
        return scrubber
    strict = Config.from_options(config, sensitivity="strict")
    if factory is not None:
        return factory(strict)
    from ..scrubber import Scrubber

    return Scrubber(strict)


# ------------------------------------------------------------------------------------------------------ in process
class _Done:
    """A finished future for the in-process engine."""

    def __init__(self, value: Any) -> None:
        self._value = value

    def done(self) -> bool:
        return True

    def result(self) -> Any:
        return self._value


class InlineEngine:
    """``workers == 1``: the Scrubber lives in this process (no start-up cost, no pickling)."""

    def __init__(self, config: Config, command: str, factory: Callable[[Config], Any] | None = None,
                 residual: bool = False) -> None:
        from ..scrubber import Scrubber

        self.scrubber = (factory or Scrubber)(config)
        self.rescan = rescanner(self.scrubber, config, factory) if residual else None
        self.command = command
        self.pid = os.getpid()

    def start(self) -> dict[str, str]:
        list(self.scrubber.detect_batch([WARM_UP]))
        return self.scrubber.versions()

    def submit(self, texts: list[str]) -> _Done:
        return _Done(ChunkResult(self.pid, process_texts(self.scrubber, self.command, texts, self.rescan)))

    def close(self, *, cancel: bool = False) -> None:
        pass


# ------------------------------------------------------------------------------------------------------ the pool
_WORKER: dict[str, Any] = {}  # per worker process: the Scrubber built by the initializer (or its load error)


def _init_worker(config: Config, command: str, parent_pid: int, barrier: Any = None, residual: bool = False) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    _WORKER["barrier"] = barrier
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    try:
        from ..scrubber import Scrubber

        scrubber = Scrubber(config)
        list(scrubber.detect_batch([WARM_UP]))  # load the models now
        _WORKER["scrubber"] = scrubber
        _WORKER["rescan"] = rescanner(scrubber, config) if residual else None
    except BaseException as exc:  # reported with the first chunk, so the parent can show one clear line
        _WORKER["error"] = exc
    _WORKER["command"] = command


def _watch_parent(parent_pid: int) -> None:
    # A killed parent (kill -9) cannot stop its pool: exit when we are orphaned instead of idling forever.
    while True:
        time.sleep(1.0)
        if os.getppid() != parent_pid:
            os._exit(3)


def _worker_task(texts: list[str]) -> ChunkResult:
    if "error" in _WORKER:
        raise _WORKER["error"]
    return ChunkResult(os.getpid(), process_texts(_WORKER["scrubber"], _WORKER["command"], texts,
                                                  _WORKER.get("rescan")))


def _worker_ready() -> dict[str, str]:
    """Run once per worker at start-up: the barrier makes each of the N start tasks land on a different worker,
    so every worker has loaded its model before the first chunk is sent."""
    barrier = _WORKER.get("barrier")
    if "error" in _WORKER:
        if barrier is not None:
            barrier.abort()
        raise _WORKER["error"]
    if barrier is not None:
        barrier.wait(timeout=600)
    return _WORKER["scrubber"].versions()


class _PoolFuture:
    def __init__(self, future: Future) -> None:
        self._future = future

    def done(self) -> bool:
        return self._future.done()

    def result(self) -> Any:
        try:
            return self._future.result()
        except threading.BrokenBarrierError:
            raise RunAborted("a worker process could not start; see the error above") from None


class _Merged:
    """A chunk whose long texts were done in this process (their pieces in the workers) and whose other texts
    went to a worker as one task: the outcomes in the chunk's order."""

    def __init__(self, rest: _PoolFuture | None, done: dict[int, Outcome], size: int) -> None:
        self._rest, self._done, self._size = rest, done, size

    def done(self) -> bool:
        return self._rest is None or self._rest.done()

    def result(self) -> ChunkResult:
        rest = iter(self._rest.result().outcomes if self._rest is not None else ())
        return ChunkResult(None, tuple(self._done[i] if i in self._done else next(rest) for i in range(self._size)))


class PoolEngine:
    """``workers > 1``: one Scrubber per worker process, built once in the initializer.

    A text longer than ``split_above`` characters does not occupy one worker: its model pieces are spread over all
    of them and the rest of its scrubbing runs in this process (:mod:`.longtext`), with the same result."""

    def __init__(self, config: Config, command: str, workers: int, start_method: str = "spawn",
                 residual: bool = False, split_above: int | None = None) -> None:
        ctx = multiprocessing.get_context(start_method)
        self.workers = workers
        self.config, self.command, self.residual = config, command, residual
        # Without the model there is nothing to spread: the text goes to one worker whole.
        self.split_above = split_above if split_above and config.ner else None
        self._local: tuple[Any, Any, NerPool] | None = None
        barrier = ctx.Barrier(workers)
        self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                                            initargs=(config, command, os.getpid(), barrier, residual))

    def start(self) -> dict[str, str]:
        # The workers are spawned by these submits. Ctrl-C must not reach them while they import (it would print
        # a traceback from each); ignored signals stay ignored across exec, so spawn them with SIGINT ignored.
        # The parent handles Ctrl-C and stops the pool.
        on_main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if on_main else None
        try:
            with single_threaded_children():
                futures = [_PoolFuture(self.executor.submit(_worker_ready)) for _ in range(self.workers)]
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
        versions: dict[str, str] = {}
        errors: list[tuple[int, BaseException]] = []
        for f in futures:
            try:
                versions = versions or f.result()
            except RunAborted as exc:  # a broken barrier: another worker failed first; report that one
                errors.append((1, exc))
            except Exception as exc:
                errors.append((0, exc))
        if errors:
            raise min(errors, key=lambda e: e[0])[1]
        return versions

    def submit(self, texts: list[str]) -> _PoolFuture | _Merged:
        limit = self.split_above
        long = {i for i, t in enumerate(texts) if limit and isinstance(t, str) and len(t) > limit}
        if not long:
            return _PoolFuture(self.executor.submit(_worker_task, texts))
        rest = [t for i, t in enumerate(texts) if i not in long]
        future = _PoolFuture(self.executor.submit(_worker_task, rest)) if rest else None
        return _Merged(future, {i: self._split(texts[i]) for i in sorted(long)}, len(texts))

    def _split(self, text: str) -> Outcome:
        """One long text: detection's model pieces in the workers, the rest here (patterns meanwhile)."""
        if self._local is None:
            from ..scrubber import Scrubber

            scrubber = Scrubber(self.config)
            self._local = (scrubber, rescanner(scrubber, self.config) if self.residual else None,
                           NerPool(self.executor, self.workers))
        scrubber, rescan, ner = self._local
        try:
            if self.command != "scrub":
                return _detected(next(scrubber.detect_batch([text], ner=ner)))
            out = _scrubbed(next(scrubber.scrub_batch([text], ner=ner)))
        except (BrokenProcessPool, RunAborted, KeyboardInterrupt):
            raise
        except Exception as exc:
            return _failed(exc)
        if rescan is None:
            return out
        try:
            found = next(rescan.detect_batch([out.text], ner=ner))
        except (BrokenProcessPool, RunAborted, KeyboardInterrupt):
            raise
        except Exception:
            return replace(out, residual=(("RESCAN_FAILED", 1),))
        return replace(out, residual=residual_counts(found, out.replacements))

    def close(self, *, cancel: bool = False) -> None:
        if cancel:
            procs = list(getattr(self.executor, "_processes", {}).values())
            self.executor.shutdown(wait=False, cancel_futures=True)
            for p in procs:
                try:
                    p.terminate()
                except Exception:
                    pass
            for p in procs:
                p.join(timeout=5)
        else:
            self.executor.shutdown(wait=True)
