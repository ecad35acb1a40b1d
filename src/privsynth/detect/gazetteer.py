"""Person names by gazetteer: runs of capitalized words that start with a known given name.

The small spaCy model misses many non-English names ("Ágnes Földesy", "Faina D. Yefremova"). Faker ships given-
and family-name lists for dozens of locales; a capitalized run that starts with a known given name and ends with
a capitalized word that is not an English function word, month, weekday or street type is very likely a person.
"""
from __future__ import annotations

import functools
import importlib
from typing import Iterable

import regex

from ..lexicon.names import all_person_providers
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
patient doctor nurse client customer user employee manager director officer agent professor student teacher
captain president senator judge dear hello hi thanks regards sincerely name age sex dob mrn
""".split())


def _names(provider, attr: str) -> list:
    values = getattr(provider, attr, None)
    return list(values) if isinstance(values, (list, tuple, dict)) else []


@functools.lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    given: set[str] = set()
    family: set[str] = set()
    for provider in all_person_providers():
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



def given_names() -> frozenset[str]:
    """Every given name of Faker's person providers, case-folded (stop words and street/title words removed)."""
    return _lists()[0]


# Tokenized social-media text writes a space before the comma ("Kónya , Becker and Vasquez").
_NAME_LIST = regex.compile(rf"(?<![\p{{L}}\p{{M}}])({_WORD})((?:[ \t]*,[ \t]*{_WORD}){{0,6}})(?:[ \t]*,)?[ \t]+(?:and|&)[ \t]+({_WORD})"
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
        known = sum(1 for _, w in items if w.casefold() in family or w.casefold() in given or is_surname_like(w))
        # Two items must both look like names ("Usamov and Bowers"); longer lists need a majority.
        if (known == len(items) if len(items) == 2 else known * 2 > len(items)) and not any(w.casefold() in _NOT_NAMES for _, w in items):
            findings.extend(Finding(start, start + len(w), "PERSON", 0.45, "name_list") for start, w in items)
    if regex.search(r"\p{Ll}[ \t]+(?:and|&)[ \t]+\p{Ll}", text):
        findings += _lower_name_pairs(text, _lone_given_names())
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
def _blocked() -> frozenset[str]:
    """English function words and country names: never part of a person's name here."""
    from faker.providers.address import Provider as Address
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset({w.casefold() for w in STOP_WORDS} | {c.casefold() for c in Address.countries})


@functools.lru_cache(maxsize=1)
def _lone_given_names() -> frozenset[str]:
    from faker.providers.lorem.en_US import Provider as Lorem

    from ..lexicon.names import gender_table, gendered_given_names

    words = {w.casefold() for w in Lorem.word_list}
    english: set[str] = set()
    # Alone, only names from English-speaking locales count: other languages' given names are English words
    # too often ("Server", "Doruk", "Hope").
    for locale in ("en_US", "en_GB", "en_IE", "en_CA", "en_AU", "en_NZ", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL",
                   "pt_BR", "pl_PL", "sv_SE", "da_DK", "no_NO", "fi_FI", "cs_CZ", "hu_HU", "ru_RU", "uk_UA"):
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ImportError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            english.update(str(n).casefold() for n in _names(provider, attr))
    # in a gendered first-name list; one listed under both genders ("Simone", "Alex") must be no English noun or
    # verb as well ("Ale", "Carol" stay words)
    from .case_names import _dictionary_word

    single = gender_table()
    gendered = {n for n in gendered_given_names() if n in single or not _dictionary_word(n)}
    return frozenset(n for n in english if n in gendered and n not in words and n not in _COMMON_WORDS
                     and n not in _blocked() and len(n) >= 3)


_HYPHENATED = regex.compile(r"(?<![\p{L}\p{M}\d@#/.\-_])(\p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]+)+)(?![\p{L}\p{M}\d@\-_])")
#: A capitalized word followed by a verb that takes a person as its subject ("Guðgeir will pick you up").
_SUBJECT = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d@#/.\-])({_WORD})[ \t]+(?:will|would|can|could|should|must|is|was|has|"
                         rf"had|says|said|told|asked|wants|wanted|thinks|thought|knows|knew|called|texted|wrote|"
                         rf"replied)\b")


