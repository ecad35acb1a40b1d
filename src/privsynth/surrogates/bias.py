"""Bias control for person surrogates: which gender and which name origin a surrogate name gets, and counts.

``Config(bias=...)`` takes

* ``"preserve"`` (default): a given name keeps its inferred gender (Faker's gendered name lists; a keyed coin flip
  when the name is in neither list), and every name part keeps its inferred *origin*: the languages of the Faker
  locales whose lists contain it (``"Smith"`` → English, ``"Nowak"`` → Polish). The surrogate is drawn from the
  pack's locales of that origin; an origin the pack has no locale for (or fewer than ``MIN_ORIGIN_POOL`` names
  of it), or no known origin, draws from all of the pack's name locales.
* ``"balanced"``: the gender of each given name is a keyed 50/50 draw and the locale of each name part a keyed
  uniform draw over the pack's name locales, whatever the original was.
* explicit weights, e.g. ``{"gender": {"female": 0.5, "male": 0.5}, "locale": {"en_US": 0.6, "es_MX": 0.2,
  "ja_JP": 0.2}}``. A dimension may also be ``"preserve"`` or ``"balanced"``; a missing dimension is preserved.
  ``{"locale": "any"}`` draws every name part from all of the pack's name locales (person.v1's behaviour: the
  widest pools, so the fewest different originals sharing a surrogate).

Every choice is a keyed draw *per original value* (HMAC of key, value and settings), so the same original gets the
same surrogate in every document and process, and over many distinct originals the mix converges on the target
(binomial: the share of n independent draws has standard deviation sqrt(p(1-p)/n), 0.7 points at n = 5,000).
Counted per *mention*, a corpus where a few names recur is as good as its effective number of distinct names,
(sum of counts)² / sum of squared counts: every "Michael" gets the same surrogate, so they all fall on one side.
Example: 5,000 Faker en_US names hold 480 distinct given names but an effective n of 93 (sd 5.2 points); the
balanced run measured 46.4 % female there, 0.7 sd from 50 %.

Limits, honestly: gender is inferred from a first name alone (``"unknown"`` when Faker's lists disagree or do not
list it); origin is the language of the name lists a name occurs in, which says nothing about a person's actual
background; given and family names are mapped separately (that is what keeps "John Smith", "Smith" and "Mr. Smith"
one person), so under ``balanced`` one full name may combine two origins; titles and pronouns around a name are
not changed, so a rebalanced first name can disagree with "Mr." or "she".

:class:`BiasCounts` holds the mix of originals (as inferred) and of surrogates; its ``as_dict()`` is a plain,
JSON-ready dict that :func:`merge_counts` sums (per result, per worker, per run).
"""
from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from dataclasses import dataclass
from random import Random
from typing import Any, Mapping

from ..errors import ConfigError
from ..lexicon.names import (GENDER_SOURCE_LOCALES, add_names, gender_table, infer_gender, name_list,
                             person_provider)
from .names import WeightedPool

BIAS_PRESETS = ("preserve", "balanced")
GENDERS = ("female", "male")
DIMENSIONS = ("gender", "locale")
UNKNOWN = "unknown"
MIXED = "mixed"
_GIVEN_ATTRS = {"male": ("first_names_male",), "female": ("first_names_female",)}
_ROMANIZED_GIVEN = {"male": ("first_romanized_names_male",), "female": ("first_romanized_names_female",)}
_FAMILY_ATTRS = ("last_names", "male_last_names", "unisex_last_names")
_ROMANIZED_FAMILY = ("last_romanized_names",)
_EXTRA_ORIGIN_LOCALES = ("en_NZ", "ga_IE", "es_CO", "es_AR", "pt_PT", "ja_JP", "zh_CN", "ko_KR", "hi_IN", "ar_AA",
                         "vi_VN", "id_ID", "fil_PH", "th_TH", "he_IL", "fa_IR", "zh_TW")


