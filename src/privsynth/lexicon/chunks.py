"""Batches of a stream: the scrubber, the CLI and the integrations all feed spaCy and workers in chunks."""
from __future__ import annotations

from typing import Iterable, Iterator


def iter_chunks(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last one shorter), lazily."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