def _hyphenated_given_names(text: str) -> list[Finding]:
    """A hyphenated given name of any locale, in any case ("Chia-Ming", "CHUN-LIANG", "kay-uwe", "Anna-Lena"):
    listed as one name and made of given names, it is no word of any language."""
    if "-" not in text:
        return []
    from .case_names import _dictionary_word

    given, family = _lists()
    out = []
    for m in _HYPHENATED.finditer(text):
        word = m.group(1).casefold()
        parts = word.split("-")
        # listed so ("CHIA-MING"), or made of given names that are no everyday words, one of them no family name
        # ("Anna-Lena"; "Ellis-Ingram" is a firm of two surnames as often as a person)
        if word in given or all(len(p) >= 3 and p in given and p not in _COMMON_WORDS and p not in _blocked()
                                and not _dictionary_word(p) for p in parts) and any(p not in family for p in parts):
            out.append(Finding(m.start(), m.end(), "PERSON", 0.45, "hyphenated_given_name"))
    return out


def find_lone_given_names(text: str) -> list[Finding]:
    """A capitalized word that is a known given name (and no everyday English word) names a person; so does a
    hyphenated given name of any locale in any case."""
    names = _lone_given_names()
    found = [Finding(m.start(), m.end(), "PERSON", 0.4, "given_name")
             for m in _LONE.finditer(text) if m.group(1).casefold() in names]
    found += _subject_given_names(text, names)
    spans = {(f.start, f.end) for f in found}
    return found + [f for f in _hyphenated_given_names(text) if (f.start, f.end) not in spans]


def _subject_given_names(text: str, names: frozenset[str]) -> list[Finding]:
    """A given name of any locale that is rare in English and no English noun or verb, as the subject of a verb
    that takes a person ("Guðgeir will pick you up", "Dorcas said"); the lone-name list covers the others."""
    if " " not in text:
        return []
    from wordfreq import zipf_frequency

    from .case_names import _dictionary_word, _sentence_word, _tables

    given = _tables()[0]
    out = []
    for m in _SUBJECT.finditer(text):
        word = m.group(1).casefold()
        if word in names or word not in given or word in _COMMON_WORDS or word in _blocked() or len(word) < 3:
            continue
        if zipf_frequency(word, "en") < 3.0 and not _dictionary_word(word) and not _sentence_word(word):
            out.append(Finding(m.start(1), m.end(1), "PERSON", 0.4, "given_name"))
    return out


# Family-name endings that are strong evidence on their own (Slavic, Nordic, Greek, Romanian, Armenian, …).
_SURNAME_ENDING = regex.compile(
    r"(?:ović|ovič|ević|evič|ić|ič|ová|ská|cká|ski|ska|cki|cka|dzki|dzka|enko|chenko|chuk|dóttir|dottir|sson|"
    r"poulos|opoulou|akis|idis|escu|eanu|oglu|oğlu|yan|ov|ova|ev|eva|nen|inen|gaard|strøm)$")
_WEAK_ENDINGS = ("yan", "ev", "eva")  # also ordinary word endings: need a longer stem


def is_surname_like(word: str) -> bool:
    """Whether a capitalized word looks like a family name by its ending (``Yefimov``, ``Šušulić``)."""
    lower = word.casefold()
    m = _SURNAME_ENDING.search(lower)
    if not m:
        return False
    stem = len(lower) - len(m.group(0))
    return stem >= (4 if m.group(0) in _WEAK_ENDINGS else 3)


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip(" \t")
    return not before or before[-1] in ".!?:;\n\"'“(「"


def find_surname_runs(text: str) -> list[Finding]:
    """Capitalized runs that end in a known or surname-like family name ("Calquín Cazares", "Ravil G Yefimov")."""
    given, family = _lists()
    findings = []
    for m in _RUN.finditer(text):
        tokens = [(t.start(), t.group(0)) for t in regex.finditer(r"\S+", m.group(0))]
        words = [w.rstrip(".") for _, w in tokens]
        last = words[-1][:-2] if words[-1].endswith(("'s", "’s")) else words[-1]
        if any(w.casefold() in _NOT_NAMES or w.casefold() in _blocked() for w in words) or \
                words[0].casefold() in _lone_given_names():
            continue  # the given-name rule already covers runs that start with a known given name
        first = 0
        # A capital at a sentence start says nothing: "Contact John Smith" names John Smith, not Contact.
        # (Only when a two-word name would remain: "Calquín Cazares came" keeps its unknown given name.)
        while len(words) - first > 2 and _sentence_start(text, m.start() + tokens[first][0]) and \
                words[first].casefold() not in given and words[first].casefold() not in family:
            first += 1
        tokens = tokens[first:]
        if last.casefold() in family or is_surname_like(last):
            start = m.start() + tokens[0][0]
            end = m.start() + tokens[-1][0] + len(tokens[-1][1].rstrip("."))
            if text[start:end].endswith(("'s", "’s")):
                end -= 2
            findings.append(Finding(start, end, "PERSON", 0.45, "surname_run"))
    for m in _LONE.finditer(text):
        if is_surname_like(m.group(1)) and m.group(1).casefold() not in _COMMON_WORDS | _blocked():
            findings.append(Finding(m.start(), m.end(), "PERSON", 0.4, "surname_shape"))
    return findings


