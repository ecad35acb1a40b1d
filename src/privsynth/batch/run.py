"""Corpus runs: inputs → records → ``Scrubber.scrub_batch`` (in worker processes) → outputs + quarantine + manifest.

The run is a pipeline of events read from the inputs in order (``start`` a file, a ``chunk`` of records, ``end``
a file). Chunks go to an engine (:mod:`.workers`); results are consumed strictly in submission order, so outputs
keep the input order whatever the number of workers. At most ``2 × workers + 1`` chunks are in flight, so memory
is bounded by a few chunks.

:meth:`BatchRun.run` is a chain of small stages, each wrapping the next (like httpx's ``send`` chain):
``run`` (already complete?) → ``_run_guarded`` (signals; on any failure: stop the pool, keep the partial files,
mark the manifest) → ``_run_engine`` (start the engine, check versions) → ``_pipeline`` (events → results →
outputs) → ``_finish`` (publish, final manifest, HTML report).

**Checkpoints and resume.** Every ``checkpoint_every`` records (or ``checkpoint_bytes`` of input), always at a chunk
boundary and counted from the previous checkpoint (so the positions depend only on the input, never on timing or
on the number of workers), the output and quarantine files are flushed and fsynced (compressed outputs end their
gzip member / zstd frame / bz2 stream there) and the manifest records the file lengths and the input position.
``resume`` truncates the partial files to those lengths and re-reads the input from the recorded position, which
reproduces the uninterrupted run byte for byte.
"""
from __future__ import annotations

import errno
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..config import Config
from ..errors import PrivsynthError
from ..exitcodes import EXIT_INPUT
from ..io.atomic import LockHeld, OutputLock, partial_path, publish
from ..io.compression import split_compression
from ..io.fields import path_name
from ..io.formats import (WRITERS, ByteSink, JobError, ParquetReader, ParquetSink, ReadOptions, Reader, Unit,
                          WriteOptions, findings_line, open_reader, parquet_output_schema)
from ..io.quarantine import Quarantine
from . import html_report
from .manifest import (BatchOptions, JobStats, ResumeError, Timing, build_manifest, check_resume, exit_code_for,
                       merge_bias, stopped, write_manifest)
from .plan import Job, check_no_overwrite
from .workers import ChunkResult, Detected, Failed, InlineEngine, PoolEngine, RunAborted, Scrubbed


class Interrupted(Exception):
    """Ctrl-C or SIGTERM: the partial files and the last checkpoint are kept for ``--resume``."""


class OutputBusy(PrivsynthError):
    """Another run holds the lock on the same output."""

    code = "E013"
    exit_code = EXIT_INPUT


