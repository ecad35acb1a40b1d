"""English refiner: weighs the name gazetteers' hits and the NER model's person spans against the words in them
and around them.

Runs once per text on every candidate finding (patterns, finders, NER) before overlap resolution. Each rule is
general (no word of any evaluation file in it). Privacy comes first: a rule drops a candidate only where the
evidence is strong, and otherwise trims it or relabels it (a trimmed or relabelled span is still replaced):

* a lone given-name hit that is also an everyday word ("Chelsea", "Brit") inside an entity the NER model calls an
  organisation is not a person — unless the words around it say it is (a greeting, an @, a title, "with X",
  "X said"); the model's other labels were tried as evidence too and cost more names than they saved;
* a lone given-name hit that is an everyday word written as a label at a line's start ("Edit :") is no name;
* a gazetteer run that starts with a known given name is cut before an everyday English word that is no name
  ("Maria Garcia Phone" → "Maria Garcia", "Maria Useful Idiots" → "Maria") and after a possessive; cut down to
  its first word, the run stays only where that word alone is a given name ("Star Trek", "Sky Sports" go);
* a NER or gazetteer "person" that ends in a place word (Glacier, Tower, Valley, …) is a place; a NER person that
  is exactly a country name found by the country recognizer is that country; a lone elongated word ("Aaaaand",
  "Ummm") is nobody;
* a NER person span loses the everyday lower-case words at its edges ("Trump opponents", "frankly Costil").
  Capitalized everyday words are left alone: places are written so ("Cape Town", "Saint Louis").
* "@ name" (a handle with a space after the @, as tokenized social-media text writes it) is a USERNAME when
  nothing else covers the name.

Any person candidate (model or name list) is no person where the words say it is something else
(:func:`_not_a_person`); where that something is personal data too it is relabelled, so it is still replaced:

* a country or region name of ISO 3166 (:mod:`privsynth.detect.places`, with the local names ISO writes in
  brackets, "Swansea [Abertawe]") that is no given or family name is a LOCATION;
* a run that starts with a place prefix ("San", "Fort", "Lake", "Mount", "Port", "Cape", …) is a LOCATION;
* one sense per text: words the NER model calls a place elsewhere in the text (and never a person) are a
  LOCATION; words it calls an organisation elsewhere are dropped, unless a cue says person;
* a handle-shaped word (three capitals with a lower-case letter before one, "QuietRiverFox"; letters with digits
  or an underscore) or a lone word after a user-name label ("redditor: X", "username: X", "u/X") is a USERNAME;
* dropped: a run of two or more capitalized everyday English words in no name list ("Broken Lining"), unless it
  is a DJ's name, ends in a word for a person ("Wonder Woman") or has a place word ("Cape Town", "Middle East");
  a name followed by a company, club, team or label word ("the Crumbleton company", "Harlow Band", "Harlow
  United") or named as a football club ("signs for X", "on loan at X", "Italian side X", "X in talks to sign",
  "X striker"); a month before a day or after "in"/"since"/"next"… ("Jan . 5th", "leave in Jan"); a saint's name
  before a possessive ("St. Luke's", "St John's wort") and "Christmas Eve"; a lone word after "a"/"an" that ends
  its clause ("he is a Brit ."): a person is no countable noun; a sentence of one word that is common in another
  language and rare in English ("Verdade ."); a word after a pet noun ("our dog Biscuit"); a verb opening a
  sentence before its object ("Mark the date"); a surname found by its shape alone in German text, where every
  noun is capitalized; a run ending in a form's field label before a colon ("End Date :"); a common acronym of
  two to four capitals in no name list ("FBI"; initials such as "JFK" are rarer words).

It also adds names that only the words around them reveal (:func:`_cued_names`), where nothing else found one:

* a given name beyond doubt (no English noun, verb, adjective or adverb) after a cue that addresses or introduces
  a person ("thanks X", "happy birthday X", "rip X", "my boy X") or a verb of contact ("told X", "X and i",
  "X said"), or as a vocative at a post's start or end ("lol X", "X , you're right"); capitalized, a given
  name that is also a word needs an address cue ("happy birthday Grace"); everyday words stay ("thanks man");
* a given name shouted in capitals ("MEETING JAKE TOMORROW"), unless the word is common in another language;
* each item of a list of single capitalized words ("Kónya , Becker and Vasquez") that the NER model calls
  one organisation: the model does so with lists of surnames, and a firm named so is named after people;
* the word after DJ or MC (a stage name), unless a lower-case everyday word ("DJ set", "dj booth");
* the rest of a comma list of single capitalized words when half or more of its items are persons already
  (people listed together are listed by name: "Kónya , Rea , March , Smith");
* a capitalized word before a possessive and a word for a relative or a pet ("Becker's horse",
  "Vasquez ' s wife"): organisations and places have no wife (places and countries found elsewhere are left).
"""
from __future__ import annotations

import functools
import math
from typing import Any, Sequence

import regex

from ..types import Finding

#: Finders that call a capitalized word a person because a name list holds it (detect.gazetteer, case_names).
#: Coordinated lists (name_list) are left alone: people listed together are listed by name.
GAZETTEER = frozenset({"name_gazetteer", "given_name", "surname_run", "surname_shape", "word_name"})
#: Zipf frequency (wordfreq) from which a word that is in no name list is an everyday word (≈ 1 in 300,000).
EVERYDAY_ZIPF = 3.5

#: Last words that make a capitalized run a place, not a person (kept only when no family name is spelled so).
PLACE_HEADS = frozenset("""
glacier glaciers mountain mountains mount valley river lake lakes bay beach island islands isle peninsula canyon
creek falls forest desert ocean sea gulf coast cape harbour harbor port reservoir dam tower towers bridge airport
station square gardens castle cathedral abbey village township district county province region sector borough
stadium arena museum observatory plaza boulevard avenue street road highway motorway garage mall pier lighthouse
""".split())
_PARTICLES = frozenset("van von de da del della der den di du la le ter ten bin ben al el y e st dos zu zur mac ó ní "
                       "ibn bint".split())
