"""Japanese detection hooks: Python finders beyond the YAML recognizers, and GiNZA span refinement."""
from __future__ import annotations

from typing import Callable

from ..types import Finding

#: Extra finders for Japanese text (each: text -> findings).
FINDERS: tuple[Callable[[str], list[Finding]], ...] = ()


def refine(text: str, findings: list[Finding]) -> list[Finding]:
    """Fix spans the Japanese NER gets wrong (placeholder until the Japanese issue lands)."""
    return findings
