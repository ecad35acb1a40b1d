"""Bias control: preserve / balanced / explicit weights decide the gender and origin mix of person surrogates.

Tolerances: each distinct original's gender (or locale) is one independent keyed draw, so the share of n draws
has standard deviation sqrt(p(1-p)/n). With n = 6,000 given names that is 0.65 points at p = 0.5 and 0.59 at
p = 0.7, so ±2 points is about three standard deviations (and the draws are pinned by the test key, so the test
is deterministic, not flaky).
"""
from __future__ import annotations

import json
import pickle

import pytest

import privsynth
from privsynth.config import Config
from privsynth.errors import ConfigError
from privsynth.keys import SecretKey
from privsynth.locales import load_locale
from privsynth.surrogates import SurrogateEngine, person
from privsynth.surrogates.bias import (BiasPolicy, infer_origin, merge_counts, origin_locales, origin_table,
                                       shares)
from privsynth.lexicon.names import gender_table, infer_gender

KEY = SecretKey(b"bias-tests")
PACK = load_locale("en_US")


def _mostly_male_names(n_male: int = 5400, n_female: int = 600) -> list[str]:
    """6,000 distinct given names, 90 % male by Faker's lists (English lists first, then other languages': Faker
    has ~700 distinct male given names in its English lists, fewer than the 5,000 a ±2-point test needs)."""
    table = gender_table()
    english = origin_table("given", origin_locales(()))
    def ordered(gender: str) -> list[str]:
        names = sorted(n for n, g in table.items() if g == gender and n.isalpha() and n == n.lower()
                       and infer_gender(n.title()) == gender and n not in person._TITLES | person._PARTICLES)
        return sorted(names, key=lambda n: "en" not in english.get(n, ()))  # English names first
    male, female = ordered("male"), ordered("female")
    assert len(male) >= n_male and len(female) >= n_female
    return [n.title() for n in male[:n_male] + female[:n_female]]


NAMES = _mostly_male_names()


def _run(bias, names=NAMES, key=KEY):
    """Each distinct given name once, as the person generator maps it (with counting on)."""
    engine = SurrogateEngine(key, PACK, bias=bias)
    out = [person.given_name(name, engine.keyed, record=True) for name in names]
    return out, engine.take_bias()


def test_originals_are_mostly_male_as_inferred():
    _, counts = _run("preserve")
    gender = counts["originals"]["gender"]
    assert gender == {"male": 5400, "female": 600}


def test_balanced_gender_lands_on_50_50_within_2_points():
    _, counts = _run("balanced")
    share = shares(counts["surrogates"]["gender"])
    assert abs(share["female"] - 0.5) <= 0.02, share
    assert counts["originals"]["gender"]["male"] == 5400  # the report shows the originals' mix too


def test_balanced_locale_mix_is_even_over_the_pack_name_locales():
    _, counts = _run("balanced")
    locales = counts["surrogates"]["locale"]
    policy = BiasPolicy("balanced", PACK)
    assert set(locales) == set(policy.pack_locales)
    target = 1 / len(policy.pack_locales)
    for locale, share in shares(locales).items():  # 6,000 given names: sd 0.3 points at p = 0.05
        assert abs(share - target) <= 0.02, (locale, share)


def test_explicit_weights_land_on_the_target_mix():
    bias = {"gender": {"female": 0.7, "male": 0.3}, "locale": {"en_US": 0.6, "es_MX": 0.2, "ja_JP": 0.2}}
    out, counts = _run(bias)
    gender = shares(counts["surrogates"]["gender"])
    assert abs(gender["female"] - 0.7) <= 0.02, gender
    locale = shares(counts["surrogates"]["locale"])
    for name, target in bias["locale"].items():
        assert abs(locale[name] - target) <= 0.02, (name, locale)
    # ja_JP names in an English text are romanized (Faker's romanized lists), not kanji.
    assert all(all(ord(ch) < 0x3000 for ch in name) for name in out)


def test_surrogate_gender_follows_the_draw():
    out, _ = _run({"gender": {"female": 1.0}}, NAMES[:300])
    assert all(infer_gender(name) == "female" for name in out)


def test_preserve_keeps_gender_and_origin():
    names = ["John", "Michael", "Mary", "Elizabeth", "Robert", "Susan"]
    out, counts = _run("preserve", names)
    for original, new in zip(names, out):
        assert infer_gender(new) == infer_gender(original)
    assert counts["originals"]["origin"] == {"en": len(names)} == counts["surrogates"]["origin"]
    for name in ("Smith", "Johnson", "Williams"):
        new = person.family_name(name, SurrogateEngine(KEY, PACK).keyed)
        assert infer_origin(new, "family", PACK.name_pools, "en") == "en", (name, new)


def test_unknown_is_an_honest_answer():
    assert infer_gender("Xqzwv") == "unknown"
    assert infer_origin("Xqzwv", "given") == "unknown"
    _, counts = _run("preserve", ["Xqzwv"])
    assert counts["originals"]["gender"] == {"unknown": 1}