_GREETING_BEFORE = regex.compile(
    r"(?i)(?:\b(?:hi|hey|hello|dear|thanks|thank[ \t]+you|thx|love|cheers|congrats|congratulations|welcome|"
    r"with|by|mr|mrs|ms|miss|dr|prof|sir|dame|aunt|uncle|cousin|brother|sister|mom|dad|grandma|grandpa)"
    r"\.?|@)[ \t]*$")
_SAID_AFTER = regex.compile(r"(?i)^(?:[ \t]*(?:'s|’s))?[ \t]+(?:said|says|say|wrote|writes|told|tells|asked|"
                            r"asks|replied|tweeted|posted)\b")
_WORD = regex.compile(r"[\p{L}\p{M}'’\-]+")
_ELONGATED = regex.compile(r"(\p{L})\1\1", regex.IGNORECASE)
_SPACED_HANDLE = regex.compile(r"(?<![\w@.＠])[@＠][ \t]+([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)"
                               r"(?![\w@]|\.[A-Za-z]{2,})")
_INTERJECTION_WORD = regex.compile(r"u+m+|h+m+|a+h+|o+h+|u+h+|m+e+h+|l+e+l+|u+g+h+|e+h+|h+u+h+|w+h*o+a+h*|y+a+y+|"
                                   r"d+u+h+|l+o+l+|l+m+a+o+|w+e+l+p+|y+i+k+e+s+|o+o+p+s+|p+f+t+")
_CLOCK = regex.compile(r"^\d{1,2}(?:[.:]\d{2})?(?:am|pm|h)?$|^\d+$", regex.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, family names), casefolded, Latin script (the tables of :mod:`privsynth.detect.case_names`)."""
    from .case_names import _tables

    given, family, _, _ = _tables()
    return given, family


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def everyday(word: str) -> bool:
    """A word that is common English, an English dictionary word and in no given- or family-name list
    ("Useful"; "Post" is a surname, "Goldberg" no dictionary word)."""
    lower = word.casefold().rstrip(".")
    for suffix in ("'s", "’s"):
        if lower.endswith(suffix):
            lower = lower[:-2]
    given, family = _names()
    if len(lower) < 2 or lower in given or lower in family or lower in _PARTICLES:
        return False
    # common (wordfreq counts names too: "Goldberg") and an English dictionary word (the model's lemma tables)
    return _zipf(lower) >= EVERYDAY_ZIPF and _dictionary_word_or_verb(lower)


def _overlaps(a: Finding, b: Finding) -> bool:
    return a.start < b.end and b.start < a.end


def _supported(text: str, f: Finding) -> bool:
    """The words around a name say it is a person: a greeting, title, @ or "with"/"by" before it, or a
    verb of speech after it."""
    return bool(_GREETING_BEFORE.search(text[max(0, f.start - 24):f.start])
                or _SAID_AFTER.match(text[f.end:f.end + 24]))


def _words(text: str, f: Finding) -> list[tuple[int, int]]:
    return [(f.start + m.start(), f.start + m.end()) for m in _WORD.finditer(text[f.start:f.end])]


def _place_head(text: str, f: Finding) -> bool:
    words = _words(text, f)
    if len(words) < 2:
        return False
    last = text[words[-1][0]:words[-1][1]].casefold()
    return last in PLACE_HEADS and last not in _names()[1]


def _cut_everyday(text: str, f: Finding) -> Finding | None:
    """A name_gazetteer run (a known given name first) cut before its first everyday word and after a possessive
    (see :func:`_first_words` for a cut down to the given name)."""
    words = _words(text, f)
    for i, (a, b) in enumerate(words[1:], 1):
        if everyday(text[a:b]):
            return _first_words(text, f, words, i)
        if text[a:b].endswith(("'s", "’s")) and i < len(words) - 1:  # "Alice Goldberg's Cautionary Tales"
            return Finding(f.start, b - 2, f.entity_type, f.score, f.recognizer)
    return f


def _first_words(text: str, f: Finding, words: list[tuple[int, int]], n: int) -> Finding | None:
    """The first ``n`` words of ``f``; its given name alone only where the lone-given-name rule would take that
    word by itself too ("Star Trek", "Sky Sports": Star and Sky alone are no evidence of a person)."""
    if n >= 2:
        return Finding(f.start, words[n - 1][1], f.entity_type, f.score, f.recognizer)
    from .gazetteer import _lone_given_names

    if text[words[0][0]:words[0][1]].casefold() in _lone_given_names():
        return Finding(words[0][0], words[0][1], f.entity_type, f.score, f.recognizer)
    return None


def _label_word(text: str, f: Finding) -> bool:
    """A lone given-name hit that is an everyday word written as a label at a line's start ("Edit :", "Update:")."""
    line_start = text.rfind("\n", 0, f.start) + 1
    return (regex.fullmatch(r"[\W_]*", text[line_start:f.start]) is not None
            and regex.match(r"[ \t]*:", text[f.end:f.end + 3]) is not None
            and _zipf(text[f.start:f.end].casefold()) >= 4.0)


def _trim_lower_edges(text: str, f: Finding) -> Finding | None:
    """A mixed-case NER person span without the everyday lower-case words at its edges."""
    words = _words(text, f)
    if not any(text[a].isupper() for a, _ in words):
        return f  # all lower case: case_names.gate_uncased_ner decides
    i, j = 0, len(words)
    while i < j and text[words[i][0]].islower() and everyday(text[words[i][0]:words[i][1]]):
        i += 1
    while j > i and text[words[j - 1][0]].islower() and everyday(text[words[j - 1][0]:words[j - 1][1]]):
        j -= 1
    if i == j:
        return None
    if (i, j) == (0, len(words)):
        return f
    return Finding(words[i][0], words[j - 1][1], f.entity_type, f.score, f.recognizer)


