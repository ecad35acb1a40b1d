"""The run's options, per-input counters, the manifest (JSON) built from them, and the checks ``--resume`` makes.

The manifest carries counts, types, file names, checksums, versions, options and timings — never an original
value. It is rewritten atomically at every checkpoint and at the end; ``--resume`` reads it back.
"""
from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..config import Config
from ..errors import PrivsynthError
from ..exitcodes import EXIT_INPUT, EXIT_OK, EXIT_QUARANTINED, EXIT_RESIDUAL, EXIT_USAGE
from ..io.atomic import write_atomic
from ..io.fields import FieldPath, path_name

if TYPE_CHECKING:  # only the type: manifest and plan are siblings, neither imports the other at run time
    from .plan import Job

MANIFEST_VERSION = 1
PER_RECORD_CAP = 50  # the histogram of replacements per record puts 50 and more in one bin ("50")


class ResumeError(PrivsynthError):
    """``--resume`` cannot continue the recorded run with these inputs or options."""

    code = "E011"
    exit_code = EXIT_USAGE


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
    split_above: int | None = 100_000              # workers > 1: a longer text is spread over every worker
    checkpoint_every: int = 10_000
    checkpoint_bytes: int = 64 << 20
    resume: bool = False
    overwrite: bool = False                      # replace existing outputs (else refuse, unless resuming)
    lock: Path | None = None                     # held for the whole run (see io.atomic.OutputLock)
    residual_scan: bool = False                  # re-detect in the output, count what lies outside replacements
    fail_on_residual: int | None = None          # exit EXIT_RESIDUAL when the residual count exceeds this
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
        # as the manifest will hold it (tuples become lists), so that a signature read back compares equal
        opts = json.loads(json.dumps(opts, ensure_ascii=False, default=str))
        return {
            "command": self.command, "config": opts, "key_fingerprint": self.key_fingerprint,
            "text_fields": [path_name(p) for p in self.text_fields], "whole_file": self.whole_file,
            "allow_missing": self.allow_missing, "annotations_field": self.annotations_field,
            "id_fields": [path_name(p) for p in self.id_fields], "max_record_bytes": self.max_record_bytes,
            "chunk_records": self.chunk_records, "chunk_bytes": self.chunk_bytes,
            "checkpoint_every": self.checkpoint_every, "checkpoint_bytes": self.checkpoint_bytes,
        }



@dataclass
class JobStats:
    """The counters of one input (kept across resumes through the manifest)."""

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
    residual: Counter = field(default_factory=Counter)
    per_record: Counter = field(default_factory=Counter)  # replacements (findings) per record → records

    def count_record(self, n: int) -> None:
        self.per_record[str(min(n, PER_RECORD_CAP))] += 1

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "records_in": self.records_in, "records_out": self.records_out,
                "quarantined": self.quarantined, "blank_lines": self.blank_lines,
                "quarantine_reasons": dict(sorted(self.reasons.items())),
                "entities": dict(sorted(self.entities.items())), "units_done": self.units_done,
                "sha256": self.sha256, "error": self.error, "output_bytes": self.output_bytes,
                "worker_pids": sorted(self.worker_pids), "seconds": round(self.seconds, 3), "bias": self.bias,
                "residual": dict(sorted(self.residual.items())),
                "per_record": dict(sorted(self.per_record.items(), key=lambda kv: int(kv[0])))}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "JobStats":
        return cls(status=data["status"], records_in=data["records_in"], records_out=data["records_out"],
                   quarantined=data["quarantined"], blank_lines=data.get("blank_lines", 0),
                   reasons=Counter(data.get("quarantine_reasons", {})), entities=Counter(data.get("entities", {})),
                   units_done=data.get("units_done", 0), sha256=data.get("sha256"), error=data.get("error"),
                   output_bytes=data.get("output_bytes"), worker_pids=set(data.get("worker_pids", [])),
                   seconds=data.get("seconds", 0.0), bias=data.get("bias") or {},
                   residual=Counter(data.get("residual", {})), per_record=Counter(data.get("per_record", {})))



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


