"""The surrogate stage's fast paths give the answers of the slow ones they replace, checked against the libraries
themselves (hmac, random, phonenumbers) and the plain scans, on many random inputs."""
from __future__ import annotations

import hashlib
import hmac
import random

import phonenumbers
from faker import Faker

from privsynth.keys import SecretKey
from privsynth.locales import load_locale
from privsynth.surrogates import contact, numbers
from privsynth.surrogates.base import Keyed, distinct, seeded_random

RNG = random.Random(20261130)


def _text(rng: random.Random, n: int) -> str:
    # ASCII, other planes and lone surrogates (surrogatepass): every kind of part a seed is derived from
    return "".join(chr(rng.choice((rng.randrange(32, 127), rng.randrange(0x80, 0x3000), rng.randrange(0xD800, 0xE000),
                                   rng.randrange(0x10000, 0x10FFFF)))) for _ in range(n))


def test_digest_is_hmac_sha256_for_every_key_length():
    for n in list(range(0, 140)) + [200, 1000]:
        key = SecretKey(bytes(RNG.randrange(256) for _ in range(n)))
        for _ in range(3):
            parts = [_text(RNG, RNG.randrange(0, 30)) for _ in range(RNG.randrange(0, 6))]
            message = b"\x1f".join(p.encode("utf-8", "surrogatepass") for p in parts)
            assert key.digest(*parts) == hmac.new(key.secret, message, hashlib.sha256).digest()


def test_seeded_random_is_random_of_the_seed():
    for seed in [0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 63, 2 ** 64 - 1] + [RNG.getrandbits(64) for _ in range(200)]:
        fast, slow = seeded_random(seed), random.Random(seed)
        assert fast.getstate() == slow.getstate()
        assert [fast.random(), fast.choice("0123456789"), fast.randrange(1, 10 ** 9), fast.gauss(0, 1)] == \
            [slow.random(), slow.choice("0123456789"), slow.randrange(1, 10 ** 9), slow.gauss(0, 1)]


def _numbers() -> list[phonenumbers.PhoneNumber]:
    """Valid, invalid and odd numbers of many regions: Faker's, phonenumbers' examples, random digits."""
    out = []
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    for region in regions:
        for kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE,
                     phonenumbers.PhoneNumberType.TOLL_FREE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                out.append(example)
                nsn = phonenumbers.national_significant_number(example)
                for _ in range(3):  # same leading digits, other subscriber digits: valid or not
                    cut = RNG.randrange(1, len(nsn))
                    text = nsn[:cut] + "".join(RNG.choice("0123456789") for _ in nsn[cut:])
                    try:
                        out.append(phonenumbers.parse(text, region))
                    except phonenumbers.NumberParseException:
                        pass
    for locale in ("en_US", "en_GB", "en_CA", "de_DE", "fr_FR", "it_IT", "ja_JP", "ru_RU", "pt_BR", "en_IN"):
        fake = Faker(locale)
        fake.seed_instance(7)
        for _ in range(60):
            for region in (None, "US", "GB", locale[-2:]):
                try:
                    out.append(phonenumbers.parse(fake.phone_number(), region))
                except phonenumbers.NumberParseException:
                    pass
    for code in (1, 7, 44, 39, 61, 262, 290, 590, 800, 882, 979):  # shared and non-geographic calling codes
        for _ in range(150):
            number = "".join(RNG.choice("0123456789") for _ in range(RNG.randrange(4, 13)))
            try:
                out.append(phonenumbers.parse(f"+{code}{number}", None))
            except phonenumbers.NumberParseException:
                pass
    return out


def test_region_and_type_are_phonenumbers_own():
    cases = _numbers()
    assert len(cases) > 2000
    valid = 0
    for number in cases:
        region, kind = contact._region_and_type(number)
        assert region == phonenumbers.region_code_for_number(number)
        assert kind == phonenumbers.number_type(number)
        assert (kind != phonenumbers.PhoneNumberType.UNKNOWN) == phonenumbers.is_valid_number(number)
        valid += phonenumbers.is_valid_number(number)
    assert 500 < valid < len(cases) - 500  # both answers well represented


def test_candidate_check_is_the_plain_check():
    seen = accepted = 0
    for number in _numbers():
        region, wanted = contact._region_and_type(number)
        if wanted == phonenumbers.PhoneNumberType.UNKNOWN:
            continue
        national = phonenumbers.national_significant_number(number)
        fast = contact._candidate_check(national, region, wanted)
        slow = contact._plain_check(national, region, wanted)
        candidates = [national, "0" + national, str(number.country_code) + national, national[:-1], national + "1",
                      "00" + national, "011" + national, "1" + national, "8" + national, "0" + national[1:], "12",
                      "0", "00", "000", national[:2], "9" * 18, "0" * len(national)]
        for _ in range(12):
            cut = RNG.randrange(0, len(national))
            candidates.append(national[:cut] + "".join(RNG.choice("0123456789") for _ in national[cut:]))
        for _ in range(4):  # all random: international, trunk and calling-code prefixes, any length
            candidates.append("".join(RNG.choice("0123456789") for _ in range(RNG.randrange(1, 19))))
        for candidate in candidates:
            assert fast(candidate) == slow(candidate), (region, wanted)
            seen += 1
            accepted += slow(candidate)
    assert seen > 3000 and 300 < accepted < seen - 300