_LOWER_WORD = r"[\p{Ll}][\p{Ll}\p{M}'’\-]+"
_LOWER_RUN = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d@#/.\-])({_LOWER_WORD})(?:[ \t]+(\p{{Ll}}\.?))?[ \t]+({_LOWER_WORD})"
                           rf"(?![\p{{L}}\p{{M}}\d@\-])")
_LOWER_LIST = regex.compile(rf"(?<![\p{{L}}\p{{M}}])({_LOWER_WORD})((?:[ \t]*,[ \t]*{_LOWER_WORD}){{1,8}})(?:[ \t]*,)?[ \t]+(?:and|&)[ \t]+"
                            rf"({_LOWER_WORD})(?![\p{{L}}\p{{M}}])")


#: "and"/"&" between two lower-case words, and the words on each side (found from the conjunction outwards: one
#: search per "and", not a match attempt at every position of a long text).
_LOWER_AND = regex.compile(r"(?<=\p{Ll})[ \t]+(?:and|&)[ \t]+(?=\p{Ll})")
_LOWER_BEFORE = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d@#/.\-])({_LOWER_WORD})\Z")
_LOWER_AFTER = regex.compile(rf"({_LOWER_WORD})(?![\p{{L}}\p{{M}}\d@\-])")


def word_automaton(words: Iterable[str]):  # -> ahocorasick.Automaton
    """One Aho-Corasick automaton over ``words``, each keyed to its length: one pass finds where any of them
    occurs (``iter`` yields the end index and the length)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


@functools.lru_cache(maxsize=1)
def _given_name_automaton():  # -> ahocorasick.Automaton
    """Every lone given name in one automaton (:func:`word_automaton`)."""
    return word_automaton(_lone_given_names())


def _name_places(text: str) -> tuple[list[int], int]:
    """Where a known given name may start a lower-case run (ascending), and how many distinct places hold one as
    a whole word — both from one Aho-Corasick pass over every lone given name.

    A run's first word is the whole lower-case run from its start, so it is a known name only where one of the
    names occurs with no letter before it and a space or tab after it; a listed name has no letter on either
    side. Everything else the patterns would try fails anyway (same matches, far fewer tries)."""
    starts: set[int] = set()
    whole: set[int] = set()
    size = len(text)
    for end, length in _given_name_automaton().iter(text):
        start, after = end - length + 1, end + 1
        if start and text[start - 1].isalpha():
            continue
        if after < size and text[after] in " \t":
            starts.add(start)
        if after == size or not text[after].isalpha():
            whole.add(start)
    return sorted(starts), len(whole)


def _lower_name_pairs(text: str, names: frozenset[str]) -> list[Finding]:
    """Two lower-case given names joined by "and"/"&" ("jared and henry", "rajab and wanjiku"; a list of two, beside
    :func:`find_name_lists` and the longer lists of :func:`find_lowercase_names`): given names of
    some locale, at most one of them an English noun or verb ("will and grace" stays), and each one a lone given
    name (:func:`_lone_given_names`) or rare in English (another language's name: "wanjiku")."""
    from wordfreq import zipf_frequency

    from .case_names import _dictionary_word, _tables

    given = _tables()[0]
    out = []
    for m in _LOWER_AND.finditer(text):
        left = _LOWER_BEFORE.search(text, max(0, m.start() - 64), m.start())
        right = _LOWER_AFTER.match(text, m.end())
        if left is None or right is None:
            continue
        pair = (left.group(1), right.group(1))
        if not all(w in given and w not in _COMMON_WORDS and w not in _blocked() for w in pair):
            continue
        if sum(_dictionary_word(w) for w in pair) > 1:
            continue
        if all(w in names or zipf_frequency(w, "en") < 2.5 for w in pair):
            out += [Finding(left.start(1), left.end(1), "PERSON", 0.45, "lowercase_name_list"),
                    Finding(right.start(1), right.end(1), "PERSON", 0.45, "lowercase_name_list")]
    return out


def find_lowercase_names(text: str) -> list[Finding]:
    """Names typed in lower case (chats, forms): a known given name followed by a known or surname-like family
    name, and lists of three or more known given names."""
    if not regex.search(r"\p{Ll}", text):
        return []
    names = _lone_given_names()
    _, family = _lists()
    findings = []
    starts, whole = _name_places(text)
    # _LOWER_RUN.finditer(overlapped=True) tries every position; a match must start at one of ``starts``.
    for m in filter(None, (_LOWER_RUN.match(text, start) for start in starts)):
        first, last = m.group(1), m.group(3)
        if first in names and (last in family or is_surname_like(last)) and last not in _COMMON_WORDS:
            findings.append(Finding(m.start(), m.end(), "PERSON", 0.45, "lowercase_name"))
    if whole < 2 or ("and" not in text and "&" not in text):  # a list needs two known names and its "and"/"&"
        return findings
    for m in _LOWER_LIST.finditer(text):
        items = [(m.start(1), m.group(1))]
        items += [(m.start(2) + i.start(), i.group(0)) for i in regex.finditer(_LOWER_WORD, m.group(2))]
        items.append((m.start(3), m.group(3)))
        known = [(start, w) for start, w in items if w in names]
        if len(items) >= 3 and len(known) * 2 > len(items):
            findings.extend(Finding(start, start + len(w), "PERSON", 0.45, "lowercase_name_list")
                            for start, w in items if w in names or w in family)
    return findings


_PARTICLE = r"(?:[Vv]an|[Vv]on|[Dd]er|[Dd]en|[Dd]e|[Dd]a|[Dd]as|[Dd]o|[Dd]os|[Dd]u|[Dd]el|[Dd]ella|[Dd]ei|[Dd]i|[Ll]a|[Ll]e|" \
            r"[Tt]er|[Tt]en|[Zz]u|[Zz]ur|bin|ben|ibn|bint|[Óó]|[Nn]í|[Nn]ic|[Mm]ac|ap|y)"
_PARTICLE_NAME = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\d@.\-])({_WORD})(?:[ \t]+(?:{_WORD}|{_INITIAL}))?(?:[ \t]+{_PARTICLE}){{1,3}}[ \t]+"
    rf"((?:(?:al|el|Al|El)-)?{_WORD})(?![\p{{L}}\p{{M}}\d@])")