@pytest.mark.parametrize("bias", ["preserve", "balanced", {"gender": {"female": 0.5, "male": 0.5}}])
def test_same_original_same_key_same_settings_same_surrogate(bias):
    a, _ = _run(bias, NAMES[:200])
    b, _ = _run(bias, NAMES[:200])
    assert a == b
    c, _ = _run(bias, NAMES[:200], key=SecretKey(b"another key"))
    assert sum(x != y for x, y in zip(a, c)) > 150


def test_bias_draw_is_per_original_not_per_mention():
    engine = SurrogateEngine(KEY, PACK, bias="balanced")
    first = person.person("John Smith", engine.keyed)
    assert person.person("John Smith", engine.keyed) == first
    assert person.person("Smith", engine.keyed, None).endswith(first.split()[1])


@pytest.mark.parametrize("bias,needle", [
    ("equal", "bias must be"), ({}, "non-empty"), ({"race": {"x": 1}}, "unknown dimension"),
    ({"gender": {"other": 1}}, "unknown gender"), ({"gender": {"female": -1, "male": 1}}, ">= 0"),
    ({"gender": {"female": 0, "male": 0}}, "all be zero"), ({"locale": {"xx_YY": 1}}, "not a Faker locale"),
    ({"gender": "sometimes"}, "bias['gender']"), ({"gender": {"female": "half"}}, "finite number"),
])
def test_invalid_bias_settings_raise_config_error(bias, needle):
    with pytest.raises(ConfigError) as info:
        Config(bias=bias)
    assert needle in str(info.value)


def test_config_keeps_weights_hashable_normalized_and_json_ready():
    config = Config(bias={"gender": {"female": 1, "male": 3}, "locale": "balanced"})
    assert config.bias == {"gender": {"female": 0.25, "male": 0.75}, "locale": "balanced"}
    assert hash(config) == hash(Config(bias={"locale": "balanced", "gender": {"male": 3, "female": 1}}))
    assert pickle.loads(pickle.dumps(config)) == config
    assert json.loads(json.dumps(config.public_options()))["bias"]["gender"]["male"] == 0.75
    with pytest.raises(TypeError):
        config.bias["gender"] = {}  # type: ignore[index]


def test_scrubber_reports_the_mix_per_result_and_accumulated():
    scrubber = privsynth.Scrubber(key="bias-tests-passphrase", ner=False, bias="balanced")
    texts = [f"{name} Smith was admitted." for name in ("John", "Michael", "David", "James")]
    results = list(scrubber.scrub_batch(texts))
    total = {}
    for result in results:
        total = merge_counts(total, result.bias)
    assert total == scrubber.bias_report()
    assert sum(total["originals"]["gender"].values()) == 4 and total["originals"]["gender"]["male"] == 4
    assert sum(total["surrogates"]["gender"].values()) == 4
    assert scrubber.bias_report(reset=True) and scrubber.bias_report() == {}
    assert privsynth.Scrubber(key="bias-tests-passphrase", ner=False).scrub("No names here.").bias == {}


def test_bias_setting_changes_only_person_names():
    text = "Call John Smith at 415-555-0132 on 2020-03-04."
    a = privsynth.Scrubber(key="tests-passphrase-k", ner=False).scrub(text)
    b = privsynth.Scrubber(key="tests-passphrase-k", ner=False, bias="balanced").scrub(text)
    keep = [r for r in a.replacements if r.entity_type != "PERSON"]
    assert [a.text[r.output_start:r.output_end] for r in keep] == \
        [b.text[r.output_start:r.output_end] for r in b.replacements if r.entity_type != "PERSON"]


def test_locale_any_draws_from_all_pack_locales_and_small_origin_pools_widen():
    engine = SurrogateEngine(KEY, PACK, bias={"locale": "any"})
    for name in ("Smith", "García", "Yılmaz"):
        person.family_name(name, engine.keyed, record=True)
    assert engine.take_bias()["surrogates"]["locale"] == {"pooled": 3}
    preserve = SurrogateEngine(KEY, PACK)
    person.family_name("Yılmaz", preserve.keyed, record=True)  # Faker's tr_TR has 60 family names: too few
    counts = preserve.take_bias()
    assert counts["originals"]["origin"] == {"tr": 1} and counts["surrogates"]["locale"] == {"pooled": 1}
    with pytest.raises(ConfigError):
        Config(bias={"gender": "any"})


def test_balanced_family_names_spread_over_locales_that_have_family_names():
    engine = SurrogateEngine(KEY, PACK, bias="balanced")
    for i, name in enumerate(sorted(origin_table("family", origin_locales(())))[:2000]):
        person.family_name(name.title(), engine.keyed, record=True)
    locales = engine.take_bias()["surrogates"]["locale"]
    assert "pooled" not in locales and len(locales) == len(engine.keyed.bias.family_locales)
