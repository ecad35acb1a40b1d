"""Leak families of issue 15: how many names survive scrubbing when written in another case, form or script.

    .venv/bin/python benchmarks/leak_families.py [--n 500] [--out benchmarks/results/leak_families.md]

Each family puts ``n`` Faker names (seeded, generated here: no real people) into running text and counts the
texts whose name comes back verbatim ("survive": the whole name is still in the output; "part": at least one
name word of 3+ letters is). Visible-equivalent comparisons (NFD, hidden characters) are made on the NFC,
invisible-free form of the output, as a reader would see it. The precision rows count ordinary all-caps or
lower-case text that gets replaced although it holds no personal data.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEY = "leak-families-benchmark-key-0b7d"  # a fixed benchmark key, only for reproducible figures
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")

EN_TEMPLATES = ("I met {} yesterday.", "Please forward the invoice to {} before Friday.",
                "The form was signed by {} on behalf of the company.", "We spoke with {} about the delay.")
LOWER_TEMPLATES = ("i met {} yesterday.", "talked to {} about the party", "{} said she would call back later",
                   "can you ask {} to send the notes")
JA_TEMPLATES = ("きのう{}とあいました。", "{}からでんわがありました。", "あしたは{}にあいます。", "ともだちの{}はげんきです。")
CAPS_HEADERS = ("TERMS AND CONDITIONS", "PLEASE READ CAREFULLY", "IMPORTANT NOTICE TO ALL CUSTOMERS",
                "LIMITATION OF LIABILITY", "GENERAL PROVISIONS", "CONFIDENTIAL AND PROPRIETARY",
                "SECTION 4. PAYMENT TERMS", "WARRANTY DISCLAIMER", "FOR OFFICIAL USE ONLY", "DO NOT REMOVE THIS TAG",
                "ANNUAL REPORT SUMMARY", "TABLE OF CONTENTS", "NOTICE OF PRIVACY PRACTICES", "HOLD HARMLESS",
                "RETURN TO SENDER", "MEETING MINUTES", "GRACE PERIOD AND LATE FEES", "WILL AND TESTAMENT",
                "CHANGE OF ADDRESS FORM", "BILL OF SALE", "MARK AS READ", "GRANT APPLICATION GUIDELINES",
                "SUMMER SALE ENDS SOON", "ROSE GARDEN TOUR", "HOPE FOR THE BEST")
LOWER_PLAIN = ("i will mark the page and grant you access", "we hope the summer sale goes well",
               "the rose garden is open in june and april", "bill the customer and frank will check",
               "can you read the terms and conditions please", "the house on the hill faces west",
               "my lord, the day is long", "we walked down the lane to the park")


def _names(locale: str, n: int, seed: int) -> list[str]:
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(seed)
    out: list[str] = []
    while len(out) < n:
        name = f"{fake.first_name()} {fake.last_name()}"
        if name not in out:
            out.append(name)
    return out


def _accented(n: int, seed: int) -> list[str]:
    pool: list[str] = []
    for i, locale in enumerate(("es_ES", "fr_FR", "pt_PT", "hu_HU", "cs_CZ", "de_DE", "pl_PL", "sk_SK")):
        pool += [name for name in _names(locale, 300, seed + i)
                 if unicodedata.normalize("NFD", name) != name]
    random.Random(seed).shuffle(pool)
    return list(dict.fromkeys(pool))[:n]


def _hiragana(n: int, seed: int) -> list[str]:
    from faker.providers.person.ja_JP import Provider

    from privsynth.lexicon.ja_names import kata_to_hira

    rng = random.Random(seed)
    family = [p[1] for p in Provider.last_name_pairs]  # a weighted dict of (kanji, kana, romaji) keys
    given = [p[1] for p in list(Provider.first_name_male_pairs) + list(Provider.first_name_female_pairs)]
    out: list[str] = []
    while len(out) < n:
        name = kata_to_hira(rng.choice(family) + rng.choice(given))
        if name not in out:
            out.append(name)
    return out


def _hide(value: str, rng: random.Random) -> str:
    """``value`` with one invisible character inside (zero-width space, soft hyphen, joiner or bidi mark)."""
    i = rng.randrange(1, len(value))
    return value[:i] + rng.choice("\u200b\u00ad\u200d\u2060\u200e\ufeff") + value[i:]


def _visible(text: str) -> str:
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def _survival(scrubber, texts: list[str], values: list[str], view=lambda s: s) -> tuple[float, float]:
    whole = part = 0
    for result, value in zip(scrubber.scrub_batch(texts), values):
        out = view(result.text)
        if value in out:
            whole += 1
        words = [w for w in re.split(r"\s+", value) if len(w) >= 3]
        if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", out) for w in words) or value in out:
            part += 1
    return whole / len(texts), part / len(texts)


def _changed(scrubber, texts) -> int:
    return sum(1 for r in scrubber.scrub_batch(list(texts)) if r.replacements)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--out", default=str(HERE / "results" / "leak_families.md"))
    a = ap.parse_args()
    import privsynth

    en = privsynth.Scrubber(language="en", key=KEY)
    ja = privsynth.Scrubber(language="ja", key=KEY)
    rng = random.Random(a.seed)
    rows = []

    def family(label: str, scrubber, texts, values, view=lambda s: s):
        t0 = time.perf_counter()
        whole, part = _survival(scrubber, texts, values, view)
        rows.append(f"| {label} | {len(texts)} | {whole:.1%} | {part:.1%} | {time.perf_counter() - t0:.0f} s |")
        print(rows[-1], flush=True)

    names = _names("en_US", a.n, a.seed)
    upper = [n.upper() for n in names]
    family("UPPER CASE name in running text", en,
           [EN_TEMPLATES[i % 4].format(v) for i, v in enumerate(upper)], upper)
    lower = [n.lower() for n in names]
    family("lower-case full name", en, [LOWER_TEMPLATES[i % 4].format(v) for i, v in enumerate(lower)], lower)
    accented = _accented(min(a.n, 300), a.seed)
    family("accented name in NFD", en,
           [unicodedata.normalize("NFD", EN_TEMPLATES[i % 4].format(v)) for i, v in enumerate(accented)],
           accented, view=_visible)
    hidden = [_hide(v, rng) for v in names]
    family("name with an invisible char inside", en,
           [EN_TEMPLATES[i % 4].format(v) for i, v in enumerate(hidden)], names, view=_visible)
    emails = [f"{n.lower().replace(' ', '.')}@example.com" for n in names[:200]]
    family("e-mail with an invisible char inside", en,
           [f"Write to {_hide(e, rng)} today." for e in emails], emails, view=_visible)
    hira = _hiragana(a.n, a.seed)
    family("hiragana full name, no honorific (ja)", ja,
           [JA_TEMPLATES[i % 4].format(v) for i, v in enumerate(hira)], hira)

    caps_changed = _changed(en, CAPS_HEADERS)
    lower_changed = _changed(en, LOWER_PLAIN)
    md = ["# Leak families (issue 15): survival of names by case, form and script", "",
          f"Command: `.venv/bin/python benchmarks/leak_families.py --n {a.n} --seed {a.seed}`  ",
          f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", "",
          "survive: the whole name is still verbatim in the output; part: at least one name word (3+ letters) is.",
          "", "| family | texts | survive | part | time |", "|---|---|---|---|---|", *rows, "",
          "Precision (texts without personal data that got any replacement):", "",
          f"* all-caps headers of ordinary words: {caps_changed} of {len(CAPS_HEADERS)}",
          f"* lower-case sentences of ordinary words (some of them given names or surnames): "
          f"{lower_changed} of {len(LOWER_PLAIN)}", ""]
    print("\n".join(md[-4:]))
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text("\n".join(md))
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
