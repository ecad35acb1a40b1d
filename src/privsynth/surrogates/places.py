"""place.v1: street addresses, locations, postcodes and ages."""
from __future__ import annotations

import functools
import re

from faker.providers.address.en_US import Provider as UsAddress

from .base import DocumentContext, Keyed, distinct, match_case, shape_random

VERSION = "place.v1"
_UK_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.I)
_US_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")
_STATE_ZIP = re.compile(r"^(?P<state>[A-Z]{2})(?P<sep>\s+)(?P<zip>\d{5}(?:-\d{4})?)$")
_SPACES = re.compile(r"\s+")
_FIELDS = re.compile(r"(\s*[,;\n]\s*)")
_NUMBER_CODE = re.compile(r"(?:[A-Z]{1,3}-)?\d[\d \-]*\d")
_DIGIT = re.compile(r"\d")
_UNIT = re.compile(r"\b(apt|suite|unit|ste|#)\b", re.I)
#: (Faker locale, method) → whether that locale's Faker has it: asked once, not per value.
_CAPABLE: dict[tuple[str, str], bool] = {}


def _has(fake, locale: str, method: str) -> bool:
    found = _CAPABLE.get((locale, method))
    if found is None:
        found = _CAPABLE[(locale, method)] = hasattr(fake, method)
    return found


#: A postcode and its town after the street ("75002 Paris", "H-7113 Györgyvár", "87507-286 Cirino / TO").
_POSTCODE_TOWN = re.compile(r"^(?P<code>(?:[A-Z]{1,3}-)?\d{4,6}(?:-\d{3,4})?|\d{8}|\d{3} \d{2}|\d{2}-\d{3})\s+\D+$")


@functools.lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    from faker.providers.address import Provider
    return frozenset(c.casefold() for c in Provider.countries if isinstance(c, str))


@functools.lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    return frozenset(s.casefold() for s in UsAddress.states)


def location(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """A country stays a country, a US state a state (or its 2-letter code), anything else becomes a city."""
    lower = span.casefold()

    def make(attempt: int) -> str:
        fake = k.faker(VERSION + ".location", lower, attempt)
        if lower in _countries():
            return fake.country()
        if lower in _us_states():
            return UsAddress.states[fake.random_int(0, len(UsAddress.states) - 1)]
        if len(span) == 2 and span.isupper():
            return fake.state_abbr() if hasattr(fake, "state_abbr") else fake.country_code()
        if not hasattr(fake, "city"):
            return k.faker(VERSION + ".location", lower, attempt, "en_US").city()
        return fake.city()
    return match_case(span, distinct(make, span)) if span.isupper() or span.islower() else distinct(make, span)


def zip_code(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    if _UK_POSTCODE.match(span.strip()):
        return distinct(lambda a: _uk_postcode(span, k, a), span)
    return distinct(lambda a: shape_random(span, k.rng(VERSION + ".zip", span, a)), span)


def _uk_postcode(span: str, k: Keyed, attempt: int) -> str:
    new = k.faker(VERSION + ".ukpost", span.casefold(), attempt, locale="en_GB").postcode()
    return new if " " in span else new.replace(" ", "")


def address(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Rebuilt part by part: the street line becomes a Faker street address, ``ST 12345`` a state and ZIP,
    postcodes postcodes, other lines cities; line breaks and commas stay where they were."""
    normalized = _SPACES.sub(" ", span.casefold()).strip()

    def make(attempt: int) -> str:
        fake = k.faker(VERSION + ".address", normalized, attempt)
        # US-shaped parts ("IL 62704") get a US state and ZIP whatever the pack's Faker locale provides.
        us = fake if _has(fake, k.pack.faker_locale, "state_abbr") and \
            _has(fake, k.pack.faker_locale, "secondary_address") else \
            k.faker(VERSION + ".address.us", normalized, attempt, "en_US")
        parts = _FIELDS.split(span)  # ";": the fields of a record stay fields
        out = []
        for i, part in enumerate(parts):
            if i % 2 == 1 or not part.strip():
                out.append(part)
                continue
            out.append(_address_part(part, fake, first=(i == 0), us=us))
        return "".join(out)
    return distinct(make, span)


def _address_part(part: str, fake, first: bool, us=None) -> str:
    stripped = part.strip()
    lead, trail = part[:len(part) - len(part.lstrip())], part[len(part.rstrip()):]
    m = _STATE_ZIP.match(stripped)
    if m:
        us = us or fake
        new = us.state_abbr() + m.group("sep") + (us.zipcode_plus4() if "-" in m.group("zip") else us.zipcode())
    elif _US_ZIP.match(stripped) or stripped.isdigit() or _NUMBER_CODE.fullmatch(stripped):
        new = shape_random(stripped, fake.random)
    elif _UK_POSTCODE.match(stripped):
        new = shape_random(stripped, fake.random)
    elif not first and _POSTCODE_TOWN.match(stripped):
        code = _POSTCODE_TOWN.match(stripped).group("code")
        new = shape_random(code, fake.random) + " " + fake.city()
    elif first or _DIGIT.search(stripped):
        new = fake.street_address()
        if _UNIT.search(stripped) and "Apt" not in new and "Suite" not in new:
            new += " " + (fake if hasattr(fake, "secondary_address") else us or fake).secondary_address()
    elif stripped.casefold() in _countries():
        new = fake.country()
    else:
        new = fake.city()
    return lead + new + trail


def age(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """The number moves by 1–5 years (keyed), never below 1; the words around it stay."""
    m = re.search(r"\d+", span)
    if not m:
        return _age_in_words(span, k)
    value = int(m.group(0))

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".age", str(value), attempt)
        delta = rng.randint(1, 5) * rng.choice((-1, 1))
        new = value + delta if value + delta >= 1 else value + abs(delta)
        return span[:m.start()] + str(new) + span[m.end():]
    return distinct(make, span)


def _age_in_words(span: str, k: Keyed) -> str:
    """"forty-two" moves like 42 and is written back in words ("thirty-nine"); no number: the span stays."""
    from ..quasi import int_to_words, spelled_age, words_to_int
    m = spelled_age(span)
    value = words_to_int(span) if m else None
    if m is None or value is None:
        return span

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".age", str(value), attempt)
        delta = rng.randint(1, 5) * rng.choice((-1, 1))
        new = value + delta if value + delta >= 1 else value + abs(delta)
        return span[:m.start()] + int_to_words(new, m.group(0)) + span[m.end():]
    return distinct(make, span)


def organization(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    return distinct(lambda a: k.faker(VERSION + ".org", span.casefold(), a).company(), span)
