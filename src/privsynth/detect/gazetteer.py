"""Person names by gazetteer: runs of capitalized words that start with a known given name.

The small spaCy model misses many non-English names ("Ágnes Földesy", "Faina D. Yefremova"). Faker ships given-
and family-name lists for dozens of locales; a capitalized run that starts with a known given name and ends with
a capitalized word that is not an English function word, month, weekday or street type is very likely a person.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil

import regex

from ..types import Finding

SCORE_KNOWN_FAMILY = 0.6
SCORE_UNKNOWN_FAMILY = 0.45
_WORD = r"\p{Lu}[\p{Ll}\p{M}][\p{L}\p{M}'’\-]*"
_INITIAL = r"\p{Lu}\.?"
_RUN = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d@.\-])(?:{_WORD})(?:[ \t]+(?:{_WORD}|{_INITIAL}(?=[ \t]+\p{{Lu}}))){{1,3}}"
                     rf"(?![\p{{L}}\p{{M}}\d@])")
_NOT_NAMES = frozenset("""
street st avenue ave road rd lane drive boulevard court place square way park hill parkway circle highway
january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday north south east west new old great united states kingdom republic city county
university college school hospital bank church company inc ltd llc corp corporation group the and of for with
from center centre institute department ministry club team project street avenue christmas easter day night
""".split())


def _names(provider, attr: str) -> list:
    values = getattr(provider, attr, None)
    return list(values) if isinstance(values, (list, tuple, dict)) else []


@functools.lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    import faker.providers.person as person_pkg

    given: set[str] = set()
    family: set[str] = set()
    for info in pkgutil.iter_modules(person_pkg.__path__):
        try:
            provider = importlib.import_module(f"{person_pkg.__name__}.{info.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            given.update(str(n).casefold() for n in _names(provider, attr))
        family.update(str(n).casefold() for n in _names(provider, "last_names"))
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except ImportError:  # pragma: no cover - spaCy is a dependency
        STOP_WORDS = set()
    blocked = _NOT_NAMES | {w.casefold() for w in STOP_WORDS}
    return frozenset(g for g in given if len(g) >= 2 and g not in blocked), frozenset(family - blocked)


def find_names(text: str) -> list[Finding]:
    given, family = _lists()
    findings = []
    for m in _RUN.finditer(text):
        words = m.group(0).split()
        if words[0].casefold() not in given:
            continue
        last = words[-1].rstrip(".")
        lower_last = last.casefold()
        if len(last) < 2 or lower_last in _NOT_NAMES or any(w.casefold() in _NOT_NAMES for w in words[1:]):
            continue
        score = SCORE_KNOWN_FAMILY if lower_last in family or lower_last in given else SCORE_UNKNOWN_FAMILY
        end = m.start() + len(m.group(0).rstrip("."))
        # Possessive 's belongs to the sentence, not the name.
        for suffix in ("'s", "’s"):
            if text[m.start():end].endswith(suffix):
                end -= 2
        findings.append(Finding(m.start(), end, "PERSON", score, "name_gazetteer"))
    return findings