def _org_veto(text: str, f: Finding, orgs: Sequence[Finding]) -> bool:
    """A lone given-name hit that is also an everyday word, inside an NER organisation."""
    return (f.recognizer == "given_name" and any(_overlaps(f, o) for o in orgs)
            and _zipf(text[f.start:f.end].casefold()) >= EVERYDAY_ZIPF)


_LOWER_NEXT = regex.compile(r"[ \t]+(\p{Ll}[\p{Ll}\p{M}'’\-]*\p{Ll})(?![\p{L}\p{M}\d@\-_])")


def _lower_family_after(text: str, f: Finding) -> Finding:
    """A one-word capitalized person with the lower-case family name typed after it ("Maria kónya", "Kevin
    smith"): the name's name, unless that word is an everyday or sentence word ("Mark said", "Mary brown")."""
    piece = text[f.start:f.end]
    if " " in piece or not piece[:1].isupper():
        return f
    m = _LOWER_NEXT.match(text, f.end)
    if m is None:
        return f
    from .case_names import _sentence_word, _tables

    given, family, _, words = _tables()
    word = m.group(1)
    if (word in family or word in given) and word not in words and not _sentence_word(word) \
            and _zipf(word) < EVERYDAY_ZIPF + 1.5:
        return Finding(f.start, m.end(1), f.entity_type, f.score, f.recognizer)
    return f


def _lone_non_name(text: str, f: Finding) -> bool:
    """A one-word NER person that is an interjection ("Umm", "Aah"), a lone place word ("Road") or, opening a
    sentence, an English adjective, adverb or inflected verb in no name list ("Answered here .")."""
    word = text[f.start:f.end].casefold()
    given, family = _names()
    if word in given or word in family:
        return False
    if _INTERJECTION_WORD.fullmatch(word) or word in PLACE_HEADS:
        return True
    from .case_names import _sentence_word

    # only clear inflections: short words match verb stems by accident ("god" = "go" + "d")
    return _sentence_opening(text, f.start) and len(word) >= 5 and word.endswith(("ed", "ing", "ly")) \
        and _sentence_word(word)


def _ner_label(f: Finding) -> str | None:
    return f.recognizer[6:] if f.recognizer.startswith("spacy:") else None


def refine_english(text: str, findings: list[Finding]) -> list[Finding]:
    """Candidate findings of one English text with the rules of this module applied (see the module doc)."""
    orgs = [f for f in findings if _ner_label(f) == "ORG"]
    ner_persons = [f for f in findings if _ner_label(f) == "PERSON"]
    countries = {(f.start, f.end) for f in findings if f.recognizer == "country"}
    senses = _other_senses(text, findings)
    out: list[Finding] = []
    for f in findings:
        if f.entity_type != "PERSON":
            out.append(f)
            continue
        other = _not_a_person(text, f) or _sense_elsewhere(text, f, senses)
        if other == _DROP:
            continue
        if other is not None:
            out.append(Finding(f.start, f.end, other, f.score, f.recognizer))
            continue
        candidate = f
        label = _ner_label(f)
        if label == "PERSON":
            if (f.start, f.end) in countries:
                continue  # the country finding covers it as a place
            piece = text[f.start:f.end]
            if " " not in piece.strip() and (_ELONGATED.search(piece) or _lone_non_name(text, f)):
                continue
            if piece.strip(" \t,.!:").casefold() in _SALUTATIONS:  # "Regards,\nkåre": the model's "Regards"
                continue
            f = _trim_lower_edges(text, f)
            if f is None:
                continue
        elif f.recognizer in GAZETTEER and not _place_head(text, f):
            if f.recognizer == "given_name" and _label_word(text, f):
                continue
            if f.recognizer == "name_gazetteer":
                f = _cut_everyday(text, f)
                if f is None:
                    continue
            if _org_veto(text, f, orgs) and not any(_overlaps(f, p) for p in ner_persons) \
                    and not _supported(text, f):
                continue
        if f != candidate:  # trimmed or cut: the words after it are others now ("Gabriel Resources shares")
            other = _not_a_person(text, f)
            if other == _DROP:
                continue
            if other is not None:
                out.append(Finding(f.start, f.end, other, f.score, f.recognizer))
                continue
        if _place_head(text, f):
            f = Finding(f.start, f.end, "LOCATION", f.score, f.recognizer)
        elif f.entity_type == "PERSON":
            f = _lower_family_after(text, f)
        out.append(f)
    out = out + _spaced_handles(text, out)
    return out + _cued_names(text, out)


_DROP = "drop"
#: A label after which a word is a user name ("redditor : X", "* * username * * : X", "u/X"); not "User:", which
#: in a chat transcript names the speaker ("User: Vilma Holm").
_HANDLE_LABEL = regex.compile(r"(?i)(?:(?<![\p{L}\p{M}])(?:redditor|user[ \t]?name|handle|screen[ \t]?name|"
                              r"gamer[ \t]?tag)[ \t*_]*[:=][ \t*_]*|(?<![\p{L}\p{M}\d])u/)$")
