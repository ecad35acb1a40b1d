"""Japanese ages (35歳): the number moves by a keyed 1–5 years in the same digit width."""
from __future__ import annotations

import re
import unicodedata

from ..base import DocumentContext, Keyed, distinct
from ._common import VERSION, widen_digits

def age(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """35歳 → 37歳: the number moves by 1–5 years (keyed), in the same digit width; the counter stays."""
    m = re.search(r"[\d０-９]+", span)
    if not m:
        return span
    value = int(unicodedata.normalize("NFKC", m.group(0)))

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".age", str(value), attempt)
        delta = rng.randint(1, 5) * rng.choice((-1, 1))
        new = value + delta if value + delta >= 1 else value + abs(delta)
        return span[:m.start()] + widen_digits(str(new), m.group(0)) + span[m.end():]
    return distinct(make, span)
