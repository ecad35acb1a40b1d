"""``sensitivity="strict"``: a recall-first finder that runs beside the balanced detector and only adds findings.

For users who must not leak and accept that a few ordinary words get replaced too. It marks every word that
could be a name, a place or an identifier:

* capitalized words (also ALL CAPS) that are not common English words: rarer than ``COMMON_ZIPF`` on the Zipf
  scale of `wordfreq` (a maintained multi-source word-frequency list; 3.5 ≈ once per 300,000 words). At the
  start of a sentence, where every word is capitalized, a word must be rarer still (``INITIAL_ZIPF``) or a known
  name;
* capitalized known given names and family names (Faker's name lists of every locale) inside a sentence, even
  where they are also words ("Rose", "Bill"), except months, weekdays and function words;
* lower-case known given names and family names that are not common words ("bertram", "lempi"), and a rare
  lower-case word right after such a name, as its family name ("franciszek rup");
* code-like tokens (letters and digits, or six digits and more, at least five characters) within a short
  distance after an identifier word (id, no., number, account, policy, ticket, …, 番号, 会員).

Adjacent name words join into one span; a span right after "in/at/from/near/…" is a LOCATION, else a PERSON.
Japanese text gets the identifier rule only (no capitalization to go by).
"""
from __future__ import annotations

import functools
import importlib
import pkgutil

import regex

from ..types import Finding

SCORE = 0.5
COMMON_ZIPF = 3.5
INITIAL_ZIPF = 2.0
LOWER_COMMON_ZIPF = 3.0
RECOGNIZER = "strict"

_WORD = regex.compile(r"(?<![\p{L}\p{M}\d_@#/.\-])[\p{L}][\p{L}\p{M}]*(?:['’\-][\p{L}\p{M}]+)*(?![\p{L}\p{M}\d_@])")
_SENTENCE_END = regex.compile(r"(?:^|[.!?:;\n•>|*\-–—\"“”()\[\]]\s*|\n\s*)$")
_JOIN = regex.compile(r"^(?:[ \t]+|[ \t]*-[ \t]*|[ \t]+\p{Lu}\.[ \t]*)$")
_PLACE_CUES = frozenset("in at from near to into via visiting towards toward around outside inside".split())
_NOT_NAMES = frozenset("""
january february march april may june july august september october november december jan feb mar apr jun jul
aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
i i'm i'll i've i'd ok okay yes no hi hey hello dear thanks lol omg
""".split())
_ID_WORDS = regex.compile(
    r"(?i:\b(?:id|ids|no|nos|nr|num|number|numbers|code|ref|reference|account|acct|member|membership|customer|"
    r"client|card|licen[cs]e|passport|policy|claim|ticket|order|invoice|case|file|record|patient|mrn|serial|"
    r"tracking|booking|reservation|confirmation|pin|iban|ssn|tax|registration|badge|employee|student|"
    r"application|docket|username|login|user)\b|#)|番号|会員|口座|受付|お客様|ＩＤ")
_CODE = regex.compile(r"(?<![\w\-/.])(?=[\w\-/.]*\d)(?:(?=[\w\-/.]*[A-Za-z])|(?=(?:[\-/.]?\d){6}))"
                      r"[A-Za-z0-9](?:[A-Za-z0-9]|[\-/.](?=[A-Za-z0-9])){4,40}(?![\w\-/])")
_ID_WINDOW = 40


@functools.lru_cache(maxsize=1)
def _zipf() -> dict[str, float]:
    """Lower-cased English word → Zipf frequency, for words at least as frequent as ``INITIAL_ZIPF``."""
    import math

    from wordfreq import get_frequency_dict

    floor = 10 ** (INITIAL_ZIPF - 9)
    return {w: math.log10(f) + 9 for w, f in get_frequency_dict("en").items() if f >= floor}