_HANDLE_DIGITS = regex.compile(r"(?=.*\p{L})(?=.*[\d_])[\p{L}\d_]+")
_HANDLE_CAMEL = regex.compile(r"(?=(?:.*\p{Lu}){3})(?=.*\p{Ll}\p{Lu})[\p{L}\d_]+")
#: Words after a name that make it the name of a firm, club, band, label or product ("the Snickers company",
#: "Zac Brown Band", "Newcastle United"). Administration, campaign, family are left: they follow persons.
_ORG_AFTER = regex.compile(
    r"[ \t]+(?:company|Company|Co\.|Corp\.?|Corporation|Inc\.?|Ltd\.?|LLC|PLC|plc|GmbH|FC|AFC|CF|SC|United|City|"
    r"Records|Recordings|Studios|Entertainment|TV|App|Store|Stores|Band|Bros|Brewery|Airlines|Airways|Motors|"
    r"Industries|Resources|Holdings|Soccer|Football|Basketball|Baseball|Hockey|Rugby)(?![\p{L}\p{M}\d])")
#: Written in capitals as often as not, and persons in social-media annotation.
_DEITIES = frozenset({"god", "lord"})
#: First words of place names ("San Mateo", "Fort Mason", "Lake Charles"); not Rio, Sierra, Glen: given names.
_PLACE_PREFIXES = frozenset("san fort ft mount mt lake port los las cape isla lago".split())
#: Last words of a form's field labels ("End Date :").
_FIELD_LABELS = frozenset("date time number code price status size type total name".split())
#: Football's words for a club: "signs for X", "on loan at X", "Italian side X", "X in talks to sign", "X striker".
_TEAM_BEFORE = regex.compile(r"(?:(?<![\p{L}])(?:signs?|signed|signing)[ \t]+for|(?<![\p{L}])on[ \t]+loan[ \t]+"
                             r"(?:at|to|from)|(?<![\p{L}])loan(?:ed)?[ \t]+(?:move[ \t]+)?to|(?<![\p{L}])\p{Lu}\p{Ll}+"
                             r"[ \t]+side)[ \t]+$")
_TEAM_AFTER = regex.compile(r"[ \t]+(?:in[ \t]+talks[ \t]+(?:to|with|over)|striker|midfielder|defender|goalkeeper|"
                            r"keeper|winger|full-?back|cent(?:re|er)-?back|squad|boss|manager)(?![\p{L}])")
#: A month written as a given name ("Jan", "June") before a day or a year, or after a word that places it in time.
_MONTHS = frozenset("""jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june july
august september october november december""".split())
_DAY_AFTER = regex.compile(r"[ \t]*\.?[ \t]*(?:\d{1,2}(?:st|nd|rd|th)?|\d{4})(?!\d|[ \t]*:\d)")
_TIME_BEFORE = regex.compile(r"(?i)(?:^|[^\p{L}\p{M}])(?:in|since|until|till|til|early|late|mid|next|last|this)"
                             r"[ \t\-]+$")
#: A saint's name with a possessive names a church, school, hospital, feast or plant ("St. Luke's", "St John's
#: wort"); "Eve" after a feast is its eve.
_SAINT_BEFORE = regex.compile(r"(?:^|[^\p{L}\p{M}])(?:St|ST|Saint|SAINT|Ste|Sta)[ \t]*\.?[ \t]*$")
_POSSESSIVE_AFTER = regex.compile(r"[ \t]*['’][ \t]*s(?![\p{L}\p{M}])")
_FEAST_BEFORE = regex.compile(r"(?i)(?:christmas|xmas|new[ \t]+year[ \t]*['’]?[ \t]*s?|hallows[ \t]*['’]?)"
                              r"[ \t]+$")
#: "a"/"an" (and "ex") before a lone word: the word is a countable noun ("an ex Muslim").
_ARTICLE_BEFORE = regex.compile(r"(?i)(?:^|[^\p{L}\p{M}'’])an?(?:[ \t]+ex)?[ \t\-]+$")
_CLAUSE_END = regex.compile(r"[ \t]*(?:[.!?,;:)\]]|$)")
_SENTENCE_END = regex.compile(r"[ \t]*(?:[.!?]|$)")
#: Last words that make a run of everyday words a person's name ("Wonder Woman", "Ice Man").
_PERSON_NOUNS = frozenset("man woman men women girl boy lady guy king queen kid prince princess".split())
#: Words of place names made of everyday words ("Cape Town", "Long Beach", "Middle East"): such runs stay.
_TOWN_HEADS = frozenset("town city beach springs hills heights park point grove ridge field fields wood woods ford "
                        "haven cove rapids junction crossing landing village east west north south middle central "
                        "upper lower".split())


#: Finders that call a capitalized word a surname by its shape alone (detect.gazetteer).
_SHAPE_FINDERS = frozenset({"surname_shape", "surname_run"})
_PET_BEFORE = regex.compile(r"(?:^|[^\p{L}\p{M}])(?:dog|dogs|cat|cats|horse|horses|puppy|pup|kitten|pony|pet|"
                            r"hamster|parrot|bunny|rabbit|goldfish|tortoise|turtle|budgie)[ \t]+$")
#: An object right after a sentence's first word: the word is a verb ("Mark the date", "Chuck this").
_IMPERATIVE_OBJECT = regex.compile(r"[ \t]+(?:this|that|it|these|those|me|him|her|them|us|your|my|our|the|a|an)"
                                   r"(?![\p{L}\p{M}'’]|[ \t]*,)")


@functools.lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """English verb lemmas (the English model's lemmatizer tables; empty without them)."""
    from .case_names import _lemma_tables

    return frozenset(_lemma_tables()[0].get("verb", ()))


@functools.lru_cache(maxsize=1)
def _language_detector():  # -> lingua.LanguageDetector
    from lingua import Language, LanguageDetectorBuilder

    # low accuracy mode: trigram models only, ~15 MB and 0.1 s to load instead of ~200 MB and 3 s; sure enough
    # on a 300-character window that already holds German function words
    return LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.GERMAN, Language.DUTCH, Language.FRENCH, Language.SPANISH, Language.PORTUGUESE,
        Language.ITALIAN).with_low_accuracy_mode().build()


