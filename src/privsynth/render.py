"""Render: splice surrogates into the text and record where each one landed in the output."""
from __future__ import annotations

from typing import Sequence

from .types import Finding, Replacement


def render(text: str, entities: Sequence[Finding], surrogates: Sequence[str]) -> tuple[str, tuple[Replacement, ...]]:
    """``entities`` must be sorted and non-overlapping (as :func:`privsynth.resolve.resolve` returns them)."""
    parts: list[str] = []
    replacements: list[Replacement] = []
    cursor = 0
    out_len = 0
    for entity, surrogate in zip(entities, surrogates):
        kept = text[cursor:entity.start]
        parts.append(kept)
        out_len += len(kept)
        parts.append(surrogate)
        replacements.append(Replacement(entity.start, entity.end, out_len, out_len + len(surrogate),
                                        entity.entity_type, entity.score, entity.recognizer))
        out_len += len(surrogate)
        cursor = entity.end
    parts.append(text[cursor:])
    return "".join(parts), tuple(replacements)
