"""Name data from Faker's person providers: surrogate pools per locale and a gender table for inference."""
from __future__ import annotations

import functools
import importlib
from bisect import bisect
from dataclasses import dataclass
from random import Random

# Faker person locales whose gendered first-name lists feed gender inference (data, not guesses).
GENDER_SOURCE_LOCALES = (
    "en_US", "en_GB", "en_IE", "en_CA", "en_AU", "en_IN", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT", "pt_BR",
    "pt_PT", "nl_NL", "pl_PL", "sv_SE", "da_DK", "no_NO", "fi_FI", "hu_HU", "cs_CZ", "sk_SK", "sl_SI", "hr_HR",
    "tr_TR", "el_GR", "ro_RO", "et_EE", "lv_LV", "lt_LT", "uk_UA", "ru_RU", "bg_BG",
)


@dataclass(frozen=True)
class WeightedPool:
    """Names with cumulative weights, so a draw is one bisect instead of Faker's O(n) weighted choice."""

    names: tuple[str, ...]
    cumulative: tuple[float, ...]

    def draw(self, rng: Random) -> str:
        return self.names[bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    @classmethod
    def build(cls, weighted: dict[str, float]) -> "WeightedPool":
        # Faker's weights are on incomparable scales across locales (shares, counts) and concentrate draws on a
        # few names, which makes different originals share surrogates; every name gets one equal share instead.
        names = tuple(sorted(weighted))
        return cls(names, tuple(float(i + 1) for i in range(len(names))))


@dataclass(frozen=True)
class NamePools:
    male: WeightedPool
    female: WeightedPool
    family: WeightedPool


def _provider(locale: str):
    try:
        return importlib.import_module(f"faker.providers.person.{locale}").Provider
    except ModuleNotFoundError:
        return None


def _values(provider, attr: str):
    """A provider's name list, or nothing when the locale computes it (a property) instead of listing it."""
    values = getattr(provider, attr, None)
    return values if isinstance(values, (list, tuple, dict)) else ()


def _merge(target: dict[str, float], values) -> None:
    for name, weight in _weighted(values).items():
        if name.replace("-", "").replace("'", "").isalpha():
            target[name] = target.get(name, 0.0) + weight


def _weighted(values) -> dict[str, float]:
    if isinstance(values, dict):
        return {str(k): float(v) for k, v in values.items()}
    return {str(v): 1.0 for v in values}


@functools.lru_cache(maxsize=None)
def name_pools(locales: tuple[str, ...], family_locales: tuple[str, ...] = ()) -> NamePools:
    """Merged gendered given-name pools of ``locales`` and family-name pools of ``family_locales`` (default: the
    same). A wide family pool keeps different originals from sharing a surrogate."""
    male: dict[str, float] = {}
    female: dict[str, float] = {}
    family: dict[str, float] = {}
    sources = [(loc, (male, "first_names_male"), (female, "first_names_female")) for loc in locales]
    for locale, *targets in sources:
        provider = _provider(locale)
        if provider is None:
            continue
        for target, attr in targets:
            _merge(target, _values(provider, attr))
    for locale in family_locales or locales:
        provider = _provider(locale)
        if provider is not None:
            _merge(family, _values(provider, "last_names"))
    # Keep only names whose gender the inference table agrees on, so surrogates are unambiguous and the bias
    # report can count them.
    table = gender_table()
    male = {n: w for n, w in male.items() if table.get(n.lower()) == "male"} or male
    female = {n: w for n, w in female.items() if table.get(n.lower()) == "female"} or female
    return NamePools(WeightedPool.build(male), WeightedPool.build(female), WeightedPool.build(family))


@functools.lru_cache(maxsize=1)
def gender_table() -> dict[str, str]:
    """Lower-cased given name → ``"male"``/``"female"``; names listed under both genders are left out."""
    genders: dict[str, set[str]] = {}
    for locale in GENDER_SOURCE_LOCALES:
        provider = _provider(locale)
        if provider is None:
            continue
        for gender, attr in (("male", "first_names_male"), ("female", "first_names_female")):
            for name in _values(provider, attr):
                genders.setdefault(str(name).lower(), set()).add(gender)
    return {name: next(iter(g)) for name, g in genders.items() if len(g) == 1}


@functools.lru_cache(maxsize=1)
def family_names() -> frozenset[str]:
    """Lower-cased family names from the same Faker locales, to tell a lone surname from a given name."""
    names: set[str] = set()
    for locale in GENDER_SOURCE_LOCALES:
        provider = _provider(locale)
        if provider is not None:
            names.update(str(n).lower() for n in _values(provider, "last_names"))
    return frozenset(names)


def infer_gender(given: str) -> str:
    """``"male"``, ``"female"`` or ``"unknown"`` from Faker's gendered name lists."""
    return gender_table().get(given.lower(), "unknown")
