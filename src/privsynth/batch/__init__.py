"""Corpus runs behind ``privsynth scrub``/``detect``.

:class:`ParallelScrubber` / :func:`scrub_long` (:mod:`.longtext`) spread one long text over N processes.

The modules read one way: :mod:`.run` (the event loop) uses :mod:`.plan` (inputs → jobs), :mod:`.workers`
(where the Scrubber runs, typed outcomes), :mod:`.manifest` (options, counters, resume checks) and
:mod:`.html_report` (renders a manifest dict); those four import only :mod:`privsynth.io`, the engine's types
and :mod:`privsynth.errors`, never each other's callers.
"""
from __future__ import annotations

from .longtext import ParallelScrubber, scrub_long
from .manifest import (MANIFEST_VERSION, BatchOptions, JobStats, ResumeError, build_manifest, exit_code_for,
                       merge_bias, read_manifest, write_manifest)
from .plan import ARTIFACT_SUFFIXES, Job, PlanError, plan_jobs, sidecar
from .run import BatchRun, Chunk, Event, Interrupted, RunResult
from .workers import InlineEngine, PoolEngine, RunAborted, process_texts

__all__ = ["ARTIFACT_SUFFIXES", "MANIFEST_VERSION", "BatchOptions", "BatchRun", "Chunk", "Event", "InlineEngine",
           "Interrupted", "Job", "JobStats", "ParallelScrubber", "PlanError", "PoolEngine", "ResumeError",
           "RunAborted", "RunResult", "build_manifest", "exit_code_for", "merge_bias", "plan_jobs", "process_texts",
           "read_manifest", "scrub_long", "sidecar", "write_manifest"]
