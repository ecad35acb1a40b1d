"""Reader for the labelled JSONL format of ``../shared/eval/README.md``.

One document a line: ``{"id", "text", "lang", "source", "spans": [{"start", "end", "label", ...}], ...}``.
Offsets are code-point offsets, end-exclusive. Conformance files that use ``expected_spans`` are read too.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..io.jsonl import iter_objects
from .scoring import Span


class DatasetError(ValueError):
    """A labelled file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class LabeledDoc:
    id: str
    text: str
    lang: str | None
    source: str | None
    spans: tuple[Span, ...]
    exhaustive: object = None  # optional per-record declaration, see scoring.parse_exhaustive
    meta: dict = field(default_factory=dict, repr=False)


def _default_source(path: Path) -> str:
    return path.name.split(".")[0]


def iter_labeled(path: str | Path, limit: int | None = None, validate: bool = True) -> Iterator[LabeledDoc]:
    """Yield the documents of a labelled JSONL file (at most ``limit``)."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"{path}: no such file. Pass a labelled JSONL file (see ../shared/eval/README.md).")
    n = 0
    with path.open(encoding="utf-8") as fh:
        for lineno, rec in iter_objects(fh, str(path), DatasetError, line_sep=":"):
            if limit is not None and n >= limit:
                return
            text = rec.get("text")
            if not isinstance(text, str):
                raise DatasetError(f"{path}:{lineno}: field 'text' must be a string.")
            raw = rec.get("spans", rec.get("expected_spans")) or []
            spans = []
            for i, s in enumerate(raw):
                try:
                    start, end, label = int(s["start"]), int(s["end"]), str(s["label"])
                except (KeyError, TypeError, ValueError):
                    raise DatasetError(f"{path}:{lineno}: span {i} needs integer start/end and a label.") from None
                if validate and not (0 <= start <= end <= len(text)):
                    raise DatasetError(f"{path}:{lineno}: span {i} [{start}, {end}) lies outside the text.")
                if validate and "text" in s and text[start:end] != s["text"]:
                    raise DatasetError(f"{path}:{lineno}: span {i} text does not match text[start:end].")
                spans.append(Span(start, end, label))
            n += 1
            yield LabeledDoc(
                id=str(rec.get("id", f"{path.name}:{lineno}")), text=text, lang=rec.get("lang"),
                source=rec.get("source") or _default_source(path), spans=tuple(spans),
                exhaustive=rec.get("exhaustive"), meta=rec.get("meta") or {},
            )


def load_labeled(path: str | Path, limit: int | None = None) -> list[LabeledDoc]:
    return list(iter_labeled(path, limit=limit))