#: An origin's pool is used under ``preserve`` only when it holds this many names (given per gender, family):
#: narrower pools would make different originals share surrogates (benchmarks/collisions.py).
MIN_ORIGIN_POOL = (200, 300)
#: Name parts memoized per keyed generator (``Keyed.part_memo``) before the memo is emptied.
PART_MEMO_SIZE = 50_000


class FrozenDict(dict):
    """A read-only, hashable dict: explicit bias weights inside the frozen, hashable :class:`~privsynth.Config`.

    It is still a ``dict``, so manifests serialize it as JSON unchanged."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))

    def __reduce__(self) -> tuple:
        return (type(self), (dict(self),))

    def _read_only(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("bias weights are read-only; build a new Config(bias=...) instead")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _read_only  # type: ignore


# ---------------------------------------------------------------------------------------------------- settings
def validate_bias(value: Any) -> "str | FrozenDict":
    """``value`` checked and normalized for ``Config.bias``: a preset name or a read-only dict of weights (each
    dimension normalized to sum 1). Raises :class:`ConfigError` saying what is wrong."""
    if isinstance(value, str):
        if value not in BIAS_PRESETS:
            raise ConfigError(f"bias must be 'preserve', 'balanced' or a dict of weights such as "
                              f"{{'gender': {{'female': 0.5, 'male': 0.5}}}}; got {value!r}.")
        return value
    if not isinstance(value, Mapping) or not value:
        raise ConfigError(f"bias must be 'preserve', 'balanced' or a non-empty dict with keys {list(DIMENSIONS)}; "
                          f"got {value!r}.")
    unknown = [k for k in value if k not in DIMENSIONS]
    if unknown:
        raise ConfigError(f"bias: unknown dimension(s) {unknown}; valid: {list(DIMENSIONS)}.")
    out: dict[str, Any] = {}
    for dim, spec in value.items():
        if isinstance(spec, str):
            valid = BIAS_PRESETS + (("any",) if dim == "locale" else ())
            if spec not in valid:
                raise ConfigError(f"bias[{dim!r}] must be {' or '.join(repr(v) for v in valid)} or a dict of weights; "
                                  f"got {spec!r}.")
            out[dim] = spec
            continue
        if not isinstance(spec, Mapping) or not spec:
            raise ConfigError(f"bias[{dim!r}] must be a non-empty dict of weights; got {spec!r}.")
        weights: dict[str, float] = {}
        for name, weight in spec.items():
            if dim == "gender" and name not in GENDERS:
                raise ConfigError(f"bias['gender']: unknown gender {name!r}; valid: {list(GENDERS)}.")
            if dim == "locale" and not locale_has_names(str(name)):
                raise ConfigError(f"bias['locale']: {name!r} is not a Faker locale with gendered first-name lists "
                                  "(e.g. en_US, es_MX, de_DE, ja_JP).")
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not weight >= 0 or \
                    weight == float("inf"):
                raise ConfigError(f"bias[{dim!r}][{name!r}] must be a finite number >= 0; got {weight!r}.")
            weights[str(name)] = float(weight)
        total = sum(weights.values())
        if total <= 0:
            raise ConfigError(f"bias[{dim!r}]: the weights must not all be zero.")
        out[dim] = FrozenDict({n: w / total for n, w in sorted(weights.items()) if w > 0})
    return FrozenDict(out)


def bias_as_plain(value: Any) -> Any:
    """``Config.bias`` as plain JSON data (for manifests)."""
    if isinstance(value, Mapping):
        return {k: bias_as_plain(v) for k, v in value.items()}
    return value


@functools.lru_cache(maxsize=None)
def locale_has_names(locale: str) -> bool:
    provider = person_provider(locale) if locale.replace("_", "").isalnum() else None
    if provider is None:
        return False
    return all(name_list(provider, a) for attrs in _GIVEN_ATTRS.values() for a in attrs)


def _language(locale: str) -> str:
    return locale.split("_")[0]


# ---------------------------------------------------------------------------------------------------- name data
def _is_latin(name: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


@functools.lru_cache(maxsize=None)
def given_pool(locale: str, gender: str, latin: bool) -> WeightedPool | None:
    """A locale's given names of one gender (romanized lists for a Latin-script pack when the locale has them)."""
    provider = person_provider(locale)
    if provider is None:
        return None
    names: dict[str, float] = {}
    for attr in _GIVEN_ATTRS[gender]:
        add_names(names, name_list(provider, attr))
    if latin and names and not all(_is_latin(n) for n in names):
        romanized: dict[str, float] = {}
        for attr in _ROMANIZED_GIVEN[gender]:
            add_names(romanized, name_list(provider, attr))
        names = romanized or names
    # Keep names whose gender the inference table agrees on (as the pack pools do), when that leaves any.
    table = gender_table()
    agreed = {n: w for n, w in names.items() if table.get(n.lower()) == gender}
    names = agreed if len(agreed) >= 20 else names
    return WeightedPool.build(names) if names else None


