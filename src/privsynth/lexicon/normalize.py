"""The normalized view that detection reads: what a reader sees, with a map back to the original offsets.

Personal data can hide from patterns and models behind characters a reader does not see or does not tell apart:
zero-width characters and soft hyphens inside an e-mail, NBSP between the groups of a phone number, decomposed
accents (NFD), full-width or Arabic-Indic digits, Cyrillic look-alikes inside a Latin name. Detection runs on
a :class:`View` in which those are normalized, and every finding is mapped back to exact offsets in the
original text, which is the only text that is ever replaced or written.

Two passes keep the map small:

1. length-changing edits, recorded as segments: invisible characters are dropped, a base character with
   combining marks is NFC-composed;
2. one-to-one substitutions, which need no map: Unicode spaces → ``' '``, every decimal digit → ASCII,
   full-width forms and mathematical letters → ASCII (NFKC), Cyrillic/Greek look-alikes inside Latin words →
   Latin (Unicode's confusables data, from ``confusable_homoglyphs``).

A span of the view maps to the original span from the first source character of its first character to the
last source character of its last one, so a removed character inside a value is inside its original span too.
"""
from __future__ import annotations

import bisect
import functools
import unicodedata
from dataclasses import dataclass

import regex

from ..types import Finding

#: Characters that render as nothing: zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen, bidi
#: marks, embeddings/overrides and isolates.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# A base character with its combining marks (invisible characters between them included), or invisible runs.
_LENGTH_CHANGING = regex.compile(r"[^\p{M}%s](?:[%s]*\p{M})+|[%s]+" % ((regex.escape(INVISIBLE),) * 3))
# Full-width punctuation that Japanese prose uses as ordinary punctuation is left as it is (it never hides a
# value, and GiNZA was trained on it); full-width letters, digits and value symbols (＠．－＿＋＃…) are folded.
_KEEP_WIDE = frozenset("！（），：；？［］｛｝～｟｠")
_LATIN_LETTER = regex.compile(r"\p{Latin}")
_FOREIGN = regex.compile(r"[\p{Cyrillic}\p{Greek}]")
_WORD = regex.compile(r"[\p{L}\p{M}]+")


@functools.lru_cache(maxsize=1)
def _confusables() -> dict[int, str]:
    """Cyrillic and Greek letters that look like one ASCII letter (а→a, Ј→J, ο→o), by Unicode's confusables."""
    from confusable_homoglyphs.confusables import confusables_data

    table: dict[int, str] = {}
    for char, glyphs in confusables_data.items():
        if len(char) != 1 or not _FOREIGN.match(char):
            continue
        latin = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalpha()]
        if latin:
            table[ord(char)] = latin[0]
    return table