class InputChanged(PrivsynthError):
    """An input grew, shrank or was rewritten while the run read it; its output is not published."""

    code = "E015"
    exit_code = EXIT_INPUT


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


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


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
        self.records_this_session = 0
        self.bytes_this_session = 0
        self.started_at = _now()
        self.read_options = ReadOptions(text_fields=options.text_fields, max_record_bytes=options.max_record_bytes,
                                        allow_missing=options.allow_missing, whole_file=options.whole_file,
                                        annotations_field=options.annotations_field)
        self.progress: Any = None
        self.already_complete: dict[str, Any] | None = None
        self.previous_versions: dict[str, str] = {}
        self._written: dict[str, Any] | None = None
        self._writer: Any = None          # the current output writer
        self._reader: Reader | None = None  # the reader of the input being written
        self._detect_writer: Any = None
        self._t0 = time.monotonic()
        self._job_t0 = self._t0
        self._mid_file_written = False
        self._last_write = 0.0
        self._write_every = 2.0

    # -- resume ---------------------------------------------------------------------------------------------
    def load_resume(self, manifest: dict[str, Any]) -> None:
        state = check_resume(manifest, self.opt, self.config, self.jobs)
        self.stats, self.ckpt, self.sessions = state.stats, state.checkpoint, state.sessions
        self.previous_seconds, self.previous_versions = state.previous_seconds, state.previous_versions
        self.already_complete = state.already_complete

    # -- producer -------------------------------------------------------------------------------------------
    def _events(self) -> Iterator[Event]:
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
            yield from self._chunks(job, reader, skip)
            yield Event("end", job, reader=reader)

    def _chunks(self, job: Job, reader: Reader, skip: int) -> Iterator[Event]:
        opt = self.opt
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
            chunk.units.append(Unit(done + 1, reason="truncated_input",
                                    detail=f"the rest of the input cannot be read ({type(failure).__name__})"))
            done += 1
        if chunk.units:
            chunk.end, chunk.position = done, reader.position
            yield Event("chunk", job, chunk=chunk)

    # -- consumer -------------------------------------------------------------------------------------------
    def _open_writer(self, job: Job, reader: Reader, resume_state: Any) -> Any:
        opt = self.opt
        wopts = WriteOptions(text_fields=opt.text_fields, annotations_field=opt.annotations_field)
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
        if resume_state is None:
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

    def _handle(self, ev: Event, result: ChunkResult | None) -> None:
        try:
            self._dispatch(ev, result)
        except OSError as exc:  # reading errors are caught by the producer: this is an output that failed
            raise self._write_failed(exc, ev.job) from None

    def _write_failed(self, exc: OSError, job: Job | None) -> RunAborted:
        where = exc.filename
        if where is None:
            if self.opt.command == "detect":
                where = self.opt.detect_output
            elif job is not None and job.output is not None:
                where = partial_path(job.output)
        what = exc.strerror or type(exc).__name__
        hint = ("free some space, then rerun with --resume to continue from the last checkpoint"
                if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) else "rerun with --resume to continue")
        return RunAborted(f"cannot write {'the output' if where is None else repr(str(where))} ({what}); {hint}")

    def _dispatch(self, ev: Event, result: ChunkResult | None) -> None:
        if ev.kind == "skip":
            return
        if ev.kind == "fail":
            st = self.stats[ev.job.index]
            st.status, st.error = "failed", ev.message
            self._status_line(f"skipped {ev.job.source}: {ev.message}", error=True)
        elif ev.kind == "start":
            assert ev.reader is not None
            self._start_job(ev.job, ev.reader)
        elif ev.kind == "chunk":
            assert ev.chunk is not None
            self._write_chunk(ev.job, ev.chunk, result)
            if ev.chunk.checkpoint:
                self._checkpoint(ev.job.index, ev.chunk.end)
        elif ev.kind == "end":
            assert ev.reader is not None
            self._end_job(ev.job, ev.reader)

    def _start_job(self, job: Job, reader: Reader) -> None:
        self.stats[job.index].status = "running"
        self._reader = reader
        resume_state = self.ckpt.get("output_state") if job.index == self.ckpt["job"] else None
        if self.opt.command == "detect":
            self._open_detect_writer()
        else:
            try:
                self._writer = self._open_writer(job, reader, resume_state)
            except OSError as exc:
                raise RunAborted(f"cannot write the output for {job.source} ({exc.strerror or exc}); "
                                 "rerun without --resume") from None
        self._job_t0 = time.monotonic()

    def _end_job(self, job: Job, reader: Reader) -> None:
        st = self.stats[job.index]
        reader.finish()
        _check_unchanged(job, reader)
        st.sha256 = reader.sha256()
        st.seconds += time.monotonic() - self._job_t0
        if self.opt.command == "scrub":
            st.output_bytes = self._finish_output(job)
        st.status = "complete"
        out_state = self._detect_writer.checkpoint() if self._detect_writer is not None else None
        self.ckpt = {"job": job.index + 1, "units_done": 0, "output_state": out_state,
                     "quarantine_bytes": self.quarantine.checkpoint()}
        # Many small files: rewriting the manifest after each one would dominate. Skipping a write is safe when
        # the last written checkpoint is itself at a file boundary (a resume then redoes the files after it,
        # producing the same bytes); a mid-file checkpoint must be superseded at once, because its partial file
        # has just been renamed.
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

    def _write_chunk(self, job: Job, chunk: Chunk, result: ChunkResult | None) -> None:
        st = self.stats[job.index]
        outcomes = result.outcomes if result is not None else ()
        if result is not None and result.pid is not None:
            st.worker_pids.add(result.pid)
        k = 0
        quarantined_before = st.quarantined
        location = self._reader.location if self._reader is not None else "line"
        for unit in chunk.units:
            if unit.blank:
                st.blank_lines += 1
                continue
            st.records_in += 1
            if unit.texts is None:
                self._quarantine(job, st, location, unit.number, unit.reason or "engine_error", unit.detail)
                continue
            n = sum(1 for t in unit.texts if t is not None)
            mine = outcomes[k:k + n]
            k += n
            failed = next((r for r in mine if isinstance(r, Failed)), None)
            if failed is not None:
                self._quarantine(job, st, location, unit.number, failed.reason, failed.detail)
                continue
            if self.opt.command == "scrub":
                self._write_scrubbed(job, st, location, unit, iter(mine))  # type: ignore[arg-type]
            else:
                self._write_findings(job, st, location, unit, iter(mine))  # type: ignore[arg-type]
            st.records_out += 1
        st.units_done = chunk.end
        st.input_bytes_done = chunk.position
        self.records_this_session += len(chunk.units)
        self.bytes_this_session += chunk.nbytes
        if self.progress is not None:
            self.progress.update(job, chunk, self, st.quarantined - quarantined_before)

    def _write_scrubbed(self, job: Job, st: JobStats, location: str, unit: Unit, it: Iterator[Scrubbed]) -> None:
        texts: list[str | None] = []
        spans: list[list[dict[str, Any]] | None] = []
        found = 0
        for t in unit.texts or ():
            if t is None:
                texts.append(None)
                spans.append(None)
                continue
            done = next(it)
            merge_bias(st.bias, done.bias)
            texts.append(done.text)
            spans.append([{"start": a, "end": b, "entity_type": e} for a, b, e in done.replacements])
            for _, _, e in done.replacements:
                st.entities[e] += 1
            for etype, n in done.residual:
                st.residual[etype] += n
            found += len(done.replacements)
            if done.replacements and len(self.samples) < self.opt.samples:
                self.samples.append(html_report.sample(job.source, location, unit.number, done.text,
                                                       done.replacements))
        self._writer.write(unit, texts, spans)
        st.count_record(found)

    def _write_findings(self, job: Job, st: JobStats, location: str, unit: Unit, it: Iterator[Detected]) -> None:
        findings: list[dict[str, Any]] = []
        many = len(self.opt.text_fields) > 1
        for path, t in zip(self.opt.text_fields, unit.texts or ()):
            if t is None:
                continue
            for f in next(it).findings:
                item: dict[str, Any] = {"start": f.start, "end": f.end, "entity_type": f.entity_type,
                                        "score": f.score, "recognizer": f.recognizer}
                if many:
                    item["field"] = path_name(path)
                findings.append(item)
                st.entities[f.entity_type] += 1
        st.count_record(len(findings))
        record = self._reader.record(unit) if self.opt.id_fields and self._reader is not None else None
        self._detect_writer.write(findings_line(job.source, location, unit.number, findings, record,
                                                self.opt.id_fields))

    def _quarantine(self, job: Job, st: JobStats, location: str, number: int, reason: str,
                    detail: str | None) -> None:
        st.quarantined += 1
        st.reasons[reason] += 1
        self.quarantine.add(job.source, location, number, reason, detail)

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

    def manifest(self, status: str) -> dict[str, Any]:
        timing = Timing(self.model_load_seconds, self.previous_seconds, self.elapsed(), self.records_this_session,
                        self.bytes_this_session)
        return build_manifest(status, self.opt, self.config, self.jobs, self.stats, versions=self.versions,
                              sessions=self.sessions, started_at=self.started_at, checkpoint=self.ckpt,
                              timing=timing)

    def _save_manifest(self, status: str) -> None:
        t = time.monotonic()
        data = self.manifest(status)
        self._written = data
        if self.opt.manifest is not None:
            try:
                write_manifest(self.opt.manifest, data)
            except OSError as exc:
                raise self._write_failed(_named(exc, self.opt.manifest), None) from None
        self._mid_file_written = self.ckpt["units_done"] > 0
        self._last_write = time.monotonic()
        self._write_every = max(2.0, 10 * (self._last_write - t))

    def _save_stopped(self, status: str) -> None:
        """After a stop: keep the last checkpoint's counts (they match the partial files) and mark it."""
        if self._written is not None and self.opt.manifest is not None:
            try:
                write_manifest(self.opt.manifest, stopped(self._written, status))
            except OSError:
                # (a full disk) A manifest still saying "running" would vouch for a run that is over: remove it.
                try:
                    os.unlink(self.opt.manifest)
                except OSError:
                    pass

    def _status_line(self, message: str, error: bool = False) -> None:
        if self.progress is not None:
            self.progress.message(message)
        elif error:  # --quiet still shows errors
            sys.stderr.write(f"privsynth: error: {message}\n")
            sys.stderr.flush()

    # -- the stages -----------------------------------------------------------------------------------------
    def run(self) -> RunResult:
        opt = self.opt
        if self.already_complete is not None:
            done = self.already_complete
            quarantine = opt.quarantine if opt.quarantine is not None and opt.quarantine.exists() else None
            return RunResult(done, opt.manifest, quarantine, None, exit_code_for(done))
        for path in (opt.manifest, opt.quarantine):
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
        previous_sigterm = signal.getsignal(signal.SIGTERM)
        on_main = threading.current_thread() is threading.main_thread()
        if on_main:
            signal.signal(signal.SIGTERM, _raise_interrupt)
        try:
            return self._run_locked()
        finally:
            if self.progress is not None:
                self.progress.end()
            if on_main:
                signal.signal(signal.SIGTERM, previous_sigterm)

    def _run_locked(self) -> RunResult:
        """Hold the output's lock for the whole run: a second run writing the same output fails at once,
        before it has touched anything."""
        if self.opt.lock is None:
            return self._run_checked()
        lock = OutputLock(self.opt.lock)
        try:
            lock.acquire()
        except LockHeld:
            raise OutputBusy(f"another privsynth run is writing this output (lock {str(self.opt.lock)!r}); wait "
                             "for it to finish or choose another -o") from None
        try:
            return self._run_checked()
        finally:
            lock.release()

    def _run_checked(self) -> RunResult:
        resuming = self.ckpt["job"] > 0 or self.ckpt["units_done"] > 0 or self.ckpt["quarantine_bytes"] > 0
        if not (self.opt.overwrite or self.opt.resume or resuming):
            check_no_overwrite(self.jobs, [self.opt.detect_output])
        return self._run_guarded()

    def _run_guarded(self) -> RunResult:
        resuming = self.ckpt["job"] > 0 or self.ckpt["units_done"] > 0 or self.ckpt["quarantine_bytes"] > 0
        self.quarantine = Quarantine(self.opt.quarantine,
                                     resume_at=self.ckpt["quarantine_bytes"] if resuming else None)
        self.sessions.append({"started_at": self.started_at, "workers": self.opt.workers, "resumed": resuming})
        engine: list[Any] = []
        try:
            return self._run_engine(engine, resuming)
        except KeyboardInterrupt:
            with _no_sigint():  # a second Ctrl-C must not cut the clean-up short (nor print a traceback)
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

    def _run_engine(self, holder: list[Any], resuming: bool) -> RunResult:
        opt = self.opt
        t = time.monotonic()
        if opt.workers > 1:
            holder.append(PoolEngine(self.config, opt.command, opt.workers, opt.start_method, opt.residual_scan,
                                     opt.split_above))
        else:
            holder.append(InlineEngine(self.config, opt.command, opt.scrubber_factory, opt.residual_scan))
        engine = holder[0]
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
        engine.close()
        holder.clear()
        return self._finish()

    def _pipeline(self, engine: Any) -> None:
        max_inflight = 2 * self.opt.workers + 1
        pending: deque[tuple[Event, Any]] = deque()
        inflight = 0
        for ev in self._events():
            fut = None
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

    def _finish(self) -> RunResult:
        opt = self.opt
        if self._detect_writer is not None:
            self._detect_writer.close()
            if opt.detect_output is not None:
                publish(partial_path(opt.detect_output), opt.detect_output)
        has_quarantine = self.quarantine.close()
        self.sessions[-1]["finished_at"] = _now()
        self.sessions[-1]["records"] = self.records_this_session
        manifest = self.manifest("complete")
        self._written = manifest
        if opt.manifest is not None:
            write_manifest(opt.manifest, manifest)
        if opt.report_html is not None:
            html_report.write_html_report(opt.report_html, manifest, self.samples)
        return RunResult(manifest, opt.manifest, opt.quarantine if has_quarantine else None, opt.report_html,
                         exit_code_for(manifest))

    def _stop(self, engine: list[Any]) -> None:
        for e in engine:
            try:
                e.close(cancel=True)
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


