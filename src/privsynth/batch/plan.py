"""Planning: command-line inputs (files, directories, stdin) → jobs, each with its output path.

Pure path arithmetic plus ``stat``: nothing here reads a record or knows about workers and manifests.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PrivsynthError
from ..exitcodes import EXIT_INPUT, EXIT_USAGE
from ..io.compression import split_compression
from ..io.formats import CANONICAL_EXTENSION, csv_delimiter, detect_format

ARTIFACT_SUFFIXES = (".manifest.json", ".quarantine.jsonl", ".privsynth-partial", ".privsynth-tmp", ".segments",
                     ".privsynth-lock")


class PlanError(PrivsynthError):
    """The inputs/outputs of a run do not fit together (a usage error)."""

    code = "E010"
    exit_code = EXIT_USAGE


class MissingInput(PlanError):
    """An input file or directory does not exist."""

    code = "E016"
    exit_code = EXIT_INPUT


class OutputExists(PlanError):
    """An output exists already and neither ``--overwrite`` nor ``--resume`` allows replacing it."""

    code = "E014"



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
            raise MissingInput(f"input {arg!r} does not exist")

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



def check_no_overwrite(jobs: list[Job], extra: list[Path | None] = ()) -> None:  # type: ignore[assignment]
    """Raise :class:`OutputExists` if any output of ``jobs`` (or an ``extra`` path) is already there."""
    taken = [p for p in [j.output for j in jobs] + list(extra) if p is not None and p.exists()]
    if taken:
        more = f" and {len(taken) - 1} more" if len(taken) > 1 else ""
        raise OutputExists(f"output {str(taken[0])!r}{more} already exists; pass --overwrite to replace it (or "
                           "--resume to continue the run that wrote it)")