_GERMAN_WORD = regex.compile(r"(?<![\p{L}])(?:und|nicht|ist|mit|auf|für|eine|ich|wir|der|das|sind|auch|oder|sich|"
                             r"noch|nur|aber|wie|zu|von|den|dem)(?![\p{L}])")


@functools.lru_cache(maxsize=256)
def _noun_capitalizing(text: str) -> bool:
    """``text`` (the words around a candidate: long texts mix languages) is German beyond doubt (lingua,
    confidence 0.9 or more): every noun in it is capitalized."""
    if len(text) < 20 or len(set(_GERMAN_WORD.findall(text.casefold()))) < 2:
        return False  # a cheap look for German function words first: lingua costs ~1 ms a call
    from lingua import Language

    values = _language_detector().compute_language_confidence_values(text)
    return bool(values) and values[0].language == Language.GERMAN and values[0].value >= 0.9


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Country and region names (:func:`privsynth.detect.places.place_names`) and the names ISO 3166-2 writes
    with a local name in brackets ("Swansea [Abertawe GB-ATA]" gives Swansea and Abertawe), casefolded, without
    given or family names ("Georgia", "Kent") and the everyday words that module leaves out."""
    import pycountry

    from .places import _listable, place_names

    given, family = _names()
    names = set(place_names())
    for region in pycountry.subdivisions:
        if "[" in region.name:
            head, _, rest = region.name.partition("[")
            names.add(head.strip())
            names.update(w for w in regex.split(r"[ \]]+", rest) if not regex.search(r"\d|-", w))
    return frozenset(n.casefold() for n in names
                     if _listable(n, given) and n.casefold() not in family and n.casefold() not in given)


def _other_senses(text: str, findings: Sequence[Finding]) -> dict[str, tuple[str, list[Finding]]]:
    """The NER model's place and organisation names in ``text`` (casefolded) that it never calls a person there,
    with the entity type a person candidate with the same words elsewhere gets and where the model found them."""
    senses: dict[str, tuple[str, list[Finding]]] = {}
    persons = set()
    for f in findings:
        label = _ner_label(f)
        if label is None:
            continue
        key = text[f.start:f.end].casefold()
        if label == "PERSON":
            persons.add(key)
        elif label in ("GPE", "LOC", "FAC", "ORG"):
            sense = senses.setdefault(key, ("LOCATION" if label != "ORG" else _DROP, []))
            sense[1].append(f)
    return {k: v for k, v in senses.items() if k not in persons}


def _sense_elsewhere(text: str, f: Finding, senses: dict[str, tuple[str, list[Finding]]]) -> str | None:
    """A person candidate whose words the model calls a place or an organisation elsewhere in the text (one sense
    per text: "the match in Swansea … Swansea won"): that place (relabelled) or organisation (dropped), unless a
    cue says person. The model's label on the candidate's own words is weighed by the other rules."""
    if not senses:
        return None
    sense = senses.get(text[f.start:f.end].casefold())
    if sense is None or all(_overlaps(f, o) for o in sense[1]) or _supported(text, f):
        return None
    return sense[0]


def _handle_shaped(text: str, f: Finding) -> bool:
    piece = text[f.start:f.end]
    if _HANDLE_DIGITS.fullmatch(piece) or (_HANDLE_CAMEL.fullmatch(piece) and not piece.isupper()):
        return True
    return " " not in piece and _HANDLE_LABEL.search(text[max(0, f.start - 24):f.start]) is not None \
        and not regex.match(r"[ \t]+\p{Lu}", text[f.end:f.end + 3])  # "username: Vilma Holm" is her name


def _not_a_person(text: str, f: Finding) -> str | None:
    """What a person candidate is when the words say it is no person (see the module doc): an entity type to
    relabel it to, :data:`_DROP`, or None (a person, as far as these rules go)."""
    piece = text[f.start:f.end]
    words = [text[a:b] for a, b in _words(text, f)]
    if not words:
        return None
    if piece.casefold() in _places() and not _supported(text, f):
        return "LOCATION"
    if len(words) >= 2 and words[0].casefold().rstrip(".") in _PLACE_PREFIXES and words[1][:1].isupper():
        return "LOCATION"  # "San Mateo", "Fort Mason", "Lake Charles", "Ft Mitchell"
    if _handle_shaped(text, f):
        return "USERNAME"
    if _supported(text, f):
        return None
    if len(words) >= 2 and words[-1].casefold() in _FIELD_LABELS and regex.match(r"[ \t]*:", text[f.end:f.end + 3]):
        return _DROP  # a form's field label: "End Date :", "Release Date:"
    if _ORG_AFTER.match(text, f.end) or _TEAM_AFTER.match(text, f.end) \
            or _TEAM_BEFORE.search(text[max(0, f.start - _WINDOW):f.start]):
        return _DROP
    if len(words) >= 2 and all(w[0].isupper() and not w.isupper() for w in words) \
            and all(everyday(w) for w in words) and words[0].casefold() not in ("dj", "mc") \
            and words[-1].casefold() not in _PERSON_NOUNS \
            and not any(w.casefold() in _TOWN_HEADS or w.casefold() in PLACE_HEADS for w in words):
        return _DROP
    if f.recognizer in _SHAPE_FINDERS and _noun_capitalizing(text[max(0, f.start - 150):f.end + 150]):
        return _DROP  # German writes every noun capitalized: a capitalized unknown word is no surname there
    if len(words) == 1 and piece[:1].isupper():
        word = piece.casefold()
        before = text[max(0, f.start - _WINDOW):f.start]
        if piece.isupper() and 2 <= len(piece) <= 4 and word not in _DEITIES and word not in _names()[0] \
                and word not in _names()[1] and _zipf(word) >= 4.0:
            return _DROP  # a common acronym ("FBI", "NASA"); initials of a person are rarer words ("JFK", "MJ")
        if _PET_BEFORE.search(before):
            return _DROP  # "our dog Biscuit": a pet's name
        if _sentence_opening(text, f.start) and _IMPERATIVE_OBJECT.match(text, f.end) and word in _verbs():
            return _DROP  # "Mark the date", "Chuck this in the bin": a verb opening a command
        if word in _MONTHS and (_DAY_AFTER.match(text, f.end) or _TIME_BEFORE.search(before)
                                and not regex.match(r"[ \t]+\p{Lu}", text[f.end:f.end + 3])):
            return _DROP  # "Jan . 30th", "leave in Jan"; "with Jan", "Jan Koum" stay
        if (_SAINT_BEFORE.search(before) and _POSSESSIVE_AFTER.match(text, f.end)) \
                or (word == "eve" and _FEAST_BEFORE.search(before)):
            return _DROP
        if _ARTICLE_BEFORE.search(before[-12:]) and _CLAUSE_END.match(text, f.end):
            return _DROP  # a given name too: "an ex Muslim .", "a Brit ."
        given, family = _names()
        if word in given or word in family:
            return None
        # a sentence of one word, common in another language and rare in English ("Exatamente ."); mid-sentence
        # such words are names as often ("Rousseff", "Lari")
        if _sentence_opening(text, f.start) and _SENTENCE_END.match(text, f.end) and _zipf(word) < 3.0 \
                and _foreign_word(word, 4.0):
            return _DROP
    return None


def _spaced_handles(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """USERNAME findings for "@ name" where nothing covers the name and it is no clock time or everyday word
    ("meet @ 5pm", "@ home")."""
    if "@" not in text and "＠" not in text:
        return []
    out = []
    for m in _SPACED_HANDLE.finditer(text):
        a, b = m.span(1)
        value = m.group(1)
        if _CLOCK.match(value) or (value.islower() and _zipf(value) >= EVERYDAY_ZIPF - 0.5):
            continue
        if any(f.start < b and a < f.end for f in findings):
            continue
        out.append(Finding(a, b, "USERNAME", 0.5, "spaced_handle"))
    return out


#: Words before a name that address or introduce a person ("thanks X", "happy birthday X", "my boy X").
_ADDRESS_CUE = regex.compile(
    r"(?i)(?:^|[^\p{L}\p{M}'’])(?:thanks|thank[ \t]+you|thx|ty|love[ \t]+(?:you|ya|u)|miss[ \t]+(?:you|ya|u)|"
    r"happy[ \t]+(?:birthday|bday|anniversary)|hbd|rip|r\.i\.p\.?|shout[ \t]?out(?:s)?(?:[ \t]+to)?|"
    r"congrats|congratulations|hi|hey|hello|hiya|yo|dear|go|"
    r"my[ \t]+(?:friend|mate|buddy|pal|boy|girl|bro|brother|sis|sister|cousin|bestie|bff|homie|man|dude|"
    r"boyfriend|girlfriend|husband|wife|son|daughter|uncle|aunt|nephew|niece)|"
    # a sign-off, the name after it or on the next line ("signed, brenda", "Regards,\nkåre")
    r"signed|sincerely|regards|cheers|xoxo|yours[ \t]+truly)[ \t]*,?[ \t]*(?:\n[ \t]*)?$")
#: Words before a name that only a name beyond doubt may follow ("out with jess"; "with grace" is a word).
_WEAK_CUE = regex.compile(r"(?i)(?:^|[^\p{L}])(?:with|and|&|w/|by|for|to|tell|told|ask|asked|text|texted|call|"
                          r"called|message|messaged|dm|dmed|meet|met|saw|see|visit|visited|hug|hugged|kiss|kissed)"
                          r"[ \t]*$")
#: Words after a name that only a name beyond doubt may precede ("jess and i", "kevin said").
_WEAK_CUE_AFTER = regex.compile(r"(?i)[ \t]+(?:and[ \t]+(?:i|me)|said|says|told|asked|texted|replied)\b")
#: An interjection that opens or closes a chat post before a vocative ("lol mike", "haha Sam").
_INTERJECTION = regex.compile(r"(?i)(?:^|[^\p{L}])(?:lol|lmao|lmfao|haha+|hahah\w*|omg)[ \t]*,?[ \t]*$")
_POST_END = regex.compile(r"[.!?\s]*\Z")
_CUED_WORD = regex.compile(r"(?<![\p{L}\p{M}\d@#/.\-_'’])(\p{L}[\p{L}\p{M}'’\-]*\p{L})(?![\p{L}\p{M}\d@\-_]|['’]\p{L}{2})")
#: A DJ's or MC's stage name ("DJ Elements", "dj finese"), not the DJ's gear or gig ("DJ set", "dj booth").
_STAGE_NAME = regex.compile(
    r"(?<![\p{L}\p{M}\d@#/.\-_])(?:DJ|Dj|dj|MC|Mc)[ \t]+(?!(?i:sets?|mix(?:es)?|booth|gigs?|nights?|battles?|"
    r"equipment|software|controllers?|lessons?|course|school|names?|and|or|for|at|in|on|is|was|the|a|an)\b)"
    r"(\p{L}[\p{L}\p{M}'’\-]*\p{L})(?![\p{L}\p{M}\d@\-_])")
_LIST_ITEM = regex.compile(r"\p{Lu}[\p{Ll}\p{M}][\p{L}\p{M}'’\-]*")
_ORG_LIST = regex.compile(r"{0}(?:[ \t]*,[ \t]*{0})+,?[ \t]+(?:and|&)[ \t]+{0}".format(_LIST_ITEM.pattern))
#: Three or more single capitalized words in a comma list ("Kónya , Rea , March , Smith").
_CAPITAL_LIST = regex.compile(r"(?<![\p{{L}}\p{{M}}\-])(?:{0}[ \t]*,[ \t]*){{2,}}(?:(?:and|&)[ \t]+)?{0}"
                              r"(?![\p{{L}}\p{{M}}\-]|[ \t]+\p{{Lu}})".format(_LIST_ITEM.pattern))
_POSSESSIVE_KIN = regex.compile(
    r"(?<![\p{L}\p{M}\d@#/.\-_])(\p{Lu}[\p{Ll}\p{M}][\p{L}\p{M}\-]*)[ \t]*['’][ \t]*s[ \t]+"
    r"(?:(?:own|late|ex|new|old|former|first|second|younger|older|little|baby|big|step)[ \t\-]+)?"
    r"(?:wife|husband|son|sons|daughter|daughters|brother|brothers|sister|sisters|mother|father|mom|mum|dad|"
    r"parents|girlfriend|boyfriend|fianc[ée]e?|kids|children|widow|widower|grandson|granddaughter|grandmother|"
    r"grandfather|uncle|aunt|nephew|niece|horse|dog|cat|funeral|grave)(?![\p{L}\p{M}]|[ \t]+(?:company|"
    r"companies|brand|brands|site|sites|station|paper|ship|city|cities|club|project|store|label)\b)")


def _known_given(word: str) -> bool:
    """A given name beyond doubt ("jess", "Danial"): no English noun, verb, adjective or adverb ("kick", "mar",
    "man" stay words); in lower case one of the lone-given-name table, capitalized any locale's given name."""
    lower = word.casefold()
    table = _names()[0] if word[0].isupper() and word[1:].islower() else _lone_names()
    return len(lower) >= 3 and lower in table and not _dictionary_word_or_verb(lower)


