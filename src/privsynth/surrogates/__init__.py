"""Surrogate engine: one keyed generator per entity family; no I/O, no state shared between documents."""
from __future__ import annotations

from typing import Callable, Sequence

from ..keys import SecretKey
from ..locales import LocalePack
from ..resolve import name_tokens
from ..types import Finding
from . import contact, dates, numbers, person, places
from .base import DocumentContext, Keyed, digest

Generator = Callable[[str, Keyed, "DocumentContext | None"], str]

GENERATORS: dict[str, Generator] = {
    "PERSON": person.person,
    "EMAIL_ADDRESS": contact.email, "PHONE_NUMBER": contact.phone, "FAX_NUMBER": contact.phone,
    "URL": contact.url, "USERNAME": contact.username, "IP_ADDRESS": contact.ip_address,
    "MAC_ADDRESS": contact.mac_address,
    "CREDIT_CARD": numbers.credit_card, "IBAN_CODE": numbers.iban, "US_SSN": numbers.us_ssn,
    "UK_NHS": numbers.uk_nhs, "UK_NINO": numbers.uk_nino, "JP_MY_NUMBER": numbers.my_number,
    "JP_CORPORATE_NUMBER": numbers.jp_corporate_number, "IMEI": numbers.imei, "VEHICLE_ID": numbers.vin,
    "CRYPTO": numbers.crypto,
    "LOCATION": places.location, "ADDRESS": places.address, "ZIP_CODE": places.zip_code, "AGE": places.age,
    "ORGANIZATION": places.organization,
}


def language_generators(language: str, date_shift: str = "document") -> dict[str, Generator]:
    """A language's own generators (names, phones, dates written its way), overriding the defaults."""
    if language == "ja":
        from .ja import generators as ja_generators
        return ja_generators(date_shift)
    return {}

GENERATOR_VERSIONS = (person.VERSION, contact.VERSION, numbers.VERSION, dates.VERSION, places.VERSION)


class SurrogateEngine:
    """Maps each entity of a document to its surrogate, keyed and consistent across documents."""

    def __init__(self, key: SecretKey, pack: LocalePack, profile: str = "realistic",
                 date_shift: str = "document") -> None:
        self.keyed = Keyed(key, pack, profile)
        self.pack = pack
        self.date_shift = date_shift
        month_first = pack.phone_region in ("US", "CA", "PH")
        self.generators = {
            **GENERATORS,
            "DATE_TIME": lambda span, k, doc: dates.date_time(span, k, doc, date_shift, month_first),
            **language_generators(pack.language, date_shift),
        }

    def document_context(self, text: str, entities: Sequence[Finding]) -> DocumentContext:
        doc = DocumentContext(text_digest=digest(text))
        people = [text[e.start:e.end] for e in entities if e.entity_type == "PERSON"]
        for name in sorted(people, key=lambda n: -len(name_tokens(n))):
            if len(name_tokens(name)) > 1:
                person.learn_roles(name, doc, self.pack.name_order)
        if self.pack.language == "ja":
            from .ja import learn_people
            learn_people(people, doc)
        if people:
            doc.subject = " ".join(t.casefold() for t in name_tokens(max(people, key=len)))
        return doc

    def surrogates(self, text: str, entities: Sequence[Finding]) -> list[str]:
        """One surrogate per entity, in order."""
        doc = self.document_context(text, entities)
        return [self.generators.get(e.entity_type, numbers.generic_id)(text[e.start:e.end], self.keyed, doc)
                for e in entities]
