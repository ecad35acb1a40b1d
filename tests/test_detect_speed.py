"""Issue 14 speed-ups that must not change what is found: the recased NER pass on the lines around ALL-CAPS runs."""
from __future__ import annotations

from faker import Faker

from privsynth.detect import _RECASE_MARGIN_WORDS, Detector, _recase_windows, _trim
from privsynth.detect.case_names import accept_recased, recase_caps


def _long_texts(n: int, seed: int) -> list[str]:
    """Multi-line Faker documents with names, places and headers in capitals among ordinary lines."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    texts = []
    for _ in range(n):
        lines = []
        for j in range(30):
            kind = j % 10
            if kind == 0:
                lines.append(f"SIGNED BY {fake.first_name().upper()} {fake.last_name().upper()} IN "
                             f"{fake.city().upper()}")
            elif kind == 4:
                lines.append(f"{fake.sentence()} WITNESS {fake.name().upper()}, {fake.sentence()}")
            elif kind == 7:
                lines.append(fake.word().upper() + " " + fake.word().upper())
            else:
                lines.append(" ".join(fake.sentences(3)))
        texts.append("\n".join(lines))
    return texts


def _whole_copy_reference(model, texts):
    """The recased pass as it was: NER over the whole title-cased copy of every text with runs."""
    recased = {i: r for i, r in ((i, recase_caps(t)) for i, t in enumerate(texts)) if r is not None}
    found = model.detect_batch([recased[i][0] for i in recased], 32)
    out = {}
    for i, named in zip(recased, found):
        copy, runs = recased[i]
        trimmed = [t for t in (_trim(copy, f) for f in named) if t is not None]
        places = [f for f in trimmed if f.entity_type == "LOCATION"
                  and any(a < f.end and f.start < b for a, b in runs)]  # only places on a run are ever used
        out[i] = (runs, places, accept_recased(texts[i], trimmed, runs))
    return out


def test_recase_windows_hold_each_run_with_its_margin() -> None:
    for text in _long_texts(20, 1401):
        copy, runs = recase_caps(text)
        windows = _recase_windows(copy, runs)
        assert all(a1 < b1 < a2 for (a1, b1), (a2, _) in zip(windows, windows[1:]))  # sorted, disjoint
        assert all(a == 0 or copy[a - 1] == "\n" for a, _ in windows)  # whole lines
        for start, end in runs:
            (a, b), = [w for w in windows if w[0] <= start and end <= w[1]]
            assert a == 0 or len(copy[a:start].split()) >= _RECASE_MARGIN_WORDS
            assert b == len(copy) or len(copy[end:b].split()) >= _RECASE_MARGIN_WORDS
        assert sum(b - a for a, b in windows) < len(copy)  # the point: less text than the whole copy


def test_recased_pass_on_windows_finds_what_the_whole_copy_finds(scrubber) -> None:
    model = scrubber._pipeline("en").detector.ner  # the session's English model, loaded once
    texts = _long_texts(30, 1402)
    expected = _whole_copy_reference(model, texts)
    got = Detector._recased(model, texts, 32)
    assert set(got) == set(expected)
    names = 0
    for i, (runs, places, accepted) in got.items():
        on_runs = [f for f in places if any(a < f.end and f.start < b for a, b in runs)]
        assert (runs, on_runs, accepted) == expected[i]
        names += len(accepted)
    assert names > 20  # the texts do hold capitalized names the pass keeps


def _subject_reference(text, people):
    """subject_of as it was: each mention tested against every group so far (quadratic in a long document)."""
    from privsynth.lexicon.names import name_tokens
    from privsynth.surrogates.hipaa import _CLINICIAN

    groups: list[dict] = []
    for start, end in sorted(people):
        tokens = [t.casefold() for t in name_tokens(text[start:end])]
        if not tokens:
            continue
        clinician = bool(_CLINICIAN.search(text[max(0, start - 16):start]))
        group = next((g for g in groups if set(tokens) <= g["tokens"] or g["tokens"] <= set(tokens)), None)
        if group is None:
            group = {"tokens": set(tokens), "names": [], "count": 0, "first": start, "clinician": 0}
            groups.append(group)
        group["tokens"] |= set(tokens)
        group["names"].append(" ".join(tokens))
        group["count"] += 1
        group["clinician"] += clinician
    if not groups:
        return None
    patients = [g for g in groups if g["clinician"] < g["count"]] or groups
    best = max(patients, key=lambda g: (g["count"], -g["first"]))
    return max(best["names"], key=lambda n: (len(n.split()), len(n)))


def test_subject_of_indexed_groups_match_the_quadratic_reference() -> None:
    from random import Random

    from privsynth.surrogates.hipaa import subject_of

    fake = Faker("en_US")
    fake.seed_instance(1402)
    rng = Random(1402)
    firsts = [fake.first_name() for _ in range(6)]
    lasts = [fake.last_name() for _ in range(6)]
    for _ in range(200):
        parts, people, pos = [], [], 0
        for _ in range(rng.randrange(1, 25)):  # few names, many mentions: lone parts join and chain groups
            name = rng.choice([rng.choice(firsts), rng.choice(lasts), f"{rng.choice(firsts)} {rng.choice(lasts)}",
                               f"{rng.choice(firsts)} {rng.choice(firsts)} {rng.choice(lasts)}"])
            lead = rng.choice(["Dr. ", "met ", "and ", "Nurse "])
            parts.append(lead + name + ". ")
            people.append((pos + len(lead), pos + len(lead) + len(name)))
            pos += len(lead) + len(name) + 2
        text = "".join(parts)
        assert subject_of(text, people) == _subject_reference(text, people)
    text = "Dr. Ann Lee saw Bob Stone. Bob came back; Stone was fine."
    people = [(4, 11), (16, 25), (27, 30), (42, 47)]
    assert subject_of(text, people) == "bob stone"


def test_validator_verdicts_are_shared_between_recognizers() -> None:
    """The phone, fax and country phone recognizers share one memo of the phone validator: a number is parsed
    once, and every recognizer gets the verdict the validator itself gives."""
    from privsynth.detect.recognizers import load_recognizers
    from privsynth.detect.validators import VALIDATORS

    phones = [r for r in load_recognizers(("en", "ja")) if r.validator_name == "phone"]
    assert len(phones) >= 2
    assert len({id(r._validator) for r in phones}) == 1
    fake = Faker("en_US")
    fake.seed_instance(1403)
    for number in [fake.phone_number() for _ in range(50)] + ["+44 20 7946 0958", "555-0000", "1111111"]:
        assert {r.validate_result(number) for r in phones} == {VALIDATORS["phone"](number)}


def test_origin_table_matches_a_set_per_name_build() -> None:
    """The name → languages table built with shared frozensets holds what a set per name gives."""
    from privsynth.lexicon.names import name_list
    from privsynth.surrogates import bias

    locales = bias.origin_locales(("en_US", "ja_JP"))
    for kind, attrs in (("given", ("first_names_male", "first_names_female", "first_romanized_names_male",
                                   "first_romanized_names_female")),
                        ("family", bias._FAMILY_ATTRS + bias._ROMANIZED_FAMILY)):
        reference: dict[str, set[str]] = {}
        for locale in locales:
            provider = bias.person_provider(locale)
            for attr in attrs if provider is not None else ():
                for name in name_list(provider, attr):
                    reference.setdefault(str(name).lower(), set()).add(locale.split("_")[0])
        table = bias.origin_table(kind, locales)
        assert table == {name: frozenset(langs) for name, langs in reference.items()}
        assert any(len(langs) > 1 for langs in table.values())  # names shared by several languages are there
        pack = ("en_US", "ja_JP")
        for name in list(table)[::50] + ["Zzyzx", "SMITH", ""]:  # the per-pack look-up reads the same table
            assert bias._origin_languages(name, kind, pack) == table.get(name.lower(), frozenset())


def test_phone_validator_gives_the_verdict_of_parse_and_is_valid_over_every_region() -> None:
    """The phone validator skips ``is_valid_number`` where ``is_possible_number`` already says no: on numbers of
    many regions and shapes (Faker's, random digit strings with separators, country codes, trunk and
    international prefixes) the verdict is that of trying ``parse`` + ``is_valid_number`` for every region."""
    import random
    import unicodedata

    import phonenumbers

    from privsynth.detect import validators

    def reference(text: str) -> bool | None:
        stripped = validators._EXTENSION.sub("", unicodedata.normalize("NFKC", text)).strip()
        digits = "".join(c for c in stripped if c.isdigit())
        if not 7 <= len(digits) <= 15 or len(set(digits)) == 1:
            return False
        for region in ((None,) if stripped.startswith("+") else ()) + validators._PHONE_REGIONS:
            try:
                if phonenumbers.is_valid_number(phonenumbers.parse(stripped, region)):
                    return True
            except phonenumbers.NumberParseException:
                continue
        return None

    rng = random.Random(4410)
    numbers = []
    for locale in ("en_US", "en_GB", "de_DE", "fr_FR", "ja_JP", "en_AU", "it_IT", "es_ES", "pt_BR", "hi_IN"):
        fake = Faker(locale)
        fake.seed_instance(rng.randrange(10**6))
        numbers += [fake.phone_number() for _ in range(40)]
    for _ in range(800):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(6, 14)))
        prefix = rng.choice(["", "+", "+1 ", "+44 ", "00", "011 ", "0", "(0)", "1-"])
        cut = sorted(rng.sample(range(1, len(digits)), 2))
        sep = rng.choice([" ", "-", ".", ""])
        numbers.append(prefix + digits[:cut[0]] + sep + digits[cut[0]:cut[1]] + sep + digits[cut[1]:])
    verdicts = [(validators._phone(n), reference(n)) for n in numbers]
    assert all(a == b for a, b in verdicts)
    assert sum(a is True for a, _ in verdicts) > 100 and sum(a is None for a, _ in verdicts) > 100