def _read_errors() -> tuple[type[BaseException], ...]:
    import zlib

    import zstandard

    return (OSError, EOFError, ValueError, zlib.error, zstandard.ZstdError)


_READ_ERRORS = _read_errors()


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt()


class _no_sigint:
    """Ignore Ctrl-C inside the block (main thread only; elsewhere signals cannot be set and never arrive)."""

    def __enter__(self) -> None:
        self._previous = None
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, signal.SIG_IGN)

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def _named(exc: OSError, path: Any) -> OSError:
    if exc.filename is None:
        exc.filename = str(path)
    return exc


def _check_unchanged(job: Job, reader: Reader) -> None:
    """Fail when the input is not the file that was planned: grown, truncated or rewritten during the run.

    Size and modification time are compared with the values taken at planning time (the resume identity), and
    for plain inputs also with the number of bytes actually read and hashed (so the manifest's sha256 and size
    describe the same bytes)."""
    if job.path is None:
        return
    try:
        now = os.stat(job.path)
    except OSError:
        raise InputChanged(f"input {job.source} disappeared during the run; its output was not published") from None
    read = reader.counter.count if reader.compression is None and job.format != "parquet" else None
    if (now.st_size, now.st_mtime_ns) != (job.size, job.mtime_ns) or (read is not None and read != job.size):
        change = ("grew" if now.st_size > (job.size or 0) else "shrank" if now.st_size < (job.size or 0)
                  else "was rewritten")
        raise InputChanged(f"input {job.source} {change} during the run ({job.size} → {now.st_size} bytes); "
                           "its output was not published. Rerun once the file no longer changes")