@functools.lru_cache(maxsize=1)
def _lone_names() -> frozenset[str]:
    from .gazetteer import _lone_given_names

    return _lone_given_names()


def _dictionary_word_or_verb(word: str) -> bool:
    from .case_names import _dictionary_word, _sentence_word

    return _dictionary_word(word.casefold()) or _sentence_word(word.casefold())


#: The languages social media mixes with English most (``_foreign_word``).
_FOREIGN_LANGUAGES = ("es", "pt", "fr", "it", "de", "nl", "id", "fil")


def _foreign_word(word: str, zipf: float = 5.0) -> bool:
    """A word common (Zipf ``zipf`` or more) in one of the languages social media mixes with English most."""
    return any(_zipf_at_least(word, lang, zipf) for lang in _FOREIGN_LANGUAGES)


#: The lowest Zipf value the refiner asks about (``_foreign_word(word, 4.0)``): one table per language at this
#: value answers every threshold at or above it.
_TABLE_ZIPF = 4.0


def _zipf_at_least(word: str, lang: str, zipf: float) -> bool:
    """``wordfreq.zipf_frequency(word, lang) >= zipf``, computed as wordfreq does (tokens, digits, the combined
    frequency and its rounding) from the small table of ``lang``'s words at ``_TABLE_ZIPF`` or more: a token outside
    it is rarer than any threshold asked, and a combination of tokens is rarer than each of them."""
    from wordfreq import digit_freq, freq_to_zipf, lossy_tokenize, smash_numbers, zipf_frequency

    if zipf < _TABLE_ZIPF:
        return zipf_frequency(word, lang) >= zipf
    tokens = lossy_tokenize(word, lang)
    if not tokens:
        return False
    table = _common_words(lang)
    one_over = 0.0
    for token in tokens:
        smashed = smash_numbers(token)
        freq = table.get(smashed)
        if freq is None:
            return False
        if smashed != token:
            freq *= digit_freq(token)
        one_over += 1.0 / freq
    freq = 1.0 / one_over
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(freq_to_zipf(freq), 2) >= zipf


