"""Overlap resolution and person linking (every language): pure functions, findings in, non-overlapping entities
out."""
from __future__ import annotations

import bisect
import re
from typing import Iterable, Iterator, Sequence

import regex

from .lexicon.ja_names import script_of, split_name
from .lexicon.ja_words import NOT_NAME_PARTS, NOT_NAMES, countries
from .lexicon.names import name_tokens
from .types import Finding

#: When two findings overlap and are equally long, the more specific type wins.
SPECIFICITY = {
    "EMAIL_ADDRESS": 90, "IBAN_CODE": 88, "CREDIT_CARD": 87, "CRYPTO": 86, "US_SSN": 85, "UK_NHS": 84,
    "UK_NINO": 84, "JP_MY_NUMBER": 84, "JP_CORPORATE_NUMBER": 83, "IMEI": 88, "VEHICLE_ID": 82,
    "MAC_ADDRESS": 82, "IP_ADDRESS": 81, "URL": 80, "PHONE_NUMBER": 69, "FAX_NUMBER": 76,
    "MEDICAL_RECORD_NUMBER": 74, "HEALTH_PLAN_NUMBER": 74, "ACCOUNT_NUMBER": 68, "US_PASSPORT": 72,
    "US_DRIVER_LICENSE": 72, "JP_DRIVER_LICENSE": 72, "JP_PASSPORT": 72, "LICENSE_NUMBER": 73,
    "LICENSE_PLATE": 70, "DEVICE_ID": 70, "BIOMETRIC_ID": 70, "CASE_NUMBER": 71, "ID_NUMBER": 66, "ADDRESS": 60, "USERNAME": 58, "PERSON": 55,
    "AGE": 52, "ZIP_CODE": 51, "DATE_TIME": 50, "LOCATION": 40, "ORGANIZATION": 30, "NRP": 20,
}
_NAMED = frozenset({"PERSON", "LOCATION", "ADDRESS", "ORGANIZATION"})
_MEANINGFUL = re.compile(r"\w{2,}")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
#: Letters of scripts without case (Hebrew, Arabic, Georgian, Thai, Han, Hangul): a remainder in them is a name.
_CASELESS = regex.compile(r"[\p{Hebrew}\p{Arabic}\p{Georgian}\p{Thai}\p{Han}\p{Hangul}]")


#: Types whose pattern findings outrank any NER span they overlap: an e-mail or phone number is never part of a
#: date or a name, however long the span NER drew around it ("May 5, 2020 maria@example.org" as one DATE).
_STRUCTURED = frozenset(SPECIFICITY) - _NAMED - {"NRP", "DATE_TIME", "AGE", "ZIP_CODE"}


def _rank(f: Finding) -> tuple:
    pattern = not f.recognizer.startswith("spacy")
    tier = 2 if pattern and f.score >= 0.999 else 1 if pattern and f.entity_type in _STRUCTURED else 0
    return (tier, f.length, SPECIFICITY.get(f.entity_type, 0), f.score, -f.start)