@functools.lru_cache(maxsize=None)
def family_pool(locale: str, latin: bool) -> WeightedPool | None:
    provider = person_provider(locale)
    if provider is None:
        return None
    names: dict[str, float] = {}
    for attr in _FAMILY_ATTRS:
        add_names(names, name_list(provider, attr))
    if latin and names and not all(_is_latin(n) for n in names):
        romanized: dict[str, float] = {}
        for attr in _ROMANIZED_FAMILY:
            add_names(romanized, name_list(provider, attr))
        names = romanized or names
    return WeightedPool.build(names) if names else None


@functools.lru_cache(maxsize=None)
def merged_pool(locales: tuple[str, ...], kind: str, latin: bool) -> WeightedPool | None:
    """One pool over several locales (``kind``: "male", "female" or "family")."""
    names: dict[str, None] = {}
    for locale in locales:
        pool = family_pool(locale, latin) if kind == "family" else given_pool(locale, kind, latin)
        if pool is not None:
            names.update(dict.fromkeys(pool.names))
    return WeightedPool.build({n: 1.0 for n in names}) if names else None


@functools.lru_cache(maxsize=None)
def origin_table(kind: str, locales: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Lower-cased name → the languages whose Faker lists (of ``locales``) contain it; ``kind`` given|family."""
    # Languages gathered as tuples and one shared frozenset per distinct combination: a set and a frozenset per
    # name (~40,000) woke the cyclic garbage collector over the loaded models' heap (0.28 s → 0.02 s per process).
    table: dict[str, tuple[str, ...]] = {}
    for locale in locales:
        provider = person_provider(locale)
        if provider is None:
            continue
        language = _language(locale)
        attrs = (("first_names_male", "first_names_female", "first_romanized_names_male",
                  "first_romanized_names_female") if kind == "given" else _FAMILY_ATTRS + _ROMANIZED_FAMILY)
        for attr in attrs:
            for name in name_list(provider, attr):
                key = str(name).lower()
                langs = table.get(key)
                if langs is None:
                    table[key] = (language,)
                elif language not in langs:
                    table[key] = langs + (language,)
    shared: dict[tuple[str, ...], frozenset[str]] = {}
    return {name: shared.setdefault(langs, frozenset(langs)) for name, langs in table.items()}


def origin_locales(pack_locales: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(GENDER_SOURCE_LOCALES + _EXTRA_ORIGIN_LOCALES + pack_locales))


def infer_origin(name: str, kind: str, pack_locales: tuple[str, ...] = (), prefer: str | None = None) -> str:
    """The language whose Faker name lists contain ``name`` (``"en"``, ``"es"`` …): ``prefer`` (the pack's
    language) when its lists do, else the one language that does, ``"mixed"`` when lists of several languages
    do, ``"unknown"`` when none does."""
    langs = _origin_languages(name, kind, pack_locales)
    if not langs:
        return UNKNOWN
    if prefer in langs:
        return prefer  # type: ignore[return-value]
    return next(iter(langs)) if len(langs) == 1 else MIXED


def _origin_languages(name: str, kind: str, pack_locales: tuple[str, ...]) -> frozenset[str]:
    return _pack_origin_table(kind, pack_locales).get(name.lower(), frozenset())


@functools.lru_cache(maxsize=None)
def _pack_origin_table(kind: str, pack_locales: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """:func:`origin_table` found by the pack's own few locales: per name part, building the ~50-locale key and
    hashing it for the table's cache cost more than the look-up itself."""
    return origin_table(kind, origin_locales(pack_locales))


def _weighted_choice(rng: Random, weights: Mapping[str, float]) -> str:
    point = rng.random()
    total = 0.0
    items = sorted(weights.items())
    for name, weight in items:
        total += weight
        if point < total:
            return name
    return items[-1][0]


# ---------------------------------------------------------------------------------------------------- counts
class BiasCounts:
    """Counts of originals (inferred) and surrogates per dimension; ``as_dict()`` is plain JSON data:
    ``{"originals": {"gender": {...}, "origin": {...}}, "surrogates": {"gender": …, "origin": …, "locale": …}}``.
    Gender counts given names; origin and locale count every name part (given and family)."""

    def __init__(self) -> None:
        self._counts: Counter[tuple[str, str, str]] = Counter()
        # Label sets of name parts drawn since the last read, with how often: one dict update per name part
        # instead of one per label; folded into ``_counts`` (the same sums) whenever the counts are read.
        self._pending: dict[tuple[tuple[str, str, str], ...], int] = {}

    def add(self, side: str, dimension: str, label: str, n: int = 1) -> None:
        self._counts[(side, dimension, label)] += n

    def add_each(self, labels: tuple[tuple[str, str, str], ...]) -> None:
        """One more of each (side, dimension, label)."""
        pending = self._pending
        pending[labels] = pending.get(labels, 0) + 1

    def _fold(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, {}  # detached first: a draw meanwhile goes to the new one
            counts = self._counts
            for labels, n in pending.items():
                for label in labels:
                    counts[label] += n

    def merge(self, counts: Mapping[str, Any]) -> None:
        for side, dims in counts.items():
            for dim, labels in dims.items():
                for label, n in labels.items():
                    self.add(side, dim, label, n)

    def as_dict(self) -> dict[str, dict[str, dict[str, int]]]:
        self._fold()
        out: dict[str, dict[str, dict[str, int]]] = {}
        for (side, dim, label), n in sorted(self._counts.items()):
            out.setdefault(side, {}).setdefault(dim, {})[label] = n
        return out

    def take(self) -> dict[str, dict[str, dict[str, int]]]:
        """The counts so far, then reset."""
        out = self.as_dict()
        self._counts.clear()
        return out

    def __bool__(self) -> bool:
        self._fold()
        return bool(self._counts)


def merge_counts(total: Mapping[str, Any] | None, part: Mapping[str, Any] | None) -> dict[str, Any]:
    """The sum of two bias count dicts (as in ``ScrubResult.bias``); neither argument is changed."""
    acc = BiasCounts()
    for counts in (total, part):
        if counts:
            acc.merge(counts)
    return acc.as_dict()


def shares(counts: Mapping[str, int], exclude: tuple[str, ...] = ()) -> dict[str, float]:
    """Each label's share of the total (labels in ``exclude`` left out of numerator and denominator)."""
    kept = {k: v for k, v in counts.items() if k not in exclude}
    total = sum(kept.values())
    return {k: v / total for k, v in kept.items()} if total else {}


# ---------------------------------------------------------------------------------------------------- policy
@dataclass(frozen=True)
class _Draw:
    pool: WeightedPool
    locale_label: str
    origin_label: str


class BiasPolicy:
    """Chooses the pool a name part's surrogate is drawn from, per the bias setting. It holds no counts: a draw
    is recorded only into the :class:`BiasCounts` the caller passes (the engine's, see ``Keyed.counts``)."""

    def __init__(self, bias: Any = "preserve", pack: Any = None) -> None:
        self.bias = validate_bias(bias) if not isinstance(bias, FrozenDict) else bias
        self.pack = pack
        pack_locales = tuple(getattr(pack, "name_pools", ()) or ("en_US",))
        self.pack_locales = tuple(loc for loc in pack_locales if locale_has_names(loc)) or ("en_US",)
        family_locales = tuple(getattr(pack, "family_name_pools", ()) or ()) or self.pack_locales
        self.family_locales = tuple(loc for loc in family_locales if family_pool(loc, True)) or self.pack_locales
        self._pools: dict[tuple[frozenset, str], _Draw] = {}  # (origin languages, kind) → pool (pure, bounded)
        self.language = getattr(pack, "language", "en")
        self.latin = self.language not in ("ja", "zh", "ko")
        dims = self.bias if isinstance(self.bias, Mapping) else {d: self.bias for d in DIMENSIONS}
        self.gender_mode = dims.get("gender", "preserve")
        self.locale_mode = dims.get("locale", "preserve")
        self.tag = "" if self.bias == "preserve" else "." + _settings_tag(self.bias)

    # -- choices -------------------------------------------------------------------------------------------
    def gender_for(self, token: str, k: Any, family: str) -> tuple[str, str]:
        """(inferred gender of the original, gender of the surrogate)."""
        inferred = infer_gender(token)
        key = token.casefold()
        if self.gender_mode == "preserve":
            if inferred != UNKNOWN:
                return inferred, inferred
            # The pre-bias draw (same rng family), so preserve runs reproduce earlier outputs' genders.
            return inferred, "female" if k.rng(family + ".gender", key).random() < 0.5 else "male"
        weights = {g: 0.5 for g in GENDERS} if self.gender_mode == "balanced" else self.gender_mode
        return inferred, _weighted_choice(k.rng(family + ".bias.gender" + self.tag, key), weights)

    def _draw(self, token: str, k: Any, family: str, kind: str) -> _Draw:
        """The pool for a name part; ``kind`` is "male", "female" or "family"."""
        key = token.casefold()
        pack_locales = self.family_locales if kind == "family" else self.pack_locales
        if self.locale_mode in ("preserve", "any"):
            langs = _origin_languages(token, "family" if kind == "family" else "given", self.pack_locales) \
                if self.locale_mode == "preserve" else frozenset()
            if self.language in langs:
                langs = frozenset({self.language})
            # The pool follows from (languages, kind) alone: chosen once per pair, not once per name part.
            draw = self._pools.get((langs, kind))
            if draw is None:
                draw = self._pools[(langs, kind)] = self._pool_for(langs, kind, pack_locales)
            return draw
        weights = ({loc: 1.0 / len(pack_locales) for loc in pack_locales}
                   if self.locale_mode == "balanced" else self.locale_mode)
        locale = _weighted_choice(k.rng(family + ".bias.locale" + self.tag, key + "\x1f" + kind), weights)
        pool = family_pool(locale, self.latin) if kind == "family" else given_pool(locale, kind, self.latin)
        if pool is None:  # a locale without that list: fall back to the pack's pools
            return _Draw(merged_pool(self.pack_locales, kind, self.latin), "pooled", MIXED)  # type: ignore
        return _Draw(pool, locale, _language(locale))

    def _pool_for(self, langs: frozenset, kind: str, pack_locales: tuple[str, ...]) -> _Draw:
        """``preserve``/``any``: the pool of the pack's locales speaking one of ``langs`` (the name's origin), or
        the pack's pools when none does or they hold too few names."""
        matching = tuple(loc for loc in pack_locales if _language(loc) in langs)
        pool = merged_pool(matching, kind, self.latin) if matching else None
        if pool is not None and len(pool.names) < MIN_ORIGIN_POOL[kind == "family"]:
            pool = None  # too few names to keep different originals apart: use the pack's pools
        locales = matching if pool is not None else pack_locales
        pool = pool or merged_pool(locales, kind, self.latin)
        if pool is not None:
            chosen = {_language(loc) for loc in locales}
            origin = next(iter(chosen)) if len(chosen) == 1 else MIXED
            label = locales[0] if len(locales) == 1 else f"{origin}_*" if origin != MIXED else "pooled"
            return _Draw(pool, label, origin)
        locales = self.pack_locales
        return _Draw(merged_pool(locales, kind, self.latin), "pooled", MIXED)  # type: ignore[arg-type]

    # -- surrogates ----------------------------------------------------------------------------------------
    def given(self, token: str, k: Any, family: str, distinct: Any, counts: BiasCounts | None = None) -> str:
        return self._memoized("given", token, k, family, distinct, counts)

    def family(self, token: str, k: Any, family: str, distinct: Any, counts: BiasCounts | None = None) -> str:
        return self._memoized("family", token, k, family, distinct, counts)

    def _memoized(self, kind: str, token: str, k: Any, family: str, distinct: Any,
                  counts: BiasCounts | None) -> str:
        """A name part's surrogate and the labels it counts, computed once per ``k`` (its key, pack and this policy
        fix them; a name recurs across a corpus) and kept in ``k.part_memo`` (bounded); counted on every call."""
        memo = getattr(k, "part_memo", None)
        memo_key = (kind, family, token)
        found = memo.get(memo_key) if memo is not None else None
        if found is None:
            if kind == "given":
                inferred, gender = self.gender_for(token, k, family)
                found = self._part("given", token, k, family, distinct, gender, inferred)
            else:
                found = self._part("family", token, k, family, distinct, "family", None)
            if memo is not None:
                if len(memo) >= PART_MEMO_SIZE:
                    memo.clear()  # bounded memory on endless corpora; values are recomputed identically
                memo[memo_key] = found
        new, labels = found
        if counts is not None:
            counts.add_each(labels)
        return new

    def _part(self, kind: str, token: str, k: Any, family: str, distinct: Any, pool_kind: str,
              inferred: str | None) -> tuple[str, tuple[tuple[str, str, str], ...]]:
        """A name part's surrogate drawn from the pool of ``pool_kind`` ("male", "female" or "family"), and the
        (side, dimension, label) counts a recorded draw adds."""
        draw = self._draw(token, k, family, pool_kind)
        rng_family = family + "." + kind + ("" if self.bias == "preserve" else ".bias" + self.tag)
        new = distinct(lambda a: draw.pool.pick(token, k, rng_family, a), token)  # a bijection on the pool
        gender = pool_kind if kind == "given" else None
        return new, self._labels(kind, token, inferred, gender, draw)

    def _labels(self, kind: str, token: str, inferred: str | None, gender: str | None,
                draw: _Draw) -> tuple[tuple[str, str, str], ...]:
        labels: tuple[tuple[str, str, str], ...] = ()
        if inferred is not None and gender is not None:
            labels = (("originals", "gender", inferred), ("surrogates", "gender", gender))
        return labels + (("originals", "origin", infer_origin(token, kind, self.pack_locales, self.language)),
                         ("surrogates", "origin", draw.origin_label), ("surrogates", "locale", draw.locale_label))


def _settings_tag(bias: Any) -> str:
    """A stable text for the bias setting: part of every bias draw's seed (different settings, independent draws)."""
    if isinstance(bias, Mapping):
        return ";".join(f"{k}={_settings_tag(v)}" for k, v in sorted(bias.items()))
    if isinstance(bias, float):
        return repr(round(bias, 12))
    return str(bias)

