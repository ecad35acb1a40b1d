"""Surrogate engine: one keyed generator per entity family; no I/O, no state shared between documents."""
from __future__ import annotations

import logging
from typing import Callable, Sequence

from ..keys import SecretKey
from ..locales import LocalePack
from ..lexicon.names import name_tokens
from ..types import Finding
from . import contact, dates, hipaa, numbers, person, places
from .base import DocumentContext, Keyed, digest
from .bias import BiasCounts, BiasPolicy

Generator = Callable[[str, Keyed, "DocumentContext | None"], str]

log = logging.getLogger(__name__)

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
    **hipaa.GENERATORS,
}


def language_generators(language: str, date_shift: str = "document") -> dict[str, Generator]:
    """A language's own generators (names, phones, dates written its way), overriding the defaults."""
    if language == "ja":
        from .ja import generators as ja_generators
        return ja_generators(date_shift)
    return {}


#: Families whose surrogate depends on the value alone (not on the document), so it can be memoized per engine.
DOCUMENT_INDEPENDENT = frozenset({
    "PHONE_NUMBER", "FAX_NUMBER", "URL", "USERNAME", "IP_ADDRESS", "MAC_ADDRESS", "CREDIT_CARD", "IBAN_CODE",
    "US_SSN", "UK_NHS", "UK_NINO", "JP_MY_NUMBER", "JP_CORPORATE_NUMBER", "IMEI", "VEHICLE_ID", "CRYPTO",
    "LOCATION", "ADDRESS", "ZIP_CODE", "AGE", "ORGANIZATION", "US_PASSPORT", "US_DRIVER_LICENSE",
    "MEDICAL_RECORD_NUMBER", "ACCOUNT_NUMBER", "HEALTH_PLAN_NUMBER", "LICENSE_NUMBER", "LICENSE_PLATE", "DEVICE_ID",
    "BIOMETRIC_ID", "CASE_NUMBER", "ID_NUMBER",
})
MEMO_SIZE = 50_000
GENERATOR_VERSIONS = (person.VERSION, contact.VERSION, numbers.VERSION, dates.VERSION, places.VERSION,
                      hipaa.VERSION)


class SurrogateEngine:
    """Maps each entity of a document to its surrogate, keyed and consistent across documents."""

    def __init__(self, key: SecretKey, pack: LocalePack, profile: str = "realistic",
                 date_shift: str = "document", *, bias: object = "preserve", age_cap: int | None = None,
                 age_bucket: int | None = None, zip3: bool = False) -> None:
        self.bias = BiasPolicy(bias, pack)
        self.counts = BiasCounts()  # what the person generators drew since the last take_bias()
        self.keyed = Keyed(key, pack, profile, self.bias, self.counts)
        self.pack = pack
        self.date_shift = date_shift
        month_first = pack.phone_region in ("US", "CA", "PH")
        self.generators = {
            **GENERATORS,
            "DATE_TIME": lambda span, k, doc: dates.date_time(span, k, doc, date_shift, month_first),
            **language_generators(pack.language, date_shift),
        }
        hipaa.quasi_hooks(self.generators, age_cap, age_bucket, zip3)
        # Language modules may make any family depend on the document, so only default generators are memoized.
        self._memoizable = DOCUMENT_INDEPENDENT - set(language_generators(pack.language, date_shift))
        self._memo: dict[tuple[str, str], str] = {}

    def document_context(self, text: str, entities: Sequence[Finding]) -> DocumentContext:
        doc = DocumentContext(text_digest=digest(text))
        people = [text[e.start:e.end] for e in entities if e.entity_type == "PERSON"]
        for name in sorted(people, key=lambda n: -len(name_tokens(n))):
            if len(name_tokens(name)) > 1:
                person.learn_roles(name, doc, self.pack.name_order)
        if self.pack.language == "ja":
            from .ja import learn_people
            learn_people(people, doc)
        if people:  # whom per-subject date shifting follows: the most mentioned person, not a clinician
            doc.subject = hipaa.subject_of(text, [(e.start, e.end) for e in entities if e.entity_type == "PERSON"])
        return doc

    def surrogates(self, text: str, entities: Sequence[Finding]) -> list[str]:
        """One surrogate per entity, in order."""
        doc = self.document_context(text, entities)
        out = []
        for e in entities:
            original = text[e.start:e.end]
            memo_key = (e.entity_type, original)
            surrogate = self._memo.get(memo_key)
            if surrogate is None:
                surrogate = self._generate(e.entity_type, original, doc)
                if e.entity_type in self._memoizable:
                    if len(self._memo) >= MEMO_SIZE:
                        self._memo.clear()  # bounded memory on endless corpora; values are recomputed identically
                    self._memo[memo_key] = surrogate
            out.append(surrogate)
        return out

    def _generate(self, entity_type: str, original: str, doc: DocumentContext) -> str:
        """The family's generator; if it fails on an odd value, a same-shape replacement, else the type label.

        A generator bug must never stop a corpus run or let the original through.
        """
        try:
            surrogate = self.generators.get(entity_type, numbers.generic_id)(original, self.keyed, doc)
        except Exception as exc:  # noqa: BLE001 - any generator failure falls back, the value never survives
            log.warning("surrogate generator for %s failed (%s); using a same-shape replacement",
                        entity_type, type(exc).__name__)
            try:
                surrogate = numbers.generic_id(original, self.keyed, doc)
            except Exception:  # noqa: BLE001 - nothing in the value to redraw (no letters or digits)
                surrogate = f"[{entity_type}]"
        return surrogate if surrogate != original else f"[{entity_type}]"

    def take_bias(self) -> dict:
        """Bias counts (originals inferred, surrogates drawn) since the last call, as a plain dict."""
        return self.counts.take()