@functools.lru_cache(maxsize=None)
def _common_words(lang: str) -> dict[str, float]:
    """The words of ``lang`` at Zipf ``_TABLE_ZIPF`` or more and their frequencies. wordfreq's bucket *i* holds the
    words of frequency 10^(−i/100); the buckets are read once without wordfreq's caches, whose full tables of eight
    languages held ~220 MB per process."""
    from wordfreq import cB_to_freq, get_frequency_list

    last = int(round((9 - _TABLE_ZIPF) * 100))
    return {w: cB_to_freq(-index) for index, bucket in enumerate(get_frequency_list.__wrapped__(lang)[:last + 1])
            for w in bucket}


def preload() -> None:
    """Load the word tables the refiner reads (English frequencies and the common words of
    ``_FOREIGN_LANGUAGES``) when the English pipeline is built, so that their cost is start-up time and not a stall
    in the middle of a corpus."""
    from wordfreq import zipf_frequency

    zipf_frequency("the", "en")
    for lang in _FOREIGN_LANGUAGES:
        _common_words(lang)


#: Characters looked at on each side of a word: the cues are short, and a whole-text slice per word would make
#: long texts quadratic.
_WINDOW = 48


def _before(text: str, index: int) -> str:
    """The text just before ``index`` without trailing blanks; "" at the text's start, "\n" after blanks only."""
    piece = text[max(0, index - _WINDOW):index].rstrip(" \t")
    return piece if piece or index <= _WINDOW else "\n"


def _sentence_opening(text: str, index: int) -> bool:
    before = _before(text, index)
    return not before or before[-1] in ".!?:;\n\"'“(["


def _vocative(text: str, a: int, b: int) -> bool:
    """The word at a:b addresses the reader: it opens the post (or a line) before a comma, or closes it after a
    comma or an interjection ("mike , you're right", "you're right , mike", "lol mike")."""
    before, after = _before(text, a), text[b:b + _WINDOW].lstrip(" \t")
    opens = (not before or before[-1] in "\n.!?") and after[:1] == ","
    interjection = _INTERJECTION.search(before) is not None
    closes = _POST_END.match(text, b) is not None and (before.endswith(",") or interjection)
    return opens or closes or (interjection and (not after or after[0] in ",.!?\n"))


