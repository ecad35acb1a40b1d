"""Which generator replaces each entity type in each language, as registrations ``(entity, language) → name``.

A registration's name is ``<module>.<kind>.<version>`` (``"ja.phone.v1"``, ``"contact.email.v1"``): the module's
``VERSION`` is also the namespace of its keyed draws, so bumping it changes its surrogates and shows in every
manifest (:data:`GENERATOR_VERSIONS`, :mod:`privsynth.registry`). Language ``"*"`` is the default for every
language without its own registration; an entity type with no registration at all (a type from a new YAML
recognizer) gets :data:`FALLBACK`, a keyed same-shape replacement.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Callable

from . import contact, dates, fr_ids, hipaa, numbers, person, places
from . import ja as japanese

Generator = Callable[..., str]  # (span, keyed, document context[, date-shift scope]) -> surrogate
ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class Registration:
    """One generator for one entity type in one language (``"*"``: any)."""

    entity: str
    language: str
    name: str  # "ja.phone.v1"
    version: str  # the module's VERSION, "ja.v1": namespace of its keyed draws
    generator: Generator
    #: The surrogate depends on the value alone (not on the document), so an engine may memoize it.
    document_independent: bool = False
    #: The generator takes the date-shift scope ("document" | "subject") as a fourth argument.
    scoped: bool = False


def _register(module: ModuleType, language: str, table: dict[str, tuple[str, Generator]],
              independent: frozenset[str] = frozenset(), scoped: frozenset[str] = frozenset()
              ) -> tuple[Registration, ...]:
    prefix, _, version = module.VERSION.rpartition(".")
    return tuple(Registration(entity, language, f"{prefix}.{kind}.{version}", module.VERSION, generator,
                              entity in independent, entity in scoped)
                 for entity, (kind, generator) in table.items())


def _us_style_dates(span: str, k, doc, scope: str) -> str:
    # 03/04/2021 is 4 March in the US, Canada and the Philippines, 3 April elsewhere.
    return dates.date_time(span, k, doc, scope, k.pack.phone_region in ("US", "CA", "PH"))


#: Default families whose surrogate depends on the value alone (memoized per engine).
_INDEPENDENT = frozenset({
    "PHONE_NUMBER", "FAX_NUMBER", "URL", "USERNAME", "IP_ADDRESS", "MAC_ADDRESS", "CREDIT_CARD", "IBAN_CODE",
    "US_SSN", "UK_NHS", "UK_NINO", "JP_MY_NUMBER", "JP_CORPORATE_NUMBER", "IMEI", "VEHICLE_ID", "CRYPTO",
    "LOCATION", "ADDRESS", "ZIP_CODE", "AGE", "ORGANIZATION", "US_PASSPORT", "US_DRIVER_LICENSE",
    "MEDICAL_RECORD_NUMBER", "ACCOUNT_NUMBER", "HEALTH_PLAN_NUMBER", "LICENSE_NUMBER", "LICENSE_PLATE", "DEVICE_ID",
    "BIOMETRIC_ID", "CASE_NUMBER", "ID_NUMBER",
})

REGISTRATIONS: tuple[Registration, ...] = (
    _register(person, ANY_LANGUAGE, {"PERSON": ("name", person.person)}, _INDEPENDENT)
    + _register(contact, ANY_LANGUAGE, {
        "EMAIL_ADDRESS": ("email", contact.email), "PHONE_NUMBER": ("phone", contact.phone),
        "FAX_NUMBER": ("phone", contact.phone), "URL": ("url", contact.url), "USERNAME": ("username", contact.username),
        "IP_ADDRESS": ("ip_address", contact.ip_address), "MAC_ADDRESS": ("mac_address", contact.mac_address),
    }, _INDEPENDENT)
    + _register(numbers, ANY_LANGUAGE, {
        "CREDIT_CARD": ("credit_card", numbers.credit_card), "IBAN_CODE": ("iban", numbers.iban),
        "US_SSN": ("us_ssn", numbers.us_ssn), "UK_NHS": ("uk_nhs", numbers.uk_nhs),
        "UK_NINO": ("uk_nino", numbers.uk_nino), "JP_MY_NUMBER": ("my_number", numbers.my_number),
        "JP_CORPORATE_NUMBER": ("jp_corporate_number", numbers.jp_corporate_number), "IMEI": ("imei", numbers.imei),
        "VEHICLE_ID": ("vin", numbers.vin), "CRYPTO": ("crypto", numbers.crypto),
    }, _INDEPENDENT)
    + _register(dates, ANY_LANGUAGE, {"DATE_TIME": ("date_time", _us_style_dates)}, _INDEPENDENT,
                frozenset({"DATE_TIME"}))
    + _register(places, ANY_LANGUAGE, {
        "LOCATION": ("location", places.location), "ADDRESS": ("address", places.address),
        "ZIP_CODE": ("zip_code", places.zip_code), "AGE": ("age", places.age),
        "ORGANIZATION": ("organization", places.organization),
    }, _INDEPENDENT)
    + _register(hipaa, ANY_LANGUAGE, {entity: (entity.lower(), generator)
                                      for entity, generator in hipaa.GENERATORS.items()}, _INDEPENDENT)
    # French identifiers (recognizers/fr) keep their checksums, in any language's text
    + _register(fr_ids, ANY_LANGUAGE, {"FR_NIR": ("nir", fr_ids.nir), "FR_SIREN": ("siren", fr_ids.siren),
                                       "FR_SIRET": ("siret", fr_ids.siret)},
                frozenset({"FR_NIR", "FR_SIREN", "FR_SIRET"}))
    # Japanese generators may read the document (name roles, date offset): never memoized.
    + _register(japanese, "ja", {
        "PERSON": ("name", japanese.person), "EMAIL_ADDRESS": ("email", japanese.email),
        "PHONE_NUMBER": ("phone", japanese.phone), "FAX_NUMBER": ("phone", japanese.phone),
        "ADDRESS": ("address", japanese.address), "LOCATION": ("location", japanese.location),
        "ZIP_CODE": ("zip_code", japanese.zip_code), "AGE": ("age", japanese.age),
        "DATE_TIME": ("date_time", japanese.date_time),
    }, scoped=frozenset({"DATE_TIME"}))
)

#: A type without a registration (e.g. from a new YAML recognizer): same shape, keyed (digits → digits,
#: letters → letters of the same case).
FALLBACK = _register(numbers, ANY_LANGUAGE, {"*": ("generic", numbers.generic_id)})[0]

#: Versions of every registered generator module, in registration order (for manifests).
GENERATOR_VERSIONS: tuple[str, ...] = tuple(dict.fromkeys(r.version for r in REGISTRATIONS + (FALLBACK,)))


def registrations_for(language: str) -> dict[str, Registration]:
    """Entity type → the registration that replaces it in ``language`` (its own, else the default)."""
    out = {r.entity: r for r in REGISTRATIONS if r.language == ANY_LANGUAGE}
    out.update({r.entity: r for r in REGISTRATIONS if r.language == language})
    return out


def bind(registration: Registration, date_shift: str) -> Callable[..., str]:
    """The registration's generator as ``(span, keyed, doc)``, with the date-shift scope filled in."""
    if registration.scoped:
        generator = registration.generator
        return lambda span, k, doc=None: generator(span, k, doc, date_shift)
    return registration.generator
