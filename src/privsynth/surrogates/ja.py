"""Japanese surrogate generators (names without spaces, kana readings, Japanese phone and date formats)."""
from __future__ import annotations

from typing import Callable

#: entity type -> generator(span, keyed, document context) overriding the defaults for Japanese.
GENERATORS: dict[str, Callable] = {}