@functools.lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    """Lower-cased given and family names of every Faker person locale (at least two letters)."""
    import faker.providers.person as person_pkg

    names: set[str] = set()
    for info in pkgutil.iter_modules(person_pkg.__path__):
        try:
            provider = importlib.import_module(f"{person_pkg.__name__}.{info.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names",
                     "first_romanized_names", "last_romanized_names"):
            values = getattr(provider, attr, None)
            if isinstance(values, (list, tuple, dict)):
                names.update(str(n).casefold() for n in values)
    return frozenset(n for n in names if len(n) >= 2 and n.replace("-", "").replace("'", "").isalpha())


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _NOT_NAMES


def _is_candidate(text: str, start: int, word: str) -> bool:
    lower = word.casefold()
    for suffix in ("'s", "’s"):
        if lower.endswith(suffix):
            lower = lower[:-2]
    if lower in _stop_words() or len(lower) < 2:
        return False
    zipf = _zipf().get(lower, 0.0)
    known = lower in _known_names()
    if not word[0].isupper():
        return known and len(lower) >= 3 and zipf < LOWER_COMMON_ZIPF
    if len(word) > 1 and word.isupper() and len(lower) <= 3 and not known:
        return False  # short acronyms (USA, CEO, FAQ) are not names
    initial = bool(_SENTENCE_END.search(text[max(0, start - 3):start])) or start == 0
    if initial:
        return (known and zipf < COMMON_ZIPF) or zipf < INITIAL_ZIPF
    return known or zipf < COMMON_ZIPF


def _family_after_given(text: str, spans: list[list[int]], start: int, word: str) -> bool:
    """A rare lower-case word right after a lower-case known name is its family name, known or not
    ("franciszek rup")."""
    if not spans or not word.islower() or not _JOIN.match(text[spans[-1][1]:start]):
        return False
    before = text[spans[-1][0]:spans[-1][1]].split()[-1]
    lower = word.casefold()
    return (before.islower() and before.casefold() in _known_names() and lower not in _stop_words()
            and len(lower) >= 2 and _zipf().get(lower, 0.0) < LOWER_COMMON_ZIPF)


def _word_spans(text: str) -> list[tuple[int, int]]:
    spans: list[list[int]] = []
    for m in _WORD.finditer(text):
        if not _is_candidate(text, m.start(), m.group()):
            if _family_after_given(text, spans, m.start(), m.group()):
                spans[-1][1] = m.end()
            continue
        if spans and _JOIN.match(text[spans[-1][1]:m.start()]):
            spans[-1][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
    return [(a, b) for a, b in spans]


def _previous_word(text: str, start: int) -> str:
    m = regex.search(r"([\p{L}]+)[^\p{L}\n]{0,2}$", text[max(0, start - 24):start])
    return m.group(1).casefold() if m else ""


def find_strict_names(text: str) -> list[Finding]:
    """Name- and place-like words (English rules) as PERSON/LOCATION findings."""
    out = []
    for start, end in _word_spans(text):
        place = _previous_word(text, start) in _PLACE_CUES
        out.append(Finding(start, end, "LOCATION" if place else "PERSON", SCORE, f"{RECOGNIZER}:name"))
    return out


def find_strict_codes(text: str) -> list[Finding]:
    """Code-like tokens shortly after an identifier word, as ID_NUMBER findings."""
    out = []
    for cue in _ID_WORDS.finditer(text):
        window_end = cue.end() + _ID_WINDOW
        for m in _CODE.finditer(text, cue.end()):
            if m.start() >= window_end:
                break
            if m.end() - m.start() >= 5:
                out.append(Finding(m.start(), m.end(), "ID_NUMBER", SCORE, f"{RECOGNIZER}:code"))
    return list(dict.fromkeys(out))


def find_strict(text: str, language: str = "en") -> list[Finding]:
    """Every strict finding for ``text`` in ``language`` (``"en"`` or ``"ja"``)."""
    if language == "ja":
        return find_strict_codes(text)
    return find_strict_names(text) + find_strict_codes(text)
