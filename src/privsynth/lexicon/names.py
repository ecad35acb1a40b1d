"""Faker's person-name lists as lookup tables: given name → gender, family names, name tokens."""
from __future__ import annotations

import functools
import importlib
import re

# Faker person locales whose gendered first-name lists feed gender inference (data, not guesses).
GENDER_SOURCE_LOCALES = (
    "en_US", "en_GB", "en_IE", "en_CA", "en_AU", "en_IN", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT", "pt_BR",
    "pt_PT", "nl_NL", "pl_PL", "sv_SE", "da_DK", "no_NO", "fi_FI", "hu_HU", "cs_CZ", "sk_SK", "sl_SI", "hr_HR",
    "tr_TR", "el_GR", "ro_RO", "et_EE", "lv_LV", "lt_LT", "uk_UA", "ru_RU", "bg_BG",
)


def person_provider(locale: str):
    try:
        return importlib.import_module(f"faker.providers.person.{locale}").Provider
    except ModuleNotFoundError:
        return None


@functools.lru_cache(maxsize=1)
def all_person_providers() -> tuple:
    """The Provider class of every Faker person locale that imports, in package order."""
    import pkgutil

    import faker.providers.person as person_pkg

    out = []
    for info in pkgutil.iter_modules(person_pkg.__path__):
        try:
            out.append(importlib.import_module(f"{person_pkg.__name__}.{info.name}").Provider)
        except (ImportError, AttributeError):
            continue
    return tuple(out)


def name_list(provider, attr: str):
    """A provider's name list, or nothing when the locale computes it (a property) instead of listing it."""
    values = getattr(provider, attr, None)
    return values if isinstance(values, (list, tuple, dict)) else ()


def add_names(target: dict[str, float], values) -> None:
    for name, weight in _weighted(values).items():
        if name.replace("-", "").replace("'", "").isalpha():
            target[name] = target.get(name, 0.0) + weight


def _weighted(values) -> dict[str, float]:
    if isinstance(values, dict):
        return {str(k): float(v) for k, v in values.items()}
    return {str(v): 1.0 for v in values}


@functools.lru_cache(maxsize=1)
def gender_table() -> dict[str, str]:
    """Lower-cased given name → ``"male"``/``"female"``; names listed under both genders are left out."""
    genders: dict[str, set[str]] = {}
    for locale in GENDER_SOURCE_LOCALES:
        provider = person_provider(locale)
        if provider is None:
            continue
        for gender, attr in (("male", "first_names_male"), ("female", "first_names_female")):
            for name in name_list(provider, attr):
                genders.setdefault(str(name).lower(), set()).add(gender)
    return {name: next(iter(g)) for name, g in genders.items() if len(g) == 1}


@functools.lru_cache(maxsize=1)
def gendered_given_names() -> frozenset[str]:
    """Lower-cased given names of the gendered first-name lists of :data:`GENDER_SOURCE_LOCALES`, names listed under
    both genders included (Alex, Simone, Kim): a first-name list, not the gender, is the evidence of a name."""
    names: set[str] = set()
    for locale in GENDER_SOURCE_LOCALES:
        provider = person_provider(locale)
        if provider is not None:
            for attr in ("first_names_male", "first_names_female"):
                names.update(str(n).lower() for n in name_list(provider, attr))
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def family_names() -> frozenset[str]:
    """Lower-cased family names from the same Faker locales, to tell a lone surname from a given name."""
    names: set[str] = set()
    for locale in GENDER_SOURCE_LOCALES:
        provider = person_provider(locale)
        if provider is not None:
            names.update(str(n).lower() for n in name_list(provider, "last_names"))
    return frozenset(names)


def infer_gender(given: str) -> str:
    """``"male"``, ``"female"`` or ``"unknown"`` from Faker's gendered name lists."""
    return gender_table().get(given.lower(), "unknown")


_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’\-.]*", re.UNICODE)


def name_tokens(name: str) -> list[str]:
    """The words of a name, trailing dots dropped ("Dr. J. Smith" → Dr, J, Smith)."""
    return [t.rstrip(".") for t in _NAME_TOKEN.findall(name) if t.rstrip(".")]
