"""Threat model figures (README "Threat model"): what an attacker learns from consistent keyed surrogates, and
what each control costs.

    .venv/bin/python benchmarks/threat_model.py [--docs 2000] [--names 5000] [--out benchmarks/results/threat_model.md]

All measurements run the surrogate engine on generated documents with known PERSON/DATE_TIME spans (no NER, so
the figures isolate the surrogates); every original comes from Faker.

* Frequency analysis: surnames are drawn with a Zipf-like skew over 200 Faker surnames, one per letter
  ("Dear Mr. X"). The attacker ranks surrogate surnames by count and pairs them with a public ranking of real
  surnames; reported: how many of the top 10 are paired correctly.
* Date offset: every document has three full dates; the attacker knows one original date of each document and
  reads off the offset; reported: share of the other dates recovered exactly, and the share that keep day
  precision (the control's cost).
* Gender and origin: for given names of 8 origins, how often the surrogate's gender and origin equal the
  original's (what an attacker guesses from the surrogate).
* Linking: "Emma Carter" in one document, "Mr. Carter" (detected as "Carter") in another: share of 5,000 Faker
  names whose lone surname gets the surname of the full name.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import random
import re
from pathlib import Path

from faker import Faker

from privsynth.keys import SecretKey
from privsynth.lexicon.names import infer_gender
from privsynth.locales import load_locale
from privsynth.surrogates import SurrogateEngine
from privsynth.surrogates.bias import infer_origin
from privsynth.types import Finding

KEY = SecretKey(b"threat-model-benchmark-key-01")
ORIGINS = ["en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL", "nl_NL", "tr_TR"]


def _finding(start: int, end: int, kind: str) -> Finding:
    return Finding(start, end, kind, 0.85, "benchmark")


def frequency(docs: int, consistency: str) -> int:
    fake = Faker("en_US")
    fake.seed_instance(3)
    surnames = sorted({fake.last_name() for _ in range(2000)})[:200]
    rng = random.Random(4)
    weights = [1 / (i + 1) for i in range(len(surnames))]
    engine = SurrogateEngine(KEY, load_locale("en_US"), consistency=consistency)
    originals: collections.Counter[str] = collections.Counter()
    surrogates: collections.Counter[str] = collections.Counter()
    mapping: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for i in range(docs):
        name = rng.choices(surnames, weights)[0]
        text = f"Dear Mr. {name}, your letter no. {i} arrived."
        start = text.index(name)
        new = engine.surrogates(text, [_finding(start, start + len(name), "PERSON")])[0]
        originals[name] += 1
        surrogates[new] += 1
        mapping[name][new] += 1
    top_orig = [n for n, _ in originals.most_common(10)]
    top_sur = [n for n, _ in surrogates.most_common(10)]
    return sum(1 for o, s in zip(top_orig, top_sur) if mapping[o][s] == originals[o])  # paired, and always so


def date_offsets(docs: int, date_shift: str) -> tuple[float, float]:
    engine = SurrogateEngine(KEY, load_locale("en_US"), date_shift=date_shift)
    rng = random.Random(5)
    recovered = total = precise = 0
    for i in range(docs):
        days = [dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(12000)) for _ in range(3)]
        texts = [d.isoformat() for d in days]
        text = f"Record {i}: admitted {texts[0]}, operated {texts[1]}, discharged {texts[2]}."
        spans = [_finding(text.index(t), text.index(t) + len(t), "DATE_TIME") for t in texts]
        new = engine.surrogates(text, spans)
        try:
            offset = dt.date.fromisoformat(new[0]) - days[0]
        except ValueError:
            offset = None
        for d, n in zip(days[1:], new[1:]):
            total += 1
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", n):
                precise += 1
                recovered += offset is not None and dt.date.fromisoformat(n) - offset == d
    return recovered / total, precise / total


def gender_origin(n: int, bias: object) -> tuple[float, float]:
    engine = SurrogateEngine(KEY, load_locale("en_US"), bias=bias)
    pack = load_locale("en_US").name_pools
    same_gender = same_origin = counted_g = counted_o = 0
    for locale in ORIGINS:
        fake = Faker(locale)
        fake.seed_instance(6)
        for _ in range(n // len(ORIGINS)):
            name = fake.first_name()
            text = f"{name} wrote."
            new = engine.surrogates(text, [_finding(0, len(name), "PERSON")])[0]
            g_old, g_new = infer_gender(name), infer_gender(new)
            if g_old != "unknown":
                counted_g += 1
                same_gender += g_old == g_new
            o_old = infer_origin(name, "given", pack, "en")
            if o_old not in ("unknown", "mixed"):
                counted_o += 1
                same_origin += o_old == infer_origin(new, "given", pack, "en")
    return same_gender / max(counted_g, 1), same_origin / max(counted_o, 1)


def linking(n: int) -> float:
    engine = SurrogateEngine(KEY, load_locale("en_US"))
    fake = Faker("en_US")
    fake.seed_instance(7)
    names = sorted({(fake.first_name(), fake.last_name()) for _ in range(n * 2)})[:n]
    same = 0
    for first, last in names:
        full = f"{first} {last} called."
        lone = f"We met Mr. {last} yesterday."
        a = engine.surrogates(full, [_finding(0, len(first) + 1 + len(last), "PERSON")])[0]
        start = lone.index(last, 10)
        b = engine.surrogates(lone, [_finding(start, start + len(last), "PERSON")])[0]
        same += a.split()[-1] == b
    return same / len(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--names", type=int, default=5000)
    parser.add_argument("--out", default="benchmarks/results/threat_model.md")
    args = parser.parse_args()
    results = {
        "top10_surnames_matched_by_rank": {c: frequency(args.docs, c) for c in ("corpus", "document")},
        "dates_recovered_from_one_known_date": {s: date_offsets(args.docs // 4, s)[0] for s in ("document", "year")},
        "dates_keeping_day_precision": {s: date_offsets(args.docs // 4, s)[1] for s in ("document", "year")},
        "gender_and_origin_kept": {
            "preserve": gender_origin(args.names // 5, "preserve"),
            "balanced gender, any origin": gender_origin(args.names // 5, {"gender": "balanced", "locale": "any"})},
        "lone_surname_linked_to_full_name": linking(args.names),
    }
    print(json.dumps(results, indent=2))
    r = results
    lines = [
        "# Threat model figures", "",
        f"`.venv/bin/python benchmarks/threat_model.py --docs {args.docs} --names {args.names}`", "",
        "| risk | default | with the control | control |", "|---|---:|---:|---|",
        f"| top-10 surnames paired by rank (frequency analysis) | {r['top10_surnames_matched_by_rank']['corpus']} of 10"
        f" | {r['top10_surnames_matched_by_rank']['document']} of 10 | `consistency=\"document\"` |",
        f"| other dates recovered from one known date | {r['dates_recovered_from_one_known_date']['document']:.0%} | "
        f"{r['dates_recovered_from_one_known_date']['year']:.0%} | `date_shift=\"year\"` |",
        f"| cost: dates keeping day precision | {r['dates_keeping_day_precision']['document']:.0%} | "
        f"{r['dates_keeping_day_precision']['year']:.0%} | `date_shift=\"year\"` |",
        f"| surrogate keeps the given name's gender | {r['gender_and_origin_kept']['preserve'][0]:.0%} | "
        f"{r['gender_and_origin_kept']['balanced gender, any origin'][0]:.0%} | "
        "`bias={\"gender\": \"balanced\", \"locale\": \"any\"}` |",
        f"| surrogate keeps the given name's origin | {r['gender_and_origin_kept']['preserve'][1]:.0%} | "
        f"{r['gender_and_origin_kept']['balanced gender, any origin'][1]:.0%} | same |",
        f"| lone \"Mr. X\" gets the surname of \"First X\" (linking, wanted) | "
        f"{r['lone_surname_linked_to_full_name']:.1%} | | |",
    ]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