@functools.lru_cache(maxsize=1)
def _one_to_one() -> dict[int, str]:
    """The same-length substitutions of pass 2 (besides confusables), as a ``str.translate`` table."""
    table: dict[int, str] = {}
    for code in range(0x80, 0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Zs":
            table[code] = " "
        elif category in ("Zl", "Zp"):
            table[code] = "\n"
        elif category == "Nd":
            table[code] = str(unicodedata.decimal(char))
        elif (0xFF01 <= code <= 0xFF5E and char not in _KEEP_WIDE) or 0x1D400 <= code <= 0x1D7FF:
            folded = unicodedata.normalize("NFKC", char)
            if len(folded) == 1 and folded.isascii():
                table[code] = folded
    return table


@functools.lru_cache(maxsize=1)
def _needs_view() -> regex.Pattern:
    """Any character that the view would change (a quick test: most texts have none)."""
    chars = "".join(chr(c) for c in _one_to_one()) + "".join(chr(c) for c in _confusables()) + INVISIBLE
    return regex.compile(r"[%s]|\p{M}" % regex.escape(chars))


@dataclass(frozen=True)
class View:
    """``text`` is what detection reads; ``original`` the input. ``_segments`` holds, sorted by view offset,
    ``(view_start, view_end, orig_start, orig_end, linear)``: a linear segment maps character by character, a
    block (a composed cluster) maps as a whole. An empty ``_segments`` means the view is the original."""

    text: str
    original: str
    _segments: tuple = ()
    _starts: tuple = ()

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the view span ``[start, end)``."""
        if not self._segments or start >= end:
            return start, end
        return self._position(start, False), self._position(end - 1, True)

    def _position(self, index: int, after: bool) -> int:
        seg = self._segments[bisect.bisect_right(self._starts, index) - 1]
        view_start, _, orig_start, orig_end, linear = seg
        if linear:
            return orig_start + (index - view_start) + (1 if after else 0)
        return orig_end if after else orig_start

    def finding(self, f: Finding) -> Finding:
        """``f`` (found on the view) with original offsets."""
        if not self._segments:
            return f
        start, end = self.to_original(f.start, f.end)
        return Finding(start, end, f.entity_type, f.score, f.recognizer)


_INVISIBLE_RUN = regex.compile("[%s]+" % regex.escape(INVISIBLE))


def canonical_value(value: str) -> str:
    """A detected value as a reader sees it: composed (NFC) and without invisible characters. What surrogates
    are generated and keyed from, so "José" typed in NFD or with a zero-width space inside gets the same, clean
    surrogate as "José". Widths and digits stay as written (a full-width phone keeps its form)."""
    if value.isascii():
        return value
    return unicodedata.normalize("NFC", _INVISIBLE_RUN.sub("", value))


def build_view(text: str) -> View:
    """The normalized view of ``text`` (the text itself, with no map, when nothing needs normalizing)."""
    if text.isascii() or not _needs_view().search(text):
        return View(text, text)
    pieces: list[str] = []
    segments: list[tuple] = []
    view_pos = orig_pos = 0

    def linear(upto: int) -> None:
        nonlocal view_pos, orig_pos
        if upto > orig_pos:
            pieces.append(text[orig_pos:upto])
            segments.append((view_pos, view_pos + upto - orig_pos, orig_pos, upto, True))
            view_pos += upto - orig_pos
            orig_pos = upto

    for m in _LENGTH_CHANGING.finditer(text):
        linear(m.start())
        chunk = m.group(0)
        if chunk[0] in INVISIBLE:
            orig_pos = m.end()  # dropped: no view characters, the neighbouring segments cover the gap
            continue
        composed = unicodedata.normalize("NFC", "".join(c for c in chunk if c not in INVISIBLE))
        if composed == chunk:
            linear(m.end())
            continue
        pieces.append(composed)
        segments.append((view_pos, view_pos + len(composed), m.start(), m.end(), False))
        view_pos += len(composed)
        orig_pos = m.end()
    linear(len(text))
    view = "".join(pieces).translate(_one_to_one())
    view = _unconfuse(view)
    if view == text:
        return View(text, text)
    segments = [s for s in segments if s[1] > s[0]]
    return View(view, text, tuple(segments), tuple(s[0] for s in segments))


def _unconfuse(text: str) -> str:
    """Cyrillic/Greek look-alikes → Latin inside words that mix them with Latin letters ("Jоhn" with a Cyrillic
    о), and in words made only of look-alikes when the text around is mostly Latin ("Ѕаrа"). Same length."""
    table = _confusables()
    if not _FOREIGN.search(text):
        return text
    latin = len(_LATIN_LETTER.findall(text))
    foreign = len(_FOREIGN.findall(text))
    out = list(text)
    changed = False
    for m in _WORD.finditer(text):
        word = m.group(0)
        if not _FOREIGN.search(word):
            continue
        letters = [c for c in word if not unicodedata.category(c).startswith("M")]
        look_alike = all(ord(c) in table or not _FOREIGN.match(c) for c in letters)
        mixed = _LATIN_LETTER.search(word) is not None
        if look_alike and (mixed or latin > foreign):
            for i, c in enumerate(word, m.start()):
                if ord(c) in table:
                    out[i] = table[ord(c)]
                    changed = True
    return "".join(out) if changed else text