class _Occupied:
    """Non-overlapping taken intervals, kept sorted so overlap queries cost O(log n) (documents can hold
    hundreds of thousands of findings)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.starts, end)
        out = []
        while i > 0 and self.ends[i - 1] > start:
            i -= 1
            out.append((self.starts[i], self.ends[i]))
        return out

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> "_Occupied":
        taken = cls()
        for f in sorted(findings, key=lambda f: f.start):
            taken.add(f.start, f.end)
        return taken

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _uncovered(f: Finding, occupied: _Occupied) -> list[tuple[int, int]]:
    segments = [(f.start, f.end)]
    for a, b in occupied.overlapping(f.start, f.end):
        nxt = []
        for s, e in segments:
            if b <= s or a >= e:
                nxt.append((s, e))
                continue
            if s < a:
                nxt.append((s, a))
            if b < e:
                nxt.append((b, e))
        segments = nxt
    return segments


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    sub = text[start:end]
    lead = _EDGE.match(sub)
    start2 = start + (lead.end() if lead else 0)
    trail = _EDGE.search(text[start2:end])
    return start2, (start2 + trail.start() if trail else end)


def resolve(findings: Iterable[Finding], text: str, threshold: float = 0.0) -> list[Finding]:
    """Non-overlapping findings sorted by start.

    Validated structured findings first, then the longest, then the most specific type, then the highest score.
    A name or place that only partly overlaps a winner keeps its uncovered remainder when that still holds a
    capitalized word (so ``Smith`` survives a name span that ran into an e-mail address and is still replaced);
    a structured value cut in two is dropped.
    """
    chosen: list[Finding] = []
    taken = _Occupied()
    for f in sorted((f for f in findings if f.score >= threshold), key=_rank, reverse=True):
        segments = _uncovered(f, taken)
        if segments == [(f.start, f.end)]:
            piece = f
        elif f.entity_type not in _NAMED:
            continue  # a structured value cut in two is no longer that value
        else:
            piece = None
            for s, e in sorted(segments, key=lambda se: se[1] - se[0], reverse=True):
                s2, e2 = _strip_edges(text, s, e)
                rest = text[s2:e2]
                if e2 - s2 >= 2 and _MEANINGFUL.search(rest) and (rest != rest.lower() or _CASELESS.search(rest)):
                    piece = Finding(s2, e2, f.entity_type, f.score, f.recognizer)
                    break
            if piece is None:
                continue
        chosen.append(piece)
        taken.add(piece.start, piece.end)
    return sorted(chosen, key=lambda f: f.start)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_STOP = frozenset({"the", "and", "of", "de", "van", "von", "da", "del", "la", "le", "mr", "mrs", "ms", "dr"})


_WORD = re.compile(r"\w+")


def _occurrences(text: str, values: Iterable[str], fold: bool = False) -> Iterator[tuple[int, int, str]]:
    """Whole-word occurrences of any of ``values`` in ``text``, longest first at each position, in O(text).

    A regex alternation of thousands of values (a long document's names and numbers) is O(text × values);
    instead each value is indexed by its first word, one Aho-Corasick pass finds where any first word stands as
    a whole word (``\\w+`` token), and only there are its values compared. Values with CJK characters (no word
    boundaries) are found with ``str.find``.
    """
    import ahocorasick

    norm = (lambda x: x.casefold()) if fold else (lambda x: x)
    cjk: list[str] = []
    listed: list[str] = []
    for value in values:
        if _CJK.search(value):
            cjk.append(value)
        else:
            listed.append(value)
    by_word: dict[str, list[tuple[int, str]]] = {}
    for value in listed:
        first = _WORD.search(value)
        if first:
            by_word.setdefault(norm(first.group(0)), []).append((first.start(), value))
    haystack = norm(text) if fold else text
    if fold and len(haystack) != len(text):  # casefold changed lengths (ß → ss): fall back to exact case
        haystack, norm = text, (lambda x: x)  # (the first words stay folded: only all-lower-case ones match)
    automaton = ahocorasick.Automaton()
    for word, candidates in by_word.items():
        # a first word that is no longer one \w+ token once folded can equal no token of the text
        if _WORD.fullmatch(word):
            candidates.sort(key=lambda c: -len(c[1]))
            automaton.add_word(word, (len(word), candidates))
    if len(automaton):
        automaton.make_automaton()
        n = len(haystack)
        for last, (length, candidates) in automaton.iter(haystack):
            begin, after = last - length + 1, last + 1
            if (begin > 0 and _is_word(haystack[begin - 1])) or (after < n and _is_word(haystack[after])):
                continue  # not a whole token of the text
            for offset, value in candidates:
                start = begin - offset
                end = start + len(value)
                if start < 0 or haystack[start:end] != norm(value):
                    continue
                if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                    continue
                yield start, end, value
                break
    for value in cjk:
        needle = norm(value)
        i = haystack.find(needle)
        while i >= 0:
            yield i, i + len(value), value
            i = haystack.find(needle, i + len(value))


def _is_word(char: str) -> bool:
    """``re``'s ``\\w`` for one character."""
    return char.isalnum() or char == "_"


def link_mentions(text: str, entities: Sequence[Finding]) -> list[Finding]:
    """Other mentions of detected people: every further capitalized occurrence of a detected name part.

    NER finds "John Smith" but often misses the lone "Smith" two sentences later, or "JOHN SMITH" in a
    signature; each of those would leak. Returns the extra PERSON findings (not overlapping ``entities``).
    """
    parts = set()
    for e in entities:
        if e.entity_type == "PERSON":
            for tok in name_tokens(text[e.start:e.end]):
                if tok.lower() not in _STOP and (len(tok) >= 3 or (len(tok) >= 2 and _CJK.search(tok))):
                    parts.add(tok)
    if not parts:
        return []
    taken = _Occupied.of(entities)
    extra = []
    for start, end, _ in sorted(_occurrences(text, parts, fold=True)):
        word = text[start:end]
        if not _CJK.search(word) and not (word[0].isupper() or word.isupper()):
            continue
        if start > 0 and text[start - 1] in "@." or end < len(text) and text[end] == "@":
            continue  # part of an e-mail address or a domain: that value has its own finding
        if taken.overlapping(start, end):
            continue
        extra.append(Finding(start, end, "PERSON", 0.8, "person_linking"))
        taken.add(start, end)
    return extra


def repeat_mentions(text: str, entities: Sequence[Finding], min_length: int = 4) -> list[Finding]:
    """Verbatim repeats of any replaced value that detection missed (a phone number quoted twice, a place named
    again in a list): each would otherwise survive in the output next to its surrogate."""
    values = {text[e.start:e.end]: e for e in entities if e.end - e.start >= min_length}
    if not values:
        return []
    taken = _Occupied.of(entities)
    extra = []
    for start, end, value in sorted(_occurrences(text, values)):
        if taken.overlapping(start, end):
            continue
        source = values[value]
        extra.append(Finding(start, end, source.entity_type, source.score, "repeat_mention"))
        taken.add(start, end)
    return extra


def link_name_parts(text: str, findings: list[Finding], language: str) -> list[Finding]:
    """Other mentions of the family or given name of a detected full name (熊谷唯 … 唯は…): the generic linker
    cannot split an unspaced Japanese name, so the parts are looked up here. Runs on the raw candidates, before
    :func:`resolve`; returns them with the extra PERSON findings appended (unchanged for other languages)."""
    if language != "ja":
        return findings
    parts: set[str] = set()
    for f in findings:
        if f.entity_type != "PERSON" or f.score < 0.35:
            continue
        span = text[f.start:f.end]
        if script_of(span.replace(" ", "").replace("　", "")) not in ("kanji", "katakana", "hiragana"):
            continue
        pieces = [p for p, role in split_name(span) if role in ("family", "given")]
        if len(pieces) >= 2:
            parts.update(p for p in pieces if (len(p) >= 2 or script_of(p) == "kanji") and p not in NOT_NAME_PARTS
                         and p not in NOT_NAMES and p not in countries() and
                         not (script_of(p) == "katakana" and len(p) < 3))
    if not parts:
        return findings
    taken = [(f.start, f.end) for f in findings if f.entity_type == "PERSON"]
    extra = []
    pattern = regex.compile("|".join(regex.escape(p) for p in sorted(parts, key=len, reverse=True)))
    for m in pattern.finditer(text):
        a, b = m.span()
        if any(x < b and a < y for x, y in taken):
            continue
        word = m.group(0)
        kind = script_of(word)
        before, after = text[a - 1:a] if a else "", text[b:b + 1]
        same = {"kanji": r"[\u3400-\u9fff々]", "katakana": r"[\u30a0-\u30ffー]",
                "hiragana": r"[\u3040-\u309f]"}.get(kind)
        if same and (re.match(same, before) or re.match(same, after)):
            continue  # inside a longer word (唯 in 唯一)
        extra.append(Finding(a, b, "PERSON", 0.7, "ja_linking"))
    return findings + extra
