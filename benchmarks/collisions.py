"""Surrogate collision rate: how often two different original names get the same surrogate.

    .venv/bin/python benchmarks/collisions.py [--names 100000] [--locale en_US]

Distinct originals are drawn with Faker from many locales (first + last name); each goes through the person
generator with one key. Reported: share of originals whose full surrogate is shared with another original,
and the same for last names alone (the component mapping makes those collide more, by design: the surrogate
last-name pool is smaller than the space of real last names).
"""
from __future__ import annotations

import argparse
import collections
import json
import time

from faker import Faker

from privsynth.keys import SecretKey
from privsynth.locales import load_locale
from privsynth.surrogates.base import DocumentContext, Keyed
from privsynth.surrogates.bias import BiasPolicy
from privsynth.surrogates.person import person

LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL", "sv_SE", "hu_HU",
           "cs_CZ", "fi_FI", "da_DK", "tr_TR"]


def distinct_names(n: int) -> list[str]:
    fake = Faker(LOCALES)
    fake.seed_instance(1234)
    names: set[str] = set()
    while len(names) < n:
        f = fake[LOCALES[len(names) % len(LOCALES)]]
        names.add(f"{f.first_name()} {f.last_name()}")
    return sorted(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--names", type=int, default=100_000)
    parser.add_argument("--locale", default="en_US")
    parser.add_argument("--bias", default="preserve", help='preserve (default), balanced, or JSON such as '
                        '\'{"locale": "any"}\'')
    args = parser.parse_args()
    names = distinct_names(args.names)
    k = Keyed(SecretKey(b"collision-benchmark"), load_locale(args.locale), "realistic")
    bias = json.loads(args.bias) if args.bias.startswith("{") else args.bias
    k.bias = BiasPolicy(bias, k.pack)  # what SurrogateEngine attaches for Config(bias=...)
    doc = DocumentContext(text_digest="collisions")
    start = time.perf_counter()
    surrogates = [person(n, k, doc) for n in names]
    elapsed = time.perf_counter() - start
    full = collections.Counter(s.casefold() for s in surrogates)
    shared = sum(1 for s in surrogates if full[s.casefold()] > 1)
    identical = sum(1 for n, s in zip(names, surrogates) if n.casefold() == s.casefold())
    result = {
        "distinct_originals": len(names),
        "distinct_surrogates": len(full),
        "originals_sharing_their_surrogate": shared,
        "collision_rate": round(shared / len(names), 4),
        "surrogate_equals_original": identical,
        "names_per_second": round(len(names) / elapsed),
        "locale": args.locale,
        "bias": bias,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
