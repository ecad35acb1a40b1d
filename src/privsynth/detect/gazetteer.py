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
_RUN = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d@.\-])(?:{_WORD})(?:[ \t]+(?:{_WORD}|{_INITIAL}(?=[ \t]+\p{{Lu}}))){{1,4}}"
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
        for attr in ("first_names", "first_names_male", "first_names_female", "first_romanized_names",
                     "first_romanized_names_male", "first_romanized_names_female"):
            given.update(str(n).casefold() for n in _names(provider, attr))
        for attr in ("last_names", "last_romanized_names"):
            family.update(str(n).casefold() for n in _names(provider, attr))
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except ImportError:  # pragma: no cover - spaCy is a dependency
        STOP_WORDS = set()
    blocked = _NOT_NAMES | {w.casefold() for w in STOP_WORDS}
    return frozenset(g for g in given if len(g) >= 2 and g not in blocked), frozenset(family - blocked)


_NAME_LIST = regex.compile(rf"(?<![\p{{L}}\p{{M}}])({_WORD})((?:,[ \t]*{_WORD}){{0,6}}),?[ \t]+(?:and|&)[ \t]+({_WORD})"
                           rf"(?![\p{{L}}\p{{M}}])")


def find_name_lists(text: str) -> list[Finding]:
    """Every item of a coordinated list of capitalized words ("Kónya, Becker and Vasquez") when most of the
    items are known given or family names: people listed together are listed by name."""
    given, family = _lists()
    findings = []
    for m in _NAME_LIST.finditer(text):
        items = [(m.start(1), m.group(1))]
        for item in regex.finditer(_WORD, m.group(2)):
            items.append((m.start(2) + item.start(), item.group(0)))
        items.append((m.start(3), m.group(3)))
        known = sum(1 for _, w in items if w.casefold() in family or w.casefold() in given)
        if known * 2 > len(items) and not any(w.casefold() in _NOT_NAMES for _, w in items):
            findings.extend(Finding(start, start + len(w), "PERSON", 0.45, "name_list") for start, w in items)
    return findings


# Given names that are everyday English words too; alone, they are not evidence of a person.
_COMMON_WORDS = frozenset("""
will mark may june april august grant rose hope bill art page summer autumn winter guy jack frank rich china
paris georgia victoria christian justice major king young love star sky dawn sunny ray ace angel bear honey
joy faith grace chase hunter cliff dale glen miles norman sterling wade crystal ruby pearl amber ivy holly
jade iris lily daisy violet olive robin jay drew lane chance rusty duke earl baron prince queen max sage
bishop cash gene penny sandy rocky sunday monday friday christmas easter harmony melody destiny trinity
heaven nova luna aurora london brooklyn sydney dakota phoenix jordan israel india kenya asia africa
america regina virginia carolina florida madison austin dallas houston denver orlando tyler
""".split())
_LONE = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d@#/.\-])({_WORD})(?![\p{{L}}\p{{M}}\d@\-]|\.[\p{{L}}])")


@functools.lru_cache(maxsize=1)
def _lone_given_names() -> frozenset[str]:
    from faker.providers.lorem.en_US import Provider as Lorem

    from ..surrogates.names import gender_table

    given, _ = _lists()
    words = {w.casefold() for w in Lorem.word_list}
    return frozenset(n for n in gender_table() if n in given and n not in words and n not in _COMMON_WORDS
                     and len(n) >= 3)


def find_lone_given_names(text: str) -> list[Finding]:
    """A capitalized word that is a known given name (and no everyday English word) names a person."""
    names = _lone_given_names()
    return [Finding(m.start(), m.end(), "PERSON", 0.4, "given_name")
            for m in _LONE.finditer(text) if m.group(1).casefold() in names]


def find_names(text: str) -> list[Finding]:
    given, family = _lists()
    findings = []
    for m in _RUN.finditer(text):
        tokens = [(t.start(), t.group(0)) for t in regex.finditer(r"\S+", m.group(0))]
        # The run may start with a capitalized non-name ("Dear Lisa Parsons"): start at the first given name.
        first = next((i for i, (_, w) in enumerate(tokens[:-1]) if w.casefold() in given), None)
        if first is None:
            continue
        words = [w for _, w in tokens[first:]]
        last = words[-1].rstrip(".")
        if last.endswith(("'s", "’s")):
            last = last[:-2]
        if len(last) < 2 or any(w.casefold().rstrip(".") in _NOT_NAMES for w in words[1:]):
            continue
        score = SCORE_KNOWN_FAMILY if last.casefold() in family or last.casefold() in given else SCORE_UNKNOWN_FAMILY
        start = m.start() + tokens[first][0]
        end = m.start() + tokens[-1][0] + len(tokens[-1][1].rstrip("."))
        if text[start:end].endswith(("'s", "’s")):  # the possessive belongs to the sentence, not the name
            end -= 2
        findings.append(Finding(start, end, "PERSON", score, "name_gazetteer"))
    return findings
