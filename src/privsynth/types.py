"""Frozen value types that flow through detect → resolve → surrogate → render.

None of them stores an original value, and their reprs show offsets and types only.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Finding:
    """A candidate span of personal data in the input text (offsets only, never the value)."""

    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Replacement:
    """One replaced value: where it was in the input and where its surrogate is in the output."""

    start: int
    end: int
    output_start: int
    output_end: int
    entity_type: str
    score: float
    recognizer: str

    def as_annotation(self) -> dict[str, object]:
        """The surrogate's span in the output: a labeled NER example, free of the original."""
        return {"start": self.output_start, "end": self.output_end, "entity_type": self.entity_type}


@dataclass(frozen=True, slots=True)
class ScrubResult:
    """The scrubbed text and what was replaced in it."""

    text: str
    replacements: tuple[Replacement, ...]
    language: str
    input_length: int = field(default=0)
    #: Bias counts of this text's person names (``privsynth.surrogates.bias``): ``{"originals": {"gender": …,
    #: "origin": …}, "surrogates": {"gender": …, "origin": …, "locale": …}}``; empty when no name was replaced.
    bias: dict = field(default_factory=dict, compare=False)

    def counts(self) -> dict[str, int]:
        """Number of replacements per entity type."""
        return dict(Counter(r.entity_type for r in self.replacements))

    def annotations(self) -> list[dict[str, object]]:
        """Spans of every surrogate in ``text`` (``start``, ``end``, ``entity_type``)."""
        return [r.as_annotation() for r in self.replacements]

    def __repr__(self) -> str:
        return (f"ScrubResult(language={self.language!r}, chars={len(self.text)}, "
                f"replacements={len(self.replacements)}, counts={self.counts()!r})")

    __str__ = __repr__
