"""Width/Unicode folding for matching only: folded copies keep their length, so offsets hold."""
from __future__ import annotations

import re
import unicodedata

_WIDE = re.compile(r"[\u3000\uff01-\uff5e\u2010-\u2015\u2212\u30fc\uff70]")
_TABLE = {0x3000: " ", **{c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
          0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-", 0x2015: "-", 0x2212: "-",
          0xFF70: "-"}


def fold_width(text: str) -> str:
    """``text`` with full-width ASCII, ideographic space and dash look-alikes mapped one-to-one to ASCII."""
    if not _WIDE.search(text):
        return text
    return text.translate(_TABLE)


def digits_only(text: str) -> str:
    """ASCII digits of ``text`` (full-width digits folded), separators dropped."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit() and ch.isascii())