@dataclass(frozen=True)
class Timing:
    """Seconds and volumes of the current session (throughput is per session, elapsed covers all of them)."""

    model_load_seconds: float
    previous_seconds: float
    session_seconds: float
    records: int
    nbytes: int


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def build_manifest(status: str, opt: BatchOptions, config: Config, jobs: Sequence[Job], stats: Sequence[JobStats],
                   *, versions: dict[str, str], sessions: list[dict[str, Any]], started_at: str,
                   checkpoint: dict[str, Any], timing: Timing) -> dict[str, Any]:
    """The manifest of a run as it stands (written at every checkpoint and at the end)."""
    count_name = "replacements" if opt.command == "scrub" else "findings"
    inputs = []
    totals: dict[str, Any] = {"inputs": len(jobs), "complete": 0, "failed": 0, "records_in": 0,
                              "records_out": 0, "quarantined": 0, "blank_lines": 0, "input_bytes": 0}
    reasons: Counter = Counter()
    entities: Counter = Counter()
    residual: Counter = Counter()
    per_record: Counter = Counter()
    bias: dict[str, Any] = {}
    for job, st in zip(jobs, stats):
        merge_bias(bias, st.bias)
        inputs.append({
            "source": job.source, "format": job.format, "compression": job.compression, "size_bytes": job.size,
            "sha256": st.sha256, "output": None if job.output is None else str(job.output),
            "output_format": job.out_format if opt.command == "scrub" else "jsonl",
            "identity": job.identity(), "stats": st.to_json(),
        })
        totals["complete"] += st.status == "complete"
        totals["failed"] += st.status == "failed"
        for k in ("records_in", "records_out", "quarantined", "blank_lines"):
            totals[k] += getattr(st, k)
        totals["input_bytes"] += job.size or 0
        reasons.update(st.reasons)
        entities.update(st.entities)
        residual.update(st.residual)
        per_record.update(st.per_record)
    totals["quarantine_reasons"] = dict(sorted(reasons.items()))
    totals[count_name] = dict(sorted(entities.items(), key=lambda kv: (-kv[1], kv[0])))
    totals["per_record"] = dict(sorted(per_record.items(), key=lambda kv: int(kv[0])))
    if opt.command == "scrub":
        totals["bias"] = bias
    if opt.command == "scrub" and opt.residual_scan:
        found = sum(residual.values())
        totals["residual"] = {"counts": dict(sorted(residual.items(), key=lambda kv: (-kv[1], kv[0]))),
                              "total": found, "limit": opt.fail_on_residual,
                              "over_limit": opt.fail_on_residual is not None and found > opt.fail_on_residual}
    session = timing.session_seconds
    options = dict(config.public_options())
    options["entities"] = list(options.get("entities", ()))
    options.pop("key_file", None)
    options.update({
        "text_fields": [".".join(p) for p in opt.text_fields], "whole_file": opt.whole_file,
        "allow_missing": opt.allow_missing, "annotations_field": opt.annotations_field,
        "max_record_bytes": opt.max_record_bytes, "workers": opt.workers, "chunk_records": opt.chunk_records,
        "checkpoint_every": opt.checkpoint_every, "residual_scan": opt.residual_scan,
        "fail_on_residual": opt.fail_on_residual,
    })
    return {
        "privsynth_manifest": MANIFEST_VERSION,
        "command": opt.command,
        "status": status,
        "started_at": sessions[0]["started_at"] if sessions else started_at,
        "updated_at": _now(),
        "key_fingerprint": opt.key_fingerprint,
        "key_source": opt.key_source,
        "key_ephemeral": opt.key_ephemeral,
        "versions": versions,
        "options": options,
        "inputs": inputs,
        "totals": totals,
        "outputs": {
            "quarantine": None if opt.quarantine is None else str(opt.quarantine),
            "detect_output": None if opt.detect_output is None else str(opt.detect_output),
            "report_html": None if opt.report_html is None else str(opt.report_html),
        },
        "timings": {
            "model_load_seconds": round(timing.model_load_seconds, 3),
            "elapsed_seconds": round(timing.previous_seconds + session, 3),
            "session_seconds": round(session, 3),
            "records_per_second": round(timing.records / session, 2) if session > 0 else None,
            "mb_per_second": round(timing.nbytes / 1e6 / session, 3) if session > 0 else None,
        },
        "checkpoint": dict(checkpoint),
        "resume_signature": opt.resume_signature(config),
        "sessions": sessions,
    }


def stopped(manifest: dict[str, Any], status: str) -> dict[str, Any]:
    """The last written manifest marked ``interrupted``/``failed`` (its counts match the partial files)."""
    data = dict(manifest)
    data["status"] = status
    data["finished_at"] = _now()
    return data


def write_manifest(path: str | os.PathLike[str], data: dict[str, Any]) -> None:
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def read_manifest(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        return None


def exit_code_for(manifest: dict[str, Any]) -> int:
    """The exit code a finished run's manifest calls for (see :mod:`privsynth.exitcodes`)."""
    totals = manifest.get("totals", {})
    if totals.get("failed"):
        return EXIT_INPUT
    residual = totals.get("residual")
    if isinstance(residual, dict) and residual.get("over_limit"):
        return EXIT_RESIDUAL
    if totals.get("quarantined"):
        return EXIT_QUARANTINED
    return EXIT_OK


# ------------------------------------------------------------------------------------------------------ resume
@dataclass
class ResumeState:
    """What a run takes over from the manifest of the run it continues."""

    stats: list[JobStats]
    checkpoint: dict[str, Any]
    sessions: list[dict[str, Any]]
    previous_seconds: float
    previous_versions: dict[str, str]
    already_complete: dict[str, Any] | None


def check_resume(manifest: dict[str, Any], opt: BatchOptions, config: Config, jobs: Sequence[Job]) -> ResumeState:
    """Raise :class:`ResumeError` unless ``manifest`` records a run these options and inputs can continue."""
    if manifest.get("privsynth_manifest") != MANIFEST_VERSION:
        raise ResumeError("the manifest was written by another privsynth version; rerun without --resume")
    if manifest.get("key_ephemeral"):
        raise ResumeError("the interrupted run used a random key, so its surrogates cannot be reproduced; "
                          "rerun without --resume (and use --key-file)")
    old_sig = manifest.get("resume_signature", {})
    new_sig = opt.resume_signature(config)
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
    if [i.get("identity") for i in old_inputs] != [j.identity() for j in jobs]:
        raise ResumeError("cannot resume: the inputs (names, sizes or modification times) differ from the "
                          "interrupted run; rerun without --resume to start over")
    state = ResumeState(
        stats=[JobStats.from_json(i["stats"]) for i in old_inputs],
        checkpoint=dict(manifest["checkpoint"]),
        sessions=list(manifest.get("sessions", [])),
        previous_seconds=float(manifest.get("timings", {}).get("elapsed_seconds", 0.0)),
        previous_versions=dict(manifest.get("versions") or {}),
        already_complete=manifest if manifest.get("status") == "complete" else None)
    for idx, st in enumerate(state.stats):
        out = jobs[idx].output
        if idx < state.checkpoint["job"] and st.status == "complete" and out is not None and not out.exists():
            raise ResumeError(f"cannot resume: the finished output {str(out)!r} is missing; rerun without --resume")
    return state
