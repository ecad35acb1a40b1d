"""Countries and first-level regions by name (ISO 3166, from pycountry), in Title Case or in capitals.

The small English model misses places it cannot see in context, above all in lines written in capitals
("RUGBY UNION - MADAGASCAR SQUAD FOR TOUR"), and regions with local names ("Schleswig-Holstein", "Telangana").
ISO 3166-1 (countries) and 3166-2 (states, provinces, regions) are a closed, public list: one Aho-Corasick pass
finds every listed name written as the list writes it, or wholly in capitals. Names that are everyday English
words ("Central", "Reading", "Most") or given names ("Victoria", "Georgia", left to the name finders) are not
listed: alone they are no evidence of a place.
"""
from __future__ import annotations

import functools
import unicodedata

from ..types import Finding

SCORE = 0.5
RECOGNIZER = "place_name"
_MIN_CHARS = 4
# Region names that are everyday English words or parts of other names; found alone they are no place (the
# single-word names of the list that are common words in the English model's lemmatizer tables, by hand).
_EVERYDAY = frozenset("""
most lot south north west east reading central centre center western bar male coast northern southern eastern
van bay pool rivers gulf unity lakes delta est chin acre saga antique mon para batman capital island islands
city upper lower middle interior littoral plateau mountain mountains valley lake river sea border frontier
highlands lowlands midlands north-east north-west south-east south-west orient oriental occidental
afar bled bloke bong bury cascade cascades falcon grad highland lira mascara mono pest pita plunge reunion
rouge ruse sale store slough harrow cork derby jersey volta
""".split())


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every country and first-level region name the finder looks for, as pycountry writes it."""
    import pycountry

    from .gazetteer import given_names

    names: set[str] = set()
    for country in pycountry.countries:
        names.update(getattr(country, attr, "") or "" for attr in ("name", "common_name", "official_name"))
    for region in pycountry.subdivisions:
        names.update(part.strip() for part in region.name.split("/"))
    names |= {_plain(n) for n in names}  # ISO writes "Telangāna"; English text writes "Telangana"
    given = given_names()
    return frozenset(n for n in names if _listable(n, given))


def _plain(name: str) -> str:
    """``name`` without combining accents (NFD, marks dropped, NFC again)."""
    decomposed = unicodedata.normalize("NFD", name)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _listable(name: str, given: frozenset[str]) -> bool:
    if len(name) < _MIN_CHARS or any(c in name for c in ",()[];") or not name[:1].isupper():
        return False
    folded = name.casefold()
    return folded not in _EVERYDAY and folded not in given


@functools.lru_cache(maxsize=1)
def _automaton():  # -> ahocorasick.Automaton
    from .gazetteer import word_automaton

    names = place_names()
    # in capitals too, when that keeps the length ("ß" → "SS" would shift offsets)
    capitals = {n.upper() for n in names if len(n.upper()) == len(n)}
    return word_automaton(names | capitals)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "-'’_@"


def find_place_names(text: str) -> list[Finding]:
    """LOCATION findings for every listed country or region name in ``text`` (whole words, longest match)."""
    found: list[tuple[int, int]] = []
    for end_index, length in _automaton().iter(text):
        start, end = end_index + 1 - length, end_index + 1
        if (start > 0 and _is_word_char(text[start - 1])) or (end < len(text) and _is_word_char(text[end])):
            continue
        found.append((start, end))
    # Longest match wins ("West Virginia" over "Virginia"): drop matches inside another.
    found.sort(key=lambda span: (span[0], -span[1]))
    findings: list[Finding] = []
    reach = -1
    for start, end in found:
        if end <= reach:
            continue
        reach = end
        findings.append(Finding(start, end, "LOCATION", SCORE, RECOGNIZER))
    return findings
