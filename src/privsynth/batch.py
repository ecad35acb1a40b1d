"""Corpus runs: inputs → records → ``Scrubber.scrub_batch`` (in worker processes) → outputs + quarantine + manifest.

The run is a pipeline of events read from the inputs in order (``start`` a file, a ``chunk`` of records, ``end``
a file). Chunks are sent to a pool of worker processes, each of which builds one :class:`~privsynth.Scrubber` in
its initializer; results are consumed strictly in submission order, so outputs keep the input order whatever the
number of workers. At most ``2 × workers + 1`` chunks are in flight, so memory is bounded by a few chunks.

**Checkpoints and resume.** Every ``checkpoint_every`` records (or ``checkpoint_bytes`` of input), always at a chunk
boundary and counted from the previous checkpoint (so the positions depend only on the input, never on timing or
on the number of workers), the output and quarantine files are flushed and fsynced (compressed outputs end their
gzip member / zstd frame / bz2 stream there) and the manifest records the file lengths and the input position.
``resume`` truncates the partial files to those lengths and re-reads the input from the recorded position, which
reproduces the uninterrupted run byte for byte.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from .config import Config
from .errors import PrivsynthError, RecordError
from .io.atomic import partial_path, publish
from .io.compression import split_compression
from .io.fields import FieldPath, get_path, MISSING, path_name
from .io.formats import (CANONICAL_EXTENSION, WRITERS, ByteSink, CsvReader, JobError, ParquetReader, ParquetSink,
                         ReadOptions, Reader, Unit, WriteOptions, csv_delimiter, detect_format, open_reader,
                         parquet_output_schema)
from .io.quarantine import Quarantine

log = logging.getLogger(__name__)

MANIFEST_VERSION = 1
ARTIFACT_SUFFIXES = (".manifest.json", ".quarantine.jsonl", ".privsynth-partial", ".privsynth-tmp", ".segments")


class PlanError(PrivsynthError):
    """The inputs/outputs of a run do not fit together (a usage error)."""

    code = "E010"


class ResumeError(PrivsynthError):
    """``--resume`` cannot continue the recorded run with these inputs or options."""

    code = "E011"


class RunAborted(PrivsynthError):
    """The run stopped before the end (a worker died, an output failed); ``--resume`` continues it."""

    code = "E012"


class Interrupted(Exception):
    """Ctrl-C or SIGTERM: the partial files and the last checkpoint are kept for ``--resume``."""


# ------------------------------------------------------------------------------------------------------ planning
@dataclass
class Job:
    """One input and where its records go."""

    index: int
    source: str
    path: Path | None                 # None: stdin
    output: Path | None               # None: stdout (scrub) / the shared output (detect)
    format: str
    compression: str | None
    out_format: str
    out_compression: str | None
    delimiter: str = ","
    size: int | None = None
    mtime_ns: int | None = None

    def identity(self) -> dict[str, Any]:
        return {"source": self.source, "size": self.size, "mtime_ns": self.mtime_ns}


def _is_artifact(name: str) -> bool:
    return name.startswith(".") or any(name.endswith(s) for s in ARTIFACT_SUFFIXES)


def _out_name(name: str, fmt: str, out_fmt: str) -> str:
    if fmt == out_fmt:
        return name
    base, compression = split_compression(name)
    stem, _ = os.path.splitext(base)
    ext = {"gzip": ".gz", "zstd": ".zst", "bz2": ".bz2"}.get(compression or "", "")
    return stem + CANONICAL_EXTENSION[out_fmt] + ext


def _check_conversion(fmt: str, out_fmt: str, source: str) -> None:
    if fmt != out_fmt and out_fmt != "jsonl":
        raise PlanError(f"cannot convert {fmt} to {out_fmt} ({source}); convert to jsonl or keep the format")


def plan_jobs(inputs: list[str], output: str | None, *, fmt: str | None = None, out_fmt: str | None = None,
              command: str = "scrub") -> list[Job]:
    """Expand files and directories into :class:`Job`\\ s and map them to outputs (mirroring directories)."""
    if not inputs:
        raise PlanError("no input given; pass files, directories or '-' for stdin")
    if "-" in inputs and len(inputs) > 1:
        raise PlanError("'-' (stdin) cannot be combined with other inputs")
    found: list[tuple[str, Path | None, str | None]] = []  # (source, path, relpath within a dir input)
    dir_inputs = 0
    for arg in inputs:
        if arg == "-":
            found.append(("<stdin>", None, None))
            continue
        p = Path(arg)
        if p.is_dir():
            dir_inputs += 1
            files = sorted(f for f in p.rglob("*") if f.is_file()
                           and not any(_is_artifact(part) for part in f.relative_to(p).parts))
            picked = 0
            for f in files:
                ffmt, _ = detect_format(f.name)
                if ffmt is None or (fmt is not None and ffmt != fmt):
                    continue
                rel = f.relative_to(p).as_posix()
                if dir_inputs > 1 or len(inputs) > 1:
                    rel = f"{p.name}/{rel}"
                found.append((str(f), f, rel))
                picked += 1
            if not picked:
                raise PlanError(f"directory {arg!r} has no {fmt or 'jsonl/txt/csv/parquet'} files")
        elif p.exists():
            found.append((arg, p, None))
        else:
            raise PlanError(f"input {arg!r} does not exist")

    multi = len(found) > 1 or dir_inputs > 0
    out_path = None if output in (None, "-") else Path(output)
    if command == "scrub" and multi and out_path is None:
        raise PlanError("several inputs or a directory need -o/--output DIRECTORY")
    out_is_dir = out_path is not None and command == "scrub" and (
        multi or out_path.is_dir() or str(output).endswith(("/", os.sep)))
    if out_is_dir and out_path is not None and out_path.exists() and not out_path.is_dir():
        raise PlanError(f"output {output!r} is a file, but the inputs need an output directory")

    jobs: list[Job] = []
    seen: dict[str, str] = {}
    for index, (source, path, rel) in enumerate(found):
        if path is None:
            in_fmt, compression = fmt or "txt", None
        else:
            detected, compression = detect_format(path.name)
            in_fmt = fmt or detected  # type: ignore[assignment]
            if in_fmt is None:
                raise PlanError(f"cannot tell the format of {source!r} from its extension; pass --format")
        delimiter = csv_delimiter(path.name) if path is not None else ","
        target_fmt = out_fmt or in_fmt
        if command == "scrub":
            _check_conversion(in_fmt, target_fmt, source)
        target: Path | None = None
        out_compression: str | None = None
        if command == "scrub":
            if out_is_dir:
                assert out_path is not None
                name = rel if rel is not None else (path.name if path is not None else "stdin.txt")
                target = out_path / _out_name(name, in_fmt, target_fmt)
                key = str(target)
                if key in seen:
                    raise PlanError(f"inputs {seen[key]!r} and {source!r} would both be written to {key!r}")
                seen[key] = source
            elif out_path is not None:
                target = out_path
                ofmt, _ = detect_format(out_path.name)
                if out_fmt is None and ofmt is not None:
                    target_fmt = ofmt
                    _check_conversion(in_fmt, target_fmt, source)
            if target is not None:
                out_compression = split_compression(target.name)[1]
                if path is not None and target.exists() and os.path.samefile(target, path):
                    raise PlanError(f"output {str(target)!r} is the input itself; choose another -o")
            if target_fmt == "parquet" and target is None:
                raise PlanError("Parquet cannot be written to stdout; pass -o FILE")
        st = path.stat() if path is not None else None
        jobs.append(Job(index, source, path, target, in_fmt, compression, target_fmt, out_compression, delimiter,
                        st.st_size if st else None, st.st_mtime_ns if st else None))
    if out_is_dir and out_path is not None:
        for arg in inputs:
            if arg != "-" and Path(arg).is_dir():
                a, o = Path(arg).resolve(), out_path.resolve()
                if o == a or a in o.parents:
                    raise PlanError(f"output directory {output!r} is inside the input directory {arg!r}")
    return jobs


def sidecar(output: str | None, suffix: str) -> Path | None:
    """``out/`` → ``out.manifest.json``; ``clean.csv`` → ``clean.csv.manifest.json``; stdout → None."""
    if output in (None, "-"):
        return None
    trimmed = str(output).rstrip("/" + os.sep)
    if Path(trimmed or "/").name in ("", ".", ".."):  # -o . : inside the directory (skipped as an input)
        return Path(output) / ("privsynth" + suffix)  # type: ignore[arg-type]
    return Path(trimmed + suffix)


# ------------------------------------------------------------------------------------------------------ options
@dataclass
class BatchOptions:
    command: str = "scrub"                       # "scrub" | "detect"
    text_fields: tuple[FieldPath, ...] = (("text",),)
    whole_file: bool = False
    allow_missing: bool = False
    annotations_field: str | None = None         # scrub --annotations
    id_fields: tuple[FieldPath, ...] = ()        # detect --id-field
    max_record_bytes: int = 10 * 1024 * 1024
    workers: int = 1
    chunk_records: int = 64
    chunk_bytes: int = 1 << 20
    checkpoint_every: int = 10_000
    checkpoint_bytes: int = 64 << 20
    resume: bool = False
    manifest: Path | None = None
    quarantine: Path | None = None
    report_html: Path | None = None
    detect_output: Path | None = None            # detect: one JSONL for all inputs (None: stdout)
    progress: str = "auto"                       # "auto" | "bar" | "lines" | "none"
    progress_interval: float = 10.0
    samples: int = 6
    key_fingerprint: str = ""
    key_source: str = ""
    key_ephemeral: bool = False
    start_method: str = "spawn"
    scrubber_factory: Callable[[Config], Any] | None = None  # tests: reuse a loaded Scrubber (workers == 1)

    def resume_signature(self, config: Config) -> dict[str, Any]:
        """Everything that decides the output bytes; a resumed run must match it exactly."""
        opts = {k: v for k, v in dict(config.public_options()).items() if k != "key_file"}
        opts["entities"] = list(opts.get("entities", ()))
        return {
            "command": self.command, "config": opts, "key_fingerprint": self.key_fingerprint,
            "text_fields": [path_name(p) for p in self.text_fields], "whole_file": self.whole_file,
            "allow_missing": self.allow_missing, "annotations_field": self.annotations_field,
            "id_fields": [path_name(p) for p in self.id_fields], "max_record_bytes": self.max_record_bytes,
            "chunk_records": self.chunk_records, "chunk_bytes": self.chunk_bytes,
            "checkpoint_every": self.checkpoint_every, "checkpoint_bytes": self.checkpoint_bytes,
        }


# ------------------------------------------------------------------------------------------------------ engines
_WORKER: dict[str, Any] = {}  # per worker process: the Scrubber built by the initializer (or its load error)


def _init_worker(config: Config, command: str, parent_pid: int, barrier: Any = None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    _WORKER["barrier"] = barrier
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    try:
        from .scrubber import Scrubber

        scrubber = Scrubber(config)
        list(scrubber.detect_batch(["Warm-up text for Mary Example in Springfield."]))  # load the models now
        _WORKER["scrubber"] = scrubber
    except BaseException as exc:  # reported with the first chunk, so the parent can show one clear line
        _WORKER["error"] = exc
    _WORKER["command"] = command


def _watch_parent(parent_pid: int) -> None:
    # A killed parent (kill -9) cannot stop its pool: exit when we are orphaned instead of idling forever.
    while True:
        time.sleep(1.0)
        if os.getppid() != parent_pid:
            os._exit(3)


class _Relay(Exception):
    """Carries a privsynth error from a worker: the error classes add their code in ``__init__``, so pickling
    them as such would garble the message (or fail, for ``RecordError``)."""

    def __init__(self, module: str, name: str, message: str) -> None:
        super().__init__(module, name, message)

    def rebuild(self) -> BaseException:
        import importlib

        module, name, message = self.args
        try:
            cls = getattr(importlib.import_module(module), name)
            exc = cls.__new__(cls)
            Exception.__init__(exc, message)
            return exc
        except Exception:
            return RunAborted(message)


def _portable(exc: BaseException) -> BaseException:
    if isinstance(exc, PrivsynthError):
        return _Relay(type(exc).__module__, type(exc).__name__, str(exc))
    return exc


def _worker_task(texts: list[str]) -> tuple[int, list[Any]]:
    if "error" in _WORKER:
        raise _portable(_WORKER["error"])
    return os.getpid(), process_texts(_WORKER["scrubber"], _WORKER["command"], texts)


def _worker_ready() -> dict[str, str]:
    """Run once per worker at start-up: the barrier makes each of the N start tasks land on a different worker,
    so every worker has loaded its model before the first chunk is sent."""
    barrier = _WORKER.get("barrier")
    if "error" in _WORKER:
        if barrier is not None:
            barrier.abort()
        raise _portable(_WORKER["error"])
    if barrier is not None:
        barrier.wait(timeout=600)
    return _WORKER["scrubber"].versions()


def _pack_scrub(result: Any) -> tuple[Any, ...]:
    return ("ok", result.text, [(r.output_start, r.output_end, r.entity_type) for r in result.replacements],
            getattr(result, "bias", None) or None)


def merge_bias(total: dict[str, Any], part: dict[str, Any] | None) -> None:
    """Add the name-mix counts of one result (``ScrubResult.bias``: side → dimension → label → n) to ``total``."""
    for side, dims in (part or {}).items():
        if not isinstance(dims, dict):
            continue
        tside = total.setdefault(side, {})
        for dim, labels in dims.items():
            if not isinstance(labels, dict):
                continue
            tdim = tside.setdefault(dim, {})
            for label, n in labels.items():
                if isinstance(n, int):
                    tdim[label] = tdim.get(label, 0) + n


def _pack_detect(findings: Any) -> tuple[Any, ...]:
    return ("ok", [(f.start, f.end, f.entity_type, round(float(f.score), 4), f.recognizer) for f in findings])


def process_texts(scrubber: Any, command: str, texts: list[str]) -> list[Any]:
    """Scrub (or detect in) a chunk of texts; a text that makes the engine fail gets ``("error", reason, detail)``."""
    run = scrubber.scrub_batch if command == "scrub" else scrubber.detect_batch
    pack = _pack_scrub if command == "scrub" else _pack_detect
    try:
        return [pack(r) for r in run(texts)]
    except Exception:
        log.debug("a chunk of %d texts failed; retrying one by one", len(texts))
    out: list[Any] = []
    for text in texts:
        try:
            out.append(pack(next(iter(run([text])))))
        except RecordError as exc:
            out.append(("error", exc.reason, exc.code))
        except PrivsynthError as exc:
            out.append(("error", "engine_error", exc.code))
        except Exception as exc:  # the message may quote the text: report the type only
            out.append(("error", "engine_error", type(exc).__name__))
    return out


class _Done:
    """A finished future for the in-process engine."""

    def __init__(self, value: Any = None, error: BaseException | None = None) -> None:
        self._value, self._error = value, error

    def done(self) -> bool:
        return True

    def result(self) -> Any:
        if self._error is not None:
            raise self._error
        return self._value


class InlineEngine:
    """``workers == 1``: the Scrubber lives in this process (no start-up cost, no pickling)."""

    def __init__(self, config: Config, command: str, factory: Callable[[Config], Any] | None = None) -> None:
        from .scrubber import Scrubber

        self.scrubber = (factory or Scrubber)(config)
        self.command = command
        self.pid = os.getpid()

    def start(self) -> dict[str, str]:
        list(self.scrubber.detect_batch(["Warm-up text for Mary Example in Springfield."]))
        return self.scrubber.versions()

    def submit(self, texts: list[str]) -> _Done:
        return _Done((self.pid, process_texts(self.scrubber, self.command, texts)))

    def close(self, *, cancel: bool = False) -> None:
        pass


class _PoolFuture:
    def __init__(self, future: Future) -> None:
        self._future = future

    def done(self) -> bool:
        return self._future.done()

    def result(self) -> Any:
        try:
            return self._future.result()
        except _Relay as relay:
            raise relay.rebuild() from None
        except threading.BrokenBarrierError:
            raise RunAborted("a worker process could not start; see the error above") from None


class PoolEngine:
    """``workers > 1``: one Scrubber per worker process, built once in the initializer."""

    def __init__(self, config: Config, command: str, workers: int, start_method: str = "spawn") -> None:
        ctx = multiprocessing.get_context(start_method)
        self.workers = workers
        barrier = ctx.Barrier(workers)
        self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                                            initargs=(config, command, os.getpid(), barrier))

    def start(self) -> dict[str, str]:
        futures = [_PoolFuture(self.executor.submit(_worker_ready)) for _ in range(self.workers)]
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

    def submit(self, texts: list[str]) -> "_PoolFuture":
        return _PoolFuture(self.executor.submit(_worker_task, texts))

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


# ------------------------------------------------------------------------------------------------------ run state
@dataclass
class JobStats:
    status: str = "pending"              # pending | running | complete | failed
    records_in: int = 0
    records_out: int = 0
    quarantined: int = 0
    blank_lines: int = 0
    reasons: Counter = field(default_factory=Counter)
    entities: Counter = field(default_factory=Counter)
    units_done: int = 0
    input_bytes_done: int = 0
    sha256: str | None = None
    error: str | None = None
    output_bytes: int | None = None
    worker_pids: set = field(default_factory=set)
    seconds: float = 0.0
    bias: dict = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "records_in": self.records_in, "records_out": self.records_out,
                "quarantined": self.quarantined, "blank_lines": self.blank_lines,
                "quarantine_reasons": dict(sorted(self.reasons.items())),
                "entities": dict(sorted(self.entities.items())), "units_done": self.units_done,
                "sha256": self.sha256, "error": self.error, "output_bytes": self.output_bytes,
                "worker_pids": sorted(self.worker_pids), "seconds": round(self.seconds, 3), "bias": self.bias}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "JobStats":
        return cls(status=data["status"], records_in=data["records_in"], records_out=data["records_out"],
                   quarantined=data["quarantined"], blank_lines=data.get("blank_lines", 0),
                   reasons=Counter(data.get("quarantine_reasons", {})), entities=Counter(data.get("entities", {})),
                   units_done=data.get("units_done", 0), sha256=data.get("sha256"), error=data.get("error"),
                   output_bytes=data.get("output_bytes"), worker_pids=set(data.get("worker_pids", [])),
                   seconds=data.get("seconds", 0.0), bias=data.get("bias") or {})


@dataclass
class Chunk:
    units: list[Unit] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    nbytes: int = 0
    end: int = 0             # units of the input consumed up to and including this chunk
    position: int = 0        # raw input bytes read (progress)
    checkpoint: bool = False


@dataclass
class Event:
    kind: str                # start | chunk | end | fail | skip
    job: Job
    reader: Reader | None = None
    chunk: Chunk | None = None
    message: str | None = None


@dataclass
class RunResult:
    manifest: dict[str, Any]
    manifest_path: Path | None
    quarantine_path: Path | None
    report_path: Path | None
    exit_code: int


# ------------------------------------------------------------------------------------------------------ the run
class BatchRun:
    """One invocation of ``privsynth scrub``/``detect`` over a list of jobs."""

    def __init__(self, jobs: list[Job], config: Config, options: BatchOptions) -> None:
        self.jobs = jobs
        self.config = config
        self.opt = options
        self.stats = [JobStats() for _ in jobs]
        self.ckpt: dict[str, Any] = {"job": 0, "units_done": 0, "output_state": None, "quarantine_bytes": 0}
        self.sessions: list[dict[str, Any]] = []
        self.samples: list[dict[str, Any]] = []
        self.versions: dict[str, str] = {}
        self.model_load_seconds = 0.0
        self.previous_seconds = 0.0
        self._written: dict[str, Any] | None = None
        self._writer: Any = None          # the current output writer
        self._writer_job: int | None = None
        self._detect_writer: Any = None
        self._t0 = time.monotonic()
        self._records_this_session = 0
        self._bytes_this_session = 0
        self.started_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self.read_options = ReadOptions(text_fields=options.text_fields, max_record_bytes=options.max_record_bytes,
                                        allow_missing=options.allow_missing, whole_file=options.whole_file,
                                        annotations_field=options.annotations_field)
        self.progress: Any = None
        self.already_complete: dict[str, Any] | None = None
        self.previous_versions: dict[str, str] = {}
        self._mid_file_written = False
        self._last_write = 0.0
        self._write_every = 2.0

    # -- resume ---------------------------------------------------------------------------------------------
    def load_resume(self, manifest: dict[str, Any]) -> None:
        if manifest.get("privsynth_manifest") != MANIFEST_VERSION:
            raise ResumeError("the manifest was written by another privsynth version; rerun without --resume")
        if manifest.get("key_ephemeral"):
            raise ResumeError("the interrupted run used a random key, so its surrogates cannot be reproduced; "
                              "rerun without --resume (and use --key-file)")
        old_sig = manifest.get("resume_signature", {})
        new_sig = self.opt.resume_signature(self.config)
        for name in sorted(set(old_sig) | set(new_sig)):
            if old_sig.get(name) != new_sig.get(name):
                if name == "config":
                    diff = [k for k in sorted(set(old_sig[name]) | set(new_sig[name]))
                            if old_sig[name].get(k) != new_sig[name].get(k)]
                    name = "option(s) " + ", ".join(diff)
                elif name == "key_fingerprint":
                    name = "key"
                raise ResumeError(f"cannot resume: the {name} differ(s) from the interrupted run; use the same "
                                  "options and key, or rerun without --resume to start over")
        old_inputs = manifest.get("inputs", [])
        if [i.get("identity") for i in old_inputs] != [j.identity() for j in self.jobs]:
            raise ResumeError("cannot resume: the inputs (names, sizes or modification times) differ from the "
                              "interrupted run; rerun without --resume to start over")
        self.previous_versions = dict(manifest.get("versions") or {})
        self.stats = [JobStats.from_json(i["stats"]) for i in old_inputs]
        self.already_complete = manifest if manifest.get("status") == "complete" else None
        self.ckpt = dict(manifest["checkpoint"])
        self.sessions = list(manifest.get("sessions", []))
        self.previous_seconds = float(manifest.get("timings", {}).get("elapsed_seconds", 0.0))
        for idx, st in enumerate(self.stats):
            if idx < self.ckpt["job"] and st.status == "complete" and self.jobs[idx].output is not None:
                if not self.jobs[idx].output.exists():  # type: ignore[union-attr]
                    raise ResumeError(f"cannot resume: the finished output {str(self.jobs[idx].output)!r} is "
                                      "missing; rerun without --resume")

    # -- producer -------------------------------------------------------------------------------------------
    def _events(self) -> Iterator[Event]:
        opt = self.opt
        for job in self.jobs:
            if job.index < self.ckpt["job"]:
                yield Event("skip", job)
                continue
            skip = self.ckpt["units_done"] if job.index == self.ckpt["job"] else 0
            try:
                reader = open_reader(job.path, job.format, job.compression, self.read_options, job.delimiter)
            except JobError as exc:
                yield Event("fail", job, message=str(exc))
                continue
            yield Event("start", job, reader=reader)
            chunk = Chunk()
            since_units = since_bytes = 0
            done = skip
            try:
                for unit in reader.units(skip=skip):
                    chunk.units.append(unit)
                    done = unit.number
                    if unit.texts:
                        chunk.texts.extend(t for t in unit.texts if t is not None)
                    chunk.nbytes += unit.nbytes
                    since_units += 1
                    since_bytes += unit.nbytes
                    if len(chunk.units) >= opt.chunk_records or chunk.nbytes >= opt.chunk_bytes:
                        if since_units >= opt.checkpoint_every or since_bytes >= opt.checkpoint_bytes:
                            chunk.checkpoint = True
                            since_units = since_bytes = 0
                        chunk.end, chunk.position = done, reader.position
                        yield Event("chunk", job, chunk=chunk)
                        chunk = Chunk()
            except _READ_ERRORS as exc:  # an unreadable input (I/O error, corrupt Parquet page, …)
                failure: BaseException | None = exc
            else:
                failure = reader.read_error()  # a truncated/corrupt compressed stream ends early instead
            if failure is not None:
                bad = Unit(done + 1, reason="truncated_input",
                           detail=f"the rest of the input cannot be read ({type(failure).__name__})")
                chunk.units.append(bad)
                done += 1
            if chunk.units:
                chunk.end, chunk.position = done, reader.position
                yield Event("chunk", job, chunk=chunk)
            yield Event("end", job, reader=reader)

    # -- consumer -------------------------------------------------------------------------------------------
    def _open_writer(self, job: Job, reader: Reader, resume_state: Any) -> Any:
        opt = self.opt
        wopts = WriteOptions(text_fields=opt.text_fields, annotations_field=opt.annotations_field)
        if opt.command == "detect":
            return None
        fresh = resume_state is None
        if job.output is None:
            sink: Any = ByteSink(None, None)
        else:
            job.output.parent.mkdir(parents=True, exist_ok=True)
            part = partial_path(job.output)
            if job.out_format == "parquet":
                assert isinstance(reader, ParquetReader)
                schema = parquet_output_schema(reader, opt.annotations_field, len(opt.text_fields) > 1)
                sink = ParquetSink(part, schema, reader.codec, resume_at=resume_state)
            else:
                sink = ByteSink(part, job.out_compression, resume_at=resume_state)
        writer = WRITERS[job.out_format](sink, wopts, reader)
        if fresh:
            writer.begin()
        return writer

    def _open_detect_writer(self) -> Any:
        if self._detect_writer is None:
            out = self.opt.detect_output
            state = self.ckpt.get("output_state")
            if out is None:
                self._detect_writer = ByteSink(None, None)
            else:
                out.parent.mkdir(parents=True, exist_ok=True)
                self._detect_writer = ByteSink(partial_path(out), split_compression(out.name)[1],
                                               resume_at=state if state is not None else None)
        return self._detect_writer

    def _handle(self, ev: Event, result: Any) -> None:
        job, st = ev.job, self.stats[ev.job.index]
        if ev.kind == "skip":
            return
        if ev.kind == "fail":
            st.status, st.error = "failed", ev.message
            self._status_line(f"skipped {job.source}: {ev.message}")
            return
        if ev.kind == "start":
            st.status = "running"
            resume_state = self.ckpt.get("output_state") if job.index == self.ckpt["job"] else None
            if self.opt.command == "detect":
                self._open_detect_writer()
            else:
                try:
                    self._writer = self._open_writer(job, ev.reader, resume_state)  # type: ignore[arg-type]
                except OSError as exc:
                    raise RunAborted(f"cannot write the output for {job.source} ({exc.strerror or exc}); "
                                     "rerun without --resume") from None
                self._writer_job = job.index
            self._job_t0 = time.monotonic()
            return
        if ev.kind == "chunk":
            assert ev.chunk is not None
            self._write_chunk(job, st, ev.chunk, result)
            if ev.chunk.checkpoint:
                self._checkpoint(job.index, ev.chunk.end)
            return
        if ev.kind == "end":
            reader = ev.reader
            assert reader is not None
            reader.finish()
            st.sha256 = reader.sha256()
            st.seconds += time.monotonic() - self._job_t0
            if self.opt.command == "scrub":
                st.output_bytes = self._finish_output(job)
            st.status = "complete"
            out_state = self._detect_writer.checkpoint() if self._detect_writer is not None else None
            self.ckpt = {"job": job.index + 1, "units_done": 0, "output_state": out_state,
                         "quarantine_bytes": self.quarantine.checkpoint()}
            # Many small files: rewriting the manifest after each one would dominate. Skipping a write is safe
            # when the last written checkpoint is itself at a file boundary (a resume then redoes the files
            # after it, producing the same bytes); a mid-file checkpoint must be superseded at once, because
            # its partial file has just been renamed.
            if self._mid_file_written or time.monotonic() - self._last_write >= self._write_every:
                self._save_manifest("running")

    def _finish_output(self, job: Job) -> int | None:
        writer = self._writer
        self._writer = None
        writer.close()
        if job.output is None:
            return None
        publish(partial_path(job.output), job.output)
        return job.output.stat().st_size

    def _write_chunk(self, job: Job, st: JobStats, chunk: Chunk, result: Any) -> None:
        pid, packed = result if result is not None else (None, [])
        if pid is not None:
            st.worker_pids.add(pid)
        k = 0
        quarantined_before = st.quarantined
        location = "row" if job.format in ("csv", "parquet") else "line"
        if self.opt.whole_file and job.format == "txt":
            location = "file"
        for unit in chunk.units:
            if unit.blank:
                st.blank_lines += 1
                continue
            st.records_in += 1
            if unit.texts is None:
                self._quarantine(job, st, location, unit.number, unit.reason or "engine_error", unit.detail)
                continue
            n = sum(1 for t in unit.texts if t is not None)
            mine = packed[k:k + n]
            k += n
            failed = next((r for r in mine if r[0] == "error"), None)
            if failed is not None:
                self._quarantine(job, st, location, unit.number, failed[1], failed[2])
                continue
            it = iter(mine)
            if self.opt.command == "scrub":
                texts: list[str | None] = []
                spans: list[list[dict[str, Any]] | None] = []
                for t in unit.texts:
                    if t is None:
                        texts.append(None)
                        spans.append(None)
                        continue
                    _, out_text, reps, bias = next(it)
                    merge_bias(st.bias, bias)
                    texts.append(out_text)
                    spans.append([{"start": a, "end": b, "entity_type": e} for a, b, e in reps])
                    for _, _, e in reps:
                        st.entities[e] += 1
                    if reps and len(self.samples) < self.opt.samples:
                        self._sample(job, location, unit.number, out_text, reps)
                self._writer.write(unit, texts, spans)
            else:
                self._write_findings(job, unit, location, it, st)
            st.records_out += 1
        st.units_done = chunk.end
        st.input_bytes_done = chunk.position
        self._records_this_session += len(chunk.units)
        self._bytes_this_session += chunk.nbytes
        if self.progress is not None:
            self.progress.update(job, chunk, self, st.quarantined - quarantined_before)

    def _write_findings(self, job: Job, unit: Unit, location: str, it: Iterator[Any], st: JobStats) -> None:
        import json

        findings: list[dict[str, Any]] = []
        many = len(self.opt.text_fields) > 1
        for path, t in zip(self.opt.text_fields, unit.texts or ()):
            if t is None:
                continue
            _, found = next(it)
            for start, end, etype, score, recognizer in found:
                item: dict[str, Any] = {"start": start, "end": end, "entity_type": etype, "score": score,
                                        "recognizer": recognizer}
                if many:
                    item["field"] = path_name(path)
                findings.append(item)
                st.entities[etype] += 1
        record: dict[str, Any] = {"source": job.source, location: unit.number}
        if self.opt.id_fields and unit.payload is not None:
            obj = unit.payload
            if job.format == "jsonl":
                obj = unit.payload[2]
            elif job.format == "csv":
                obj = dict(zip(self.reader_header(job), unit.payload))
            for path in self.opt.id_fields:
                value = get_path(obj, path) if isinstance(obj, dict) else MISSING
                if value is not MISSING:
                    record[path_name(path)] = value
        record["findings"] = findings
        line = json.dumps(record, ensure_ascii=False, default=str)
        self._detect_writer.write(line.encode("utf-8", "surrogatepass") + b"\n")

    def reader_header(self, job: Job) -> list[str]:
        return getattr(self, "_headers", {}).get(job.index, [])

    def _quarantine(self, job: Job, st: JobStats, location: str, number: int, reason: str,
                    detail: str | None) -> None:
        st.quarantined += 1
        st.reasons[reason] += 1
        self.quarantine.add(job.source, location, number, reason, detail)

    def _sample(self, job: Job, location: str, number: int, text: str, reps: list[tuple[int, int, str]]) -> None:
        first = reps[0][0]
        start = max(0, first - 120)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
        end = min(len(text), start + 600)
        inside = [(a - start, b - start, e) for a, b, e in reps if a >= start and b <= end]
        self.samples.append({"source": job.source, location: number, "text": text[start:end],
                             "spans": inside, "clipped_start": start > 0, "clipped_end": end < len(text)})

    def _checkpoint(self, job_index: int, units_done: int) -> None:
        out_state: Any = None
        if self.opt.command == "detect":
            out_state = self._detect_writer.checkpoint()
        elif self._writer is not None:
            out_state = self._writer.checkpoint()
        self.ckpt = {"job": job_index, "units_done": units_done, "output_state": out_state,
                     "quarantine_bytes": self.quarantine.checkpoint()}
        self._save_manifest("running")

    # -- manifest -------------------------------------------------------------------------------------------
    def elapsed(self) -> float:
        return time.monotonic() - self._t0

    def _save_manifest(self, status: str) -> None:
        from .report import build_manifest, write_manifest

        t = time.monotonic()
        data = build_manifest(self, status)
        self._written = data
        if self.opt.manifest is not None:
            write_manifest(self.opt.manifest, data)
        self._mid_file_written = self.ckpt["units_done"] > 0
        self._last_write = time.monotonic()
        self._write_every = max(2.0, 10 * (self._last_write - t))

    def _save_stopped(self, status: str) -> None:
        """After an interrupt: keep the last checkpoint's counts (they match the partial files) and mark it."""
        from .report import write_manifest

        if self._written is None or self.opt.manifest is None:
            return
        data = dict(self._written)
        data["status"] = status
        data["finished_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        write_manifest(self.opt.manifest, data)

    def _status_line(self, message: str) -> None:
        if self.progress is not None:
            self.progress.message(message)

    # -- main loop --------------------------------------------------------------------------------------------
    def run(self) -> RunResult:
        from .report import build_manifest, exit_code_for, write_html_report

        opt = self.opt
        if self.already_complete is not None:
            done = self.already_complete
            quarantine = opt.quarantine if opt.quarantine is not None and opt.quarantine.exists() else None
            return RunResult(done, opt.manifest, quarantine, None, exit_code_for(done))
        if opt.manifest is not None:
            opt.manifest.parent.mkdir(parents=True, exist_ok=True)
        if opt.quarantine is not None:
            opt.quarantine.parent.mkdir(parents=True, exist_ok=True)
        resuming = self.ckpt["job"] > 0 or self.ckpt["units_done"] > 0 or self.ckpt["quarantine_bytes"] > 0
        self.quarantine = Quarantine(opt.quarantine, resume_at=self.ckpt["quarantine_bytes"] if resuming else None)
        self.sessions.append({"started_at": self.started_at, "workers": opt.workers, "resumed": resuming})
        previous_sigterm = signal.getsignal(signal.SIGTERM)
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _raise_interrupt)
        engine: Any = None
        try:
            t = time.monotonic()
            if opt.workers > 1:
                engine = PoolEngine(self.config, opt.command, opt.workers, opt.start_method)
            else:
                engine = InlineEngine(self.config, opt.command, opt.scrubber_factory)
            self.versions = engine.start()
            self.model_load_seconds = time.monotonic() - t
            if resuming and self.previous_versions:
                changed = sorted(k for k in set(self.versions) | set(self.previous_versions)
                                 if self.versions.get(k) != self.previous_versions.get(k))
                if changed:
                    raise ResumeError(f"cannot resume: {', '.join(changed)} changed since the interrupted run, so "
                                      "the output would not be reproducible; rerun without --resume")
            self._t0 = time.monotonic()
            self._save_manifest("running")
            if self.progress is not None:
                self.progress.begin(self)
            self._pipeline(engine)
            if self._detect_writer is not None:
                self._detect_writer.close()
                if opt.detect_output is not None:
                    publish(partial_path(opt.detect_output), opt.detect_output)
            has_quarantine = self.quarantine.close()
            engine.close()
            engine = None
            self.sessions[-1]["finished_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            self.sessions[-1]["records"] = self._records_this_session
            manifest = build_manifest(self, "complete")
            self._written = manifest
            if opt.manifest is not None:
                from .report import write_manifest
                write_manifest(opt.manifest, manifest)
            if opt.report_html is not None:
                write_html_report(opt.report_html, manifest, self.samples)
            return RunResult(manifest, opt.manifest, opt.quarantine if has_quarantine else None, opt.report_html,
                             exit_code_for(manifest))
        except KeyboardInterrupt:
            self._stop(engine)
            self._save_stopped("interrupted")
            raise Interrupted() from None
        except BrokenProcessPool:
            self._stop(engine)
            self._save_stopped("failed")
            raise RunAborted("a worker process died (killed, or out of memory); rerun with --resume to continue "
                             "from the last checkpoint") from None
        except BaseException:
            self._stop(engine)
            self._save_stopped("failed")
            raise
        finally:
            if self.progress is not None:
                self.progress.end()
            if threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGTERM, previous_sigterm)

    def _stop(self, engine: Any) -> None:
        if engine is not None:
            try:
                engine.close(cancel=True)
            except Exception:
                pass
        for w in (self._writer, self._detect_writer):
            if w is not None:
                try:
                    w.abort()
                except Exception:
                    pass
        try:
            self.quarantine.abort()
        except Exception:
            pass

    def _pipeline(self, engine: Any) -> None:
        max_inflight = 2 * self.opt.workers + 1
        pending: deque[tuple[Event, Any]] = deque()
        inflight = 0
        self._headers: dict[int, list[str]] = {}
        for ev in self._events():
            fut = None
            if ev.kind == "start" and isinstance(ev.reader, CsvReader):
                self._headers[ev.job.index] = ev.reader.header
            if ev.kind == "chunk" and ev.chunk is not None and ev.chunk.texts:
                fut = engine.submit(ev.chunk.texts)
                inflight += 1
            pending.append((ev, fut))
            while pending and (pending[0][1] is None or pending[0][1].done() or inflight > max_inflight):
                head, hfut = pending.popleft()
                result = None
                if hfut is not None:
                    inflight -= 1
                    result = hfut.result()
                self._handle(head, result)
        while pending:
            head, hfut = pending.popleft()
            self._handle(head, hfut.result() if hfut is not None else None)


def _read_errors() -> tuple[type[BaseException], ...]:
    import zlib

    import zstandard

    return (OSError, EOFError, ValueError, zlib.error, zstandard.ZstdError)


_READ_ERRORS = _read_errors()


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt()
