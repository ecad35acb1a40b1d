"""The quarantine file: one JSON line per input record that could not be processed.

Each line names the source file, the line or row number, a reason code (see ``privsynth.io.REASONS``) and a short
detail (field name, type, size) — never the record's text, so the file is as safe to share as the manifest.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from .atomic import partial_path, publish
from .compression import SegmentWriter


class Quarantine:
    """Writes ``<output>.quarantine.jsonl`` (atomically, resumable) or, without a file, JSON lines on stderr."""

    def __init__(self, final: Path | None, *, resume_at: int | None = None) -> None:
        self.final = final
        self.count = 0
        if final is None:
            self._writer = None
            return
        self.partial = partial_path(final)
        if resume_at is not None and not self.partial.exists():
            if resume_at:
                raise OSError(f"partial quarantine file {self.partial} is missing")
            resume_at = None
        self._writer = SegmentWriter(self.partial, None, resume_at=resume_at)

    def add(self, source: str, location: str, number: int, reason: str, detail: str | None = None) -> None:
        entry: dict[str, Any] = {"source": source, location: number, "reason": reason}
        if detail:
            entry["detail"] = detail
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        self.count += 1
        if self._writer is None:
            sys.stderr.write("privsynth: quarantined " + line)
        else:
            self._writer.write(line.encode("utf-8", "surrogateescape"))

    def checkpoint(self) -> int:
        return 0 if self._writer is None else self._writer.checkpoint()

    def close(self) -> bool:
        """Publish the file if anything was quarantined (else remove any stale one). True if it exists."""
        if self._writer is None or self.final is None:
            return False
        size = self._writer.close()
        if size == 0:
            os.unlink(self.partial)
            try:
                os.unlink(self.final)
            except FileNotFoundError:
                pass
            return False
        publish(self.partial, self.final)
        return True

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.abort()