def _scan_brand(digits: str):
    best, best_len = ("other", (digits[:1],)), 0
    for brand, prefixes in numbers._BRANDS:
        for p in prefixes:
            if digits.startswith(p) and len(p) > best_len:
                best, best_len = (brand, prefixes), len(p)
    return best


def test_card_brand_is_the_longest_prefix_scan():
    fake = Faker("en_US")
    fake.seed_instance(3)
    cards = [fake.credit_card_number() for _ in range(300)]
    cards += ["".join(RNG.choice("0123456789") for _ in range(RNG.randrange(0, 20))) for _ in range(3000)]
    cards += [p + "".join(RNG.choice("0123456789") for _ in range(12)) for _, ps in numbers._BRANDS for p in ps]
    for digits in cards + ["", "3", "35", "352", "3528", "22", "2221", "62", "6011"]:
        assert numbers.card_brand(digits) == _scan_brand(digits)


def test_name_part_memo_gives_the_unmemoized_surrogate_and_counts():
    pack = load_locale("en_US")
    fake = Faker(["en_US", "es_MX", "de_DE"])
    fake.seed_instance(5)
    tokens = [fake.first_name() for _ in range(150)] + [fake.last_name() for _ in range(150)] + ["Zqxv", "Ab"]
    for bias in ("preserve", "balanced", {"gender": {"female": 0.7, "male": 0.3}}):
        memo = Keyed(SecretKey(b"memo-test-key-0001"), pack, "realistic")
        memo.bias = plain_bias = type(memo.bias)(bias, pack)
        plain = Keyed(SecretKey(b"memo-test-key-0001"), pack, "realistic", plain_bias)
        plain.part_memo = None  # type: ignore[assignment]  # no memo: every part computed afresh
        for token in tokens * 2:  # the second round hits the memo
            for method in ("given", "family"):
                got = getattr(memo.bias, method)(token, memo, "person.v2", distinct, memo.counts)
                assert got == getattr(plain.bias, method)(token, plain, "person.v2", distinct, plain.counts)
        assert memo.counts.as_dict() == plain.counts.as_dict()
        assert len(memo.part_memo) == 2 * len(set(tokens))


def test_inlined_draws_are_random_choice():
    from privsynth.surrogates.base import random_digits, shape_random
    for seed in [RNG.getrandbits(64) for _ in range(200)]:
        fast, slow = seeded_random(seed), random.Random(seed)
        n = seed % 25
        assert random_digits(fast, n) == "".join(slow.choice("0123456789") for _ in range(n))
        text = "".join(RNG.choice("aZ9-９Ｑ é") for _ in range(30))
        want = "".join(  # shape_random as it was written, with Random.choice
            ch if not (ch.isdigit() or (ch.isascii() and ch.isalpha()) or "Ａ" <= ch <= "Ｚ")
            else (chr(ord("０") + int(slow.choice("0123456789"))) if "０" <= ch <= "９" else
                  slow.choice("0123456789")) if ch.isdigit()
            else chr(ord("Ａ") + slow.randrange(26)) if "Ａ" <= ch <= "Ｚ"
            else slow.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ" if ch.isupper() else "abcdefghijklmnopqrstuvwxyz")
            for ch in text)
        assert shape_random(text, fast) == want
        assert fast.getstate() == slow.getstate()


def test_fast_parse_fills_formats_as_faker_does():
    from privsynth.surrogates.base import fast_parse
    methods = ("address", "street_address", "city", "postcode", "company", "name", "email", "domain_word", "url",
               "user_name", "phone_number", "secondary_address", "building_number", "job")
    for locale in ("en_US", "en_GB", "de_DE", "fr_FR", "it_IT", "ja_JP", "ko_KR", "pt_BR", "nl_NL", "pl_PL"):
        fast, plain = fast_parse(Faker(locale)), Faker(locale)
        for i in range(40):
            fast.seed_instance(i)
            plain.seed_instance(i)
            for method in methods:
                if hasattr(plain, method):
                    assert getattr(fast, method)() == getattr(plain, method)(), (locale, method)
        plain.set_arguments("small", {"min_value": 1, "max_value": 9})  # an argument group: Faker's own parse
        fast.set_arguments("small", {"min_value": 1, "max_value": 9})
        fast.seed_instance(1)
        plain.seed_instance(1)
        assert fast.parse("{{ pyint:small }}-{{city}}") == plain.parse("{{ pyint:small }}-{{city}}")


def test_bias_counts_fold_pending_label_sets_to_the_same_sums():
    from privsynth.surrogates.bias import BiasCounts
    labels = [(("originals", "gender", g), ("surrogates", "origin", o), ("surrogates", "locale", loc))
              for g in ("female", "male", "unknown") for o in ("en", "es") for loc in ("en_US", "es_MX")]
    folded, plain = BiasCounts(), BiasCounts()
    assert not folded and folded.as_dict() == {}
    for round_ in range(3):
        for _ in range(500):
            chosen = RNG.choice(labels)
            folded.add_each(chosen)
            for label in chosen:
                plain.add(*label)
            if RNG.random() < 0.01:
                folded.add("surrogates", "gender", "female", 2)
                plain.add("surrogates", "gender", "female", 2)
        assert bool(folded) and folded.as_dict() == plain.as_dict()
        if round_ == 1:
            assert folded.take() == plain.take()
            assert not folded and folded.as_dict() == {}