def find_particle_names(text: str) -> list[Finding]:
    """A known given name, maybe a middle name or initial, particles and a capitalized family name ("Ashley de la
    Davidson", "Joris van Dalen-Kruit", "Nihad bin Yusuf", "Gloria Ó Cnáimhsí"): the capitalized runs of
    :func:`find_names` stop at a lower-case particle, so the family name after it would survive."""
    from .case_names import PARTICLES

    given, family = _lists()
    findings = []
    for m in _PARTICLE_NAME.finditer(text, overlapped=True):
        first, last = m.group(1).casefold(), m.group(2).casefold()
        if first not in given or first in _NOT_NAMES or first in PARTICLES or last in _NOT_NAMES or \
                last in _blocked():
            continue
        last_name = last.split("-")[-1]
        score = SCORE_KNOWN_FAMILY if last in family or last_name in family else SCORE_UNKNOWN_FAMILY
        findings.append(Finding(m.start(), m.end(), "PERSON", score, "name_particles"))
    return findings


_MAIDEN = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d@.\-])({_WORD})[ \t]+\((?:née[ \t]+)?{_WORD}\)[ \t]+({_WORD})"
                       rf"(?![\p{{L}}\p{{M}}\d@])")


def find_maiden_names(text: str) -> list[Finding]:
    """A known given name, a former family name in brackets and a family name ("Kirk (Agnew) Clair", "Ana (née
    Silva) Costa"): one person, brackets included."""
    given, family = _lists()
    return [Finding(m.start(), m.end(), "PERSON", SCORE_KNOWN_FAMILY, "name_particles")
            for m in _MAIDEN.finditer(text)
            if m.group(1).casefold() in given and m.group(2).casefold() not in _NOT_NAMES
            and m.group(2).casefold() not in _blocked()]


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
    if " " in text:  # the particle and maiden names ride on this finder (one finder list in detect/__init__)
        findings.extend(find_particle_names(text))
        if "(" in text:
            findings.extend(find_maiden_names(text))
    return findings
