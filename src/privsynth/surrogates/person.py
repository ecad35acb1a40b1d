"""person.v1: names mapped component by component, so "John Smith", "Smith" and "Mr. Smith" stay one person."""
from __future__ import annotations

import re
import string
from typing import Sequence

from ..lexicon.names import infer_gender
from .base import DocumentContext, Keyed, distinct, match_case

VERSION = "person.v2"  # v2: name origin preserved, bias settings (surrogates/bias.py)
_TOKEN = re.compile(r"([^\W\d_]+(?:['’][^\W\d_]+)?)")
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord", "rev", "fr",
                     "jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "obe", "mbe", "cbe"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "obe", "mbe", "cbe"})
#: Titles written before a surname (not Sir/Dame, which go with a given name: "Sir Elton").
_SURNAME_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "fr", "lord", "lady", "mister",
                             "doctor", "professor", "madam", "madame", "monsieur", "herr", "frau", "señor", "señora"})
_TITLE_BEFORE = re.compile(r"(?i)\b(%s)\.?\s+$" % "|".join(sorted(_SURNAME_TITLES, key=len, reverse=True)))
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos",
                        "bin", "ibn", "al", "ter", "ten"})


def given_name(token: str, k: Keyed, record: bool = False) -> str:
    """Surrogate given name; gender and origin per the bias setting (default: preserved, see ``bias.py``)."""
    return match_case(token, k.bias.given(token, k, VERSION, distinct, k.counts if record else None))


def family_name(token: str, k: Keyed, record: bool = False) -> str:
    return match_case(token, k.bias.family(token, k, VERSION, distinct, k.counts if record else None))


def initial(token: str, k: Keyed) -> str:
    letters = string.ascii_uppercase
    return match_case(token, distinct(lambda a: k.rng(VERSION + ".initial", token.casefold(), a).choice(letters),
                                      token))


def role_of_single(token: str, doc: DocumentContext | None) -> str:
    """Whether a lone name part is a given or a family name: the document's other mentions decide first."""
    if doc is not None and token.casefold() in doc.roles:
        return doc.roles[token.casefold()]
    # Alone, a word that is a known given name is one ("Thanks James!"), even where it is a surname too: people
    # are addressed by given name far more often than by a bare surname (a title makes it a surname, and titles
    # are handled before this point).
    return "given" if infer_gender(token.casefold()) != "unknown" else "family"


def name_roles(tokens: list[str], order: str = "given_family") -> list[str]:
    """Role of each word of a multi-word name: titles and particles kept, then given…family."""
    # A title word is a title before a name ("Lord Byron"); last in a multi-word name it is the family name
    # ("Henry Lord"), unless it is a suffix (Jr, PhD).
    roles = ["title" if t.casefold().rstrip(".") in _TITLES and (i < len(tokens) - 1 or len(tokens) == 1 or
                                                                 t.casefold().rstrip(".") in _SUFFIXES)
             else "particle" if t.casefold() in _PARTICLES and i < len(tokens) - 1  # last: the surname ("Le")
             else "" for i, t in enumerate(tokens)]
    words = [i for i, r in enumerate(roles) if not r]
    if len(words) == 1:
        # After a title, a lone name is a surname ("Mr. Carter", "Dr Day"); alone, the document decides.
        titled = any(tokens[i].casefold().rstrip(".") in _SURNAME_TITLES for i in range(words[0]))
        roles[words[0]] = "family" if titled else "single"
    elif words:
        first, last = (words[0], words[-1]) if order == "given_family" else (words[-1], words[0])
        for i in words:
            roles[i] = "given"
        roles[last] = "family"
        # A particle belongs to the family name ("van Dijk"): nothing to change, it is kept as it is.
        del first
    return roles


def parse_name(name: str, order: str = "given_family") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``name`` split around its words (the words at odd positions) and each word's role (``name_roles``)."""
    pieces = tuple(_TOKEN.split(name))
    return pieces, tuple(name_roles(list(pieces[1::2]), order))


def role_pairs(name: str, order: str = "given_family",
               parsed: tuple[tuple[str, ...], tuple[str, ...]] | None = None) -> tuple[tuple[str, str], ...]:
    """(case-folded part, "given" | "family") for each given or family name part of ``name``, in order."""
    pieces, roles = parsed or parse_name(name, order)
    return tuple((token.casefold(), role) for token, role in zip(pieces[1::2], roles) if role in ("given", "family"))


def lone_part(name: str, parsed: tuple[tuple[str, ...], tuple[str, ...]] | None = None) -> str | None:
    """The one name word of ``name``, case-folded, or ``None`` when it has more (or none)."""
    tokens = (parsed or parse_name(name))[0][1::2]
    return tokens[0].casefold() if len(tokens) == 1 else None


def learn_roles(name: str, doc: DocumentContext, order: str = "given_family",
                pairs: tuple[tuple[str, str], ...] | None = None) -> None:
    """Record the roles of a multi-word name's parts so lone mentions elsewhere in the document follow them
    (``pairs``: its :func:`role_pairs`, when the caller has them already)."""
    for part, role in pairs if pairs is not None else role_pairs(name, order):
        doc.roles.setdefault(part, role)


def learn_titled(text: str, spans: list[tuple[int, int]], doc: DocumentContext,
                 lones: Sequence[str | None] | None = None) -> None:
    """A one-word name right after a title outside its span ("Mr. Carter" where only "Carter" was detected) is a
    surname; recorded so every lone mention in the document follows it (a full name learned first wins).
    ``lones``: each span's :func:`lone_part`, when the caller has them already."""
    for i, (start, end) in enumerate(spans):
        lone = lones[i] if lones is not None else lone_part(text[start:end])
        if lone is not None and _TITLE_BEFORE.search(text[max(0, start - 12):start]):
            doc.roles.setdefault(lone, "family")


def person(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Replace each name part of ``span`` by its keyed surrogate; spacing, punctuation and case are kept."""
    order = k.pack.name_order
    parsed = doc.names.get((span, order)) if doc is not None else None  # split once by the document's context
    pieces, roles = parsed or parse_name(span, order)
    tokens = pieces[1::2]
    out = list(pieces)
    for idx, (token, role) in enumerate(zip(tokens, roles)):
        if role in ("title", "particle"):
            continue
        if len(token) == 1:
            new = initial(token, k)
        else:
            if role == "single":
                role = role_of_single(token, doc)
            new = given_name(token, k, True) if role == "given" else family_name(token, k, True)
        out[2 * idx + 1] = new
    result = "".join(out)
    if result == span:  # only titles/particles: nothing personal was replaced, so replace the whole span
        result = family_name(span.strip() or "x", k) if span.strip() else span
    return result


def name_part(word: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Surrogate for a name-like word found inside another value (an e-mail's local part)."""
    if len(word) == 1:
        return initial(word, k)
    role = role_of_single(word, doc)
    return given_name(word, k) if role == "given" else family_name(word, k)
