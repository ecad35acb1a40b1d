"""Phone validity and reserved ranges (issue 15 items 10 and 12), over Faker-generated originals.

    .venv/bin/python benchmarks/surrogate_guarantees.py [--n 300] [--out benchmarks/results/surrogate_guarantees.md]

* Phone validity: Faker numbers of several regions that ``phonenumbers`` accepts as valid (written
  internationally outside the US and UK, as a national number is read in the pack's own region), plus UK freephone
  (0808) and Bermuda (441) numbers; reported: surrogates valid for the original's region and of its type, and
  surrogates equal to the original.
* Reserved ranges (``profile="reserved"``): UK numbers in Ofcom drama ranges, NANP numbers (with extensions) in
  555-0100…0199, SSNs with the never-issued area 666, card numbers among published test numbers, IBANs with bank
  code 0000/ZZZZ.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import phonenumbers
from faker import Faker
from stdnum import iban as stdnum_iban

from privsynth.keys import SecretKey
from privsynth.locales import load_locale
from privsynth.surrogates import contact, numbers
from privsynth.surrogates.base import Keyed

KEY = SecretKey(b"guarantees-benchmark-key-01")
REGIONS = {"en_US": "US", "en_GB": "GB", "de_DE": "DE", "fr_FR": "FR", "ja_JP": "JP", "it_IT": "IT", "es_ES": "ES"}
_DRAMA = re.compile(r"^(7700900\d{3}|8081570\d{3}|9098790\d{3}|3069990\d{3}|2079460\d{3}|1[1-6]\d4960\d{3}|"
                    r"2896496\d{3}|2920180\d{3}|1632960\d{3})$")


def _originals(n: int) -> list[tuple[str, str]]:
    out = []
    for locale, region in REGIONS.items():
        fake = Faker(locale)
        fake.seed_instance(1)
        got = 0
        while got < n:
            number = fake.phone_number()
            try:
                parsed = phonenumbers.parse(number, region)
                if phonenumbers.is_valid_number(parsed):
                    if region not in ("US", "GB"):  # a national number means something only in its own pack
                        number = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
                    out.append((number, region))
                    got += 1
            except phonenumbers.NumberParseException:
                pass
    fake = Faker()
    fake.seed_instance(2)
    for _ in range(n):
        out.append((f"(0808) {fake.numerify('1## ####')}", "GB"))
        out.append((f"(441) {fake.numerify('2## ####')}", "BM"))
    return [(p, r) for p, r in out if phonenumbers.is_valid_number(phonenumbers.parse(p, "US" if r == "BM" else r))]


def phone_validity(n: int) -> dict:
    valid = same = total = 0
    for number, region in _originals(n):
        parse_region = "US" if region == "BM" else region
        original = phonenumbers.parse(number, parse_region)
        k = Keyed(KEY, load_locale("en_GB" if region == "GB" else "en_US"), "realistic")
        new = contact.phone(number, k)
        total += 1
        try:
            parsed = phonenumbers.parse(new, parse_region)
        except phonenumbers.NumberParseException:
            print("unparsable surrogate for a", region, "number")  # counted as invalid; no value printed
            continue
        valid += phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) == \
            phonenumbers.number_type(original) and phonenumbers.region_code_for_number(parsed) == \
            phonenumbers.region_code_for_number(original)
        same += re.sub(r"\D", "", new) == re.sub(r"\D", "", number)
    return {"numbers": total, "valid_same_region_and_type": valid, "equal_to_original": same}


def reserved(n: int) -> dict:
    fake_gb, fake_us = Faker("en_GB"), Faker("en_US")
    fake_gb.seed_instance(3)
    fake_us.seed_instance(3)
    gb = Keyed(KEY, load_locale("en_GB"), "reserved")
    us = Keyed(KEY, load_locale("en_US"), "reserved")
    uk = [p for p in (fake_gb.phone_number() for _ in range(n * 3))
          if phonenumbers.is_valid_number(phonenumbers.parse(p, "GB"))][:n]
    uk_ok = sum(bool(_DRAMA.match(str(phonenumbers.parse(contact.phone(p, gb), "GB").national_number))) for p in uk)
    nanp = [f"{fake_us.numerify('(2##) ###-####')} ext. {fake_us.numerify('##')}" for _ in range(n)]
    nanp_ok = sum(re.sub(r"\D", "", contact.phone(p, us))[3:8] == "55501" for p in nanp)
    ssn = [fake_us.ssn() for _ in range(n)]
    ssn_ok = sum(numbers.us_ssn(s, us).startswith("666-") for s in ssn)
    tests = {c for cs in numbers.TEST_CARDS.values() for c in cs}
    cards = [fake_us.credit_card_number() for _ in range(n)]
    card_ok = sum(re.sub(r"\D", "", numbers.credit_card(c, us)) in tests for c in cards)
    ibans = [fake_gb.iban() for _ in range(n)]
    iban_ok = sum(stdnum_iban.is_valid(x := numbers.iban(i, us)) and x[4:8] in ("0000", "ZZZZ") for i in ibans)
    return {"uk_phones_in_ofcom_drama_ranges": [uk_ok, len(uk)], "nanp_with_extension_in_555_01xx": [nanp_ok, n],
            "ssn_area_666": [ssn_ok, n], "cards_published_test_numbers": [card_ok, n],
            "iban_bank_code_0000_or_zzzz": [iban_ok, n]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--out", default="benchmarks/results/surrogate_guarantees.md")
    args = parser.parse_args()
    results = {"phone_validity": phone_validity(args.n), "reserved": reserved(args.n)}
    print(json.dumps(results, indent=2))
    p = results["phone_validity"]
    lines = ["# Surrogate guarantees", "", f"`.venv/bin/python benchmarks/surrogate_guarantees.py --n {args.n}`", "",
             f"Phones (7 regions + UK 0808 + Bermuda 441): {p['valid_same_region_and_type']} of {p['numbers']} "
             f"surrogates valid for the original's region and type; {p['equal_to_original']} equal to the original.",
             "", "| reserved profile | in range | of |", "|---|---:|---:|"]
    lines += [f"| {name} | {a} | {b} |" for name, (a, b) in results["reserved"].items()]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
