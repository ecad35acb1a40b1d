"""Surrogate name pools per locale, from Faker's person providers (tables: :mod:`privsynth.lexicon.names`)."""
from __future__ import annotations

import functools
from bisect import bisect
from dataclasses import dataclass, field
from random import Random
from typing import Any

from ..lexicon.names import add_names, gender_table, name_list, person_provider


@dataclass(frozen=True)
class WeightedPool:
    """Names with cumulative weights, so a draw is one bisect instead of Faker's O(n) weighted choice."""

    names: tuple[str, ...]
    cumulative: tuple[float, ...]
    # Lazily built look-up tables (derived from ``names`` only; never part of equality or hashing).
    _index: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    _cycles: dict[int, list[int]] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def draw(self, rng: Random) -> str:
        return self.names[bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def pick(self, token: str, k: Any, family: str, attempt: int) -> str:
        """The surrogate of a name part. A name of this pool goes to its successor in a keyed cyclic order of
        the pool — a bijection without fixed points, so two different names of the pool never share a surrogate;
        any other name (or a retry) gets a keyed draw."""
        if attempt == 0 and len(self.names) > 1:
            index = self.index_of(token)
            if index is not None:
                return self.names[keyed_cycle(self._cycles, len(self.names), k.cycle_seed(family))[index]]
        return self.draw(k.rng(family, token.casefold(), attempt))

    def index_of(self, token: str) -> int | None:
        if not self._index:
            self._index.update((n.casefold(), i) for i, n in reversed(list(enumerate(self.names))))
        return self._index.get(token.casefold())

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


@functools.lru_cache(maxsize=None)
def name_pools(locales: tuple[str, ...], family_locales: tuple[str, ...] = ()) -> NamePools:
    """Merged gendered given-name pools of ``locales`` and family-name pools of ``family_locales`` (default: the
    same). A wide family pool keeps different originals from sharing a surrogate."""
    male: dict[str, float] = {}
    female: dict[str, float] = {}
    family: dict[str, float] = {}
    sources = [(loc, (male, "first_names_male"), (female, "first_names_female")) for loc in locales]
    for locale, *targets in sources:
        provider = person_provider(locale)
        if provider is None:
            continue
        for target, attr in targets:
            add_names(target, name_list(provider, attr))
    for locale in family_locales or locales:
        provider = person_provider(locale)
        if provider is not None:
            add_names(family, name_list(provider, "last_names"))
    # Keep only names whose gender the inference table agrees on, so surrogates are unambiguous and the bias
    # report can count them.
    table = gender_table()
    male = {n: w for n, w in male.items() if table.get(n.lower()) == "male"} or male
    female = {n: w for n, w in female.items() if table.get(n.lower()) == "female"} or female
    return NamePools(WeightedPool.build(male), WeightedPool.build(female), WeightedPool.build(family))


def keyed_cycle(cache: dict[int, list[int]], size: int, seed: int) -> list[int]:
    """``successor[i]``: item ``i``'s successor in one keyed cycle through all ``size`` items (cached per seed)."""
    successor = cache.get(seed)
    if successor is None:
        order = list(range(size))
        Random(seed).shuffle(order)
        successor = [0] * size
        for j, item in enumerate(order):
            successor[item] = order[(j + 1) % size]
        if len(cache) > 64:
            cache.clear()
        cache[seed] = successor
    return successor
