"""Readers, writers, compression, atomic outputs and the quarantine file used by batch runs (``privsynth.batch``).

Private to privsynth's batch layer; the stable surface is the ``privsynth`` command and :mod:`privsynth.batch`.
"""
from __future__ import annotations

from .atomic import partial_path, publish, write_atomic
from .compression import COMPRESSIONS, SegmentWriter, split_compression
from .formats import (CANONICAL_EXTENSION, FORMATS, REASONS, JobError, ReadOptions, Reader, Unit, WriteOptions,
                      detect_format, open_reader)
from .quarantine import Quarantine

__all__ = ["CANONICAL_EXTENSION", "COMPRESSIONS", "FORMATS", "REASONS", "JobError", "Quarantine", "ReadOptions",
           "Reader", "SegmentWriter", "Unit", "WriteOptions", "detect_format", "open_reader", "partial_path",
           "publish", "split_compression", "write_atomic"]
