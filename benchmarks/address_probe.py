"""International street addresses: how many address and name parts survive scrubbing (README, "International
street addresses"). Faker addresses of many locales in short English texts; a part is a word of 3+ characters of
the address (or of the name, where the text has one) left verbatim in the output.

    .venv/bin/python benchmarks/address_probe.py --probe shaping            # the brief's probe (500 texts)
    .venv/bin/python benchmarks/address_probe.py --probe shaping --seeds 31337,20000 --texts 800
    .venv/bin/python benchmarks/address_probe.py --probe holdout            # other templates, seeds, locales
    .venv/bin/python benchmarks/address_probe.py --probe holdout --without-finder   # same tree, no chain finder

``--leaks FILE`` writes every leaked part with its text and output (JSON) for reading; the hold-out's were read
only after its second run (see README).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SHAPING_LOCALES = ["no_NO", "da_DK", "hu_HU", "pt_PT", "pt_BR", "fi_FI", "sv_SE", "de_DE", "de_AT", "de_CH", "fr_FR",
                   "fr_CH", "it_IT", "es_ES", "es_MX", "nl_NL", "nl_BE", "pl_PL", "cs_CZ", "sk_SK", "ro_RO", "bg_BG",
                   "hr_HR", "sl_SI", "et_EE", "lv_LV", "lt_LT", "el_GR", "tr_TR", "en_GB", "en_IE", "en_AU", "en_NZ",
                   "en_CA", "en_IN", "en_US", "id_ID", "fil_PH", "th_TH", "vi_VN", "uk_UA", "ru_RU", "he_IL", "ar_AA",
                   "fa_IR", "zh_CN", "ko_KR", "ka_GE", "hy_AM", "az_AZ"]
SHAPING_TEMPLATES = ["Hi all, the meetup moves to {a}. Doors open at 7.", "Kind regards,\n{n}\n{a}", "Return label: {a}",
                     "Our office ({a}) is closed on Monday.", "customer {n} lives at {a}, called twice",
                     "Lieferadresse / delivery: {a}", "From: {n}\nSent: Tuesday\n\nmy new address is {a}",
                     "deliver to: {A}"]
HOLDOUT_LOCALES = ["ar_DZ", "az_AZ", "bn_BD", "cs_CZ", "da_DK", "de_AT", "de_CH", "de_DE", "el_GR", "en_AU", "en_BD",
                   "en_CA", "en_GB", "en_IE", "en_IN", "en_MS", "en_NZ", "en_PH", "en_US", "es_AR", "es_CL", "es_CO",
                   "es_ES", "es_MX", "fa_IR", "fi_FI", "fil_PH", "fr_CA", "fr_CH", "fr_DZ", "fr_FR", "he_IL", "hi_IN",
                   "hr_HR", "hu_HU", "hy_AM", "id_ID", "it_IT", "ka_GE", "ko_KR", "mk_MK", "ne_NP", "nl_BE", "nl_NL",
                   "no_NO", "pl_PL", "pt_BR", "pt_PT", "ro_RO", "ru_RU", "sk_SK", "sl_SI", "sv_SE", "ta_IN", "th_TH",
                   "tl_PH", "uk_UA", "vi_VN", "zh_CN", "zh_TW", "zu_ZA"]
HOLDOUT_MULTILINE = ["SHIP TO:\n{n}\n{am}\nPhone: {p}", "Best,\n{n}\n{c}\n{am}",
                     "Invoice address\n{am}\n\nThank you for your order."]
HOLDOUT_ONE_LINE = ["{i};{n};{st};{ci};{pc}", "btw i moved to {a1} last week, come by sometime",
                    "Dear Sir or Madam,\n\nI am writing about the parcel that never reached my home at {a1}. "
                    "Please refund me.", "Pick-up point changed to {a1} (open 9-17).",
                    '{{"customer": "{n}", "address": "{a1}"}}', "billing: {a1} | vat exempt"]
#: Street-type and unit words of the formats themselves: not personal, not counted.
SKIP = {"str", "the", "and", "apt", "suite", "street", "road", "ave", "avenue", "via", "rue", "calle", "flat", "unit",
        "box", "no.", "nr.", "utca", "gade", "vej", "gate", "veien", "rua", "travessa", "ul.", "apt.", "piso", "av.",
        "avenida", "vei", "tér", "út"}


def _shaping(texts: int, rng_seed: int, faker_seed: int) -> list[tuple[str, str, list[str]]]:
    from faker import Faker

    rng = random.Random(rng_seed)
    items = []
    for i in range(texts):
        locale = rng.choice(SHAPING_LOCALES)
        try:
            fake = Faker(locale)
            fake.seed_instance(faker_seed + i)
            address, name = fake.address(), fake.name()
            fake.phone_number(), fake.email()  # keeps the Faker stream of the brief's probe
        except Exception:  # a locale this Faker version lacks
            continue
        template = rng.choice(SHAPING_TEMPLATES)
        one_line = address.replace("\n", ", ")
        text = template.format(a=one_line if "\n" not in template else address, A=one_line.upper(), n=name)
        source = address.upper() if "{A}" in template else address
        parts = [w for w in re.split(r"[\s,]+", source)
                 if len(w) >= 3 and any(c.isalpha() for c in w) or (len(w) >= 3 and w.isdigit())]
        parts += [w for w in name.split() if len(w) >= 3] if "{n}" in template else []
        items.append((locale, text, parts))
    return items


def _holdout(texts: int) -> list[tuple[str, str, list[str]]]:
    from faker import Faker

    rng = random.Random(424242)
    items = []
    for i in range(texts):
        locale = rng.choice(HOLDOUT_LOCALES)
        try:
            fake = Faker(locale)
            fake.seed_instance(90000 + i)
            address, name, phone, company = fake.address(), fake.name(), fake.phone_number(), fake.company()
            try:
                street, city, postcode = fake.street_address(), fake.city(), fake.postcode()
            except Exception:
                street = city = postcode = None
        except Exception:
            continue
        template = rng.choice(HOLDOUT_MULTILINE + HOLDOUT_ONE_LINE)
        if "{st}" in template and street is None:
            template = HOLDOUT_ONE_LINE[1]
        text = template.format(am=address, a1=address.replace("\n", ", "), n=name, p=phone, c=company, i=1000 + i,
                               st=street, ci=city, pc=postcode)
        source = " ".join([street, city, postcode]) if "{st}" in template else address
        parts = [w for w in re.split(r"[\s,;]+", source) if len(w) >= 3 and (any(c.isalpha() for c in w) or w.isdigit())]
        parts += [w for w in name.split() if len(w) >= 3] if "{n}" in template else []
        items.append((locale, text, parts))
    return items


def _without_finder() -> None:
    """The same tree with the chain finder off (and resolve's caseless remainder rule with it)."""
    import regex

    import privsynth.detect as detect
    import privsynth.resolve as resolve
    from privsynth.detect.addresses import find_addresses

    hooks = detect._language_hooks

    def without(language: str):
        finders, refine = hooks(language)
        return tuple(f for f in finders if f is not find_addresses), refine

    detect._language_hooks = without
    resolve._CASELESS = regex.compile(r"(?!x)x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--probe", choices=("shaping", "holdout"), default="shaping")
    ap.add_argument("--seeds", default="9091,5000", help="shaping: random.Random seed, first Faker seed")
    ap.add_argument("--texts", type=int, default=None, help="default: 500 (shaping), 600 (hold-out)")
    ap.add_argument("--without-finder", action="store_true")
    ap.add_argument("--leaks", help="write the leaked parts (JSON) here")
    args = ap.parse_args()
    if args.without_finder:
        _without_finder()
    from privsynth import Scrubber

    if args.probe == "shaping":
        rng_seed, faker_seed = (int(x) for x in args.seeds.split(","))
        items = _shaping(args.texts or 500, rng_seed, faker_seed)
        key = b"k" * 32
    else:
        items = _holdout(args.texts or 600)
        key = b"h" * 32
    outputs = [r.text for r in Scrubber(key=key).scrub_batch([t for _, t, _ in items])]
    leaked, total, leaks = Counter(), Counter(), []
    for (locale, text, parts), out in zip(items, outputs):
        for word in parts:
            if word.lower() in SKIP:
                continue
            total[locale] += 1
            if re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", out):
                leaked[locale] += 1
                leaks.append({"locale": locale, "part": word, "text": text, "output": out})
    print(f"{args.probe}: {sum(leaked.values())} of {sum(total.values())} parts leaked ({len(items)} texts)")
    worst = sorted(((leaked[k] / total[k], k) for k in total), reverse=True)[:12]
    print("worst locales:", ", ".join(f"{k} {v:.2f}" for v, k in worst))
    if args.leaks:
        Path(args.leaks).write_text(json.dumps(leaks, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
