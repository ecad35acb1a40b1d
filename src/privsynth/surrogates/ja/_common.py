"""What the Japanese generators share: the key-derivation namespace and numerals."""
from __future__ import annotations



VERSION = "ja.v1"  # namespace of every Japanese key derivation: changing it changes every surrogate
KANJI_DIGITS = "〇一二三四五六七八九"


def kanji_number(n: int) -> str:
    """1–99 in kanji numerals (3 → 三, 12 → 十二, 40 → 四十)."""
    if n < 10:
        return KANJI_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else KANJI_DIGITS[tens]) + "十" + (KANJI_DIGITS[ones] if ones else "")


def widen_digits(text: str, template: str) -> str:
    """``text`` in full-width digits when ``template`` starts with one (３５歳), else unchanged."""
    if template and "０" <= template[0] <= "９":
        return "".join(chr(ord("０") + int(d)) for d in text)
    return text