def _cued_names(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """PERSON findings for names revealed by the words around them (see the module doc), where nothing covers
    them already."""
    covered = bytearray(len(text))  # characters inside a finding: one lookup per word, not one per finding
    for f in findings:
        # the model's organisations are not replaced, and one written in lower case is rarely an organisation: a
        # cued given name inside it is still free ("signed, brenda" with "brenda" read as an ORG; "Chelsea" stays)
        if f.entity_type not in ("ORGANIZATION", "NRP") or not text[f.start:f.end].islower():
            covered[f.start:f.end] = b"\x01" * (f.end - f.start)

    def free(a: int, b: int) -> bool:
        return not any(covered[a:b])

    out: list[Finding] = []
    given = _names()[0]
    for m in _CUED_WORD.finditer(text):
        word = m.group(1)
        if word.casefold() not in given:  # every rule below needs a given name: the cheap test first
            continue
        a, b = m.span(1)
        if not free(a, b):
            continue
        if word.isupper() and len(word) >= 3:
            # a shouted post writes names in capitals too ("GOOD LUCK MEETING JAKE"); a word common in another
            # language ("DEL", "DAN", "UNA") is that language, not a name
            if _known_given(word.capitalize()) and word.casefold() in _lone_names() \
                    and not _foreign_word(word.casefold()):
                out.append(Finding(a, b, "PERSON", 0.45, "cued_name"))
            continue
        if not _known_given(word):
            # a capitalized given name that is also a word ("happy birthday Grace", "hey Mark") counts after
            # an address cue, never at a sentence's start
            if word[0].isupper() and word[1:].islower() and word.casefold() in _names()[0] \
                    and not _sentence_opening(text, a) and _ADDRESS_CUE.search(text[max(0, a - _WINDOW):a]):
                out.append(Finding(a, b, "PERSON", 0.45, "cued_name"))
            continue
        before = text[max(0, a - _WINDOW):a]
        weak = _WEAK_CUE.search(before) is not None or _WEAK_CUE_AFTER.match(text, b) is not None
        if weak or _ADDRESS_CUE.search(before) or _vocative(text, a, b):
            out.append(Finding(a, b, "PERSON", 0.45, "cued_name"))
    from .case_names import _sentence_word

    for m in _CAPITAL_LIST.finditer(text):
        items = list(_LIST_ITEM.finditer(text, m.start(), m.end()))
        named = sum(1 for w in items if any(f.entity_type == "PERSON" and f.start < w.end() and w.start() < f.end
                                           for f in findings))
        if named * 2 >= len(items) and named < len(items):
            out.extend(Finding(w.start(), w.end(), "PERSON", 0.45, "cued_name") for w in items
                       if free(w.start(), w.end()))
    for m in _STAGE_NAME.finditer(text):
        a, b = m.span(1)
        word = m.group(1)
        if free(a, b) and not _sentence_word(word.casefold()) \
                and not (word.islower() and (everyday(word) or _dictionary_word_or_verb(word))):
            out.append(Finding(a, b, "PERSON", 0.45, "cued_name"))
    for org in findings:
        if _ner_label(org) != "ORG" or not _ORG_LIST.fullmatch(text, org.start, org.end):
            continue
        for w in _LIST_ITEM.finditer(text, org.start, org.end):
            if not everyday(w.group(0)) and not any(f.entity_type == "LOCATION" and f.start < w.end()
                                                    and w.start() < f.end for f in findings):
                out.append(Finding(w.start(), w.end(), "PERSON", 0.45, "cued_name"))
    for m in _POSSESSIVE_KIN.finditer(text):
        a, b = m.span(1)
        if free(a, b) or all(f.entity_type == "ORGANIZATION" for f in findings if f.start < b and a < f.end):
            if not everyday(m.group(1)):
                out.append(Finding(a, b, "PERSON", 0.45, "cued_name"))
    out += _coordinated_names(text, [f for f in (*findings, *out) if f.entity_type == "PERSON"], free)
    return list(dict.fromkeys(out))  # two rules may add the same word


#: Greetings and sign-offs the model sometimes reads as a person on their own.
_SALUTATIONS = frozenset({"regards", "best regards", "kind regards", "warm regards", "cheers", "thanks", "thank you",
                          "thx", "sincerely", "best", "hi", "hello", "hey", "dear", "greetings", "xoxo", "yours"})
#: "X and <person>" / "<person> and X": words coordinated with a person are of the same kind.
_AND_BEFORE = regex.compile(r"(?<![\p{L}\p{M}\d@#/.\-_'’])(\p{L}[\p{L}\p{M}'’\-]*\p{L})[ \t]+(?:and|&|n|or)[ \t]+\Z")
_AND_AFTER = regex.compile(r"[ \t]+(?:and|&|n|or)[ \t]+(\p{L}[\p{L}\p{M}'’\-]*\p{L})(?![\p{L}\p{M}\d@\-_]|['’]\p{L}{2})")


def _coordinated_names(text: str, persons: Sequence[Finding], free: Any) -> list[Finding]:
    """A given name beyond doubt (:func:`_known_given`) joined by "and"/"&"/"or" to a found person ("good game
    filip and jeremi" where only "jeremi" had a cue)."""
    out = []
    for p in persons:
        m = _AND_BEFORE.search(text[max(0, p.start - _WINDOW):p.start])
        spans = []
        if m:
            offset = max(0, p.start - _WINDOW)
            spans.append((offset + m.start(1), offset + m.end(1)))
        m = _AND_AFTER.match(text, p.end)
        if m:
            spans.append(m.span(1))
        for a, b in spans:
            if free(a, b) and _known_given(text[a:b]):
                out.append(Finding(a, b, "PERSON", 0.45, "cued_name"))
    return out
