"""Quasi-identifiers: ages over 89 become one category (default), ZIP3 and age buckets on request."""
from __future__ import annotations

import re

import pytest

import privsynth
from privsynth import quasi
from privsynth.errors import ConfigError
from privsynth.keys import SecretKey
from privsynth.locales import load_locale
from privsynth.surrogates import SurrogateEngine
from privsynth.types import Finding

PACK = load_locale("en_US")


def _engine(**options):
    return SurrogateEngine(SecretKey(b"quasi-tests"), PACK, **options)


def _one(engine, entity: str, text: str, value: str) -> str:
    start = text.index(value)
    out = engine.surrogates(text, [Finding(start, start + len(value), entity, 1.0, "test")])
    return out[0]


@pytest.mark.parametrize("span,expected", [
    ("93", "90+"), ("104", "90+"), ("93 years old", "90 or older"), ("93-year-old", "90-plus-year-old"),
    ("93 yrs", "90+ yrs"), ("97 y/o", "90+ y/o"), ("93歳", "90歳以上"),
])
def test_ages_over_the_cap_become_one_category(span, expected):
    assert quasi.cap_age(span, 89) == expected
    assert _one(_engine(age_cap=89), "AGE", f"x {span} x", span) == expected


def test_age_cap_is_on_by_default_and_configurable():
    scrubber = privsynth.Scrubber(key="tests-passphrase-k", ner=False)
    assert scrubber.config.age_cap == 89
    assert "90+" in scrubber.scrub("The patient, aged 93, was admitted.").text
    assert "90+" not in privsynth.Scrubber(key="tests-passphrase-k", ner=False, age_cap=None).scrub("aged 93, admitted").text
    assert "80+" in privsynth.Scrubber(key="tests-passphrase-k", ner=False, age_cap=79).scrub("aged 85, admitted").text


def test_ages_up_to_the_cap_move_but_never_above_it():
    engine = _engine(age_cap=89)
    for value in range(1, 90):
        new = _one(engine, "AGE", f"aged {value}", str(value))
        assert new != str(value) and 1 <= int(new) <= 89


def test_ages_labelled_as_dates_are_treated_as_ages():
    engine = _engine(age_cap=89)
    assert _one(engine, "DATE_TIME", "She is 93 years old.", "93 years old") == "90 or older"
    moved = _one(engine, "DATE_TIME", "She is 47 years old.", "47 years old")
    assert re.fullmatch(r"\d+ years old", moved) and abs(int(moved.split()[0]) - 47) <= 5


def test_age_buckets():
    engine = _engine(age_cap=89, age_bucket=5)
    assert _one(engine, "AGE", "aged 47", "47") == "45-49"
    assert _one(engine, "AGE", "aged 88", "88") == "85-89"
    assert _one(engine, "AGE", "aged 93", "93") == "90+"
    assert _one(engine, "DATE_TIME", "a 47 years old man", "47 years old") == "45-49 years old"
    assert quasi.bucket_age("aged 47", 10) == "aged 40-49"


@pytest.mark.parametrize("span,expected", [
    ("62704", "627**"), ("62704-1234", "627**"), ("03601", "000**"), ("89301", "000**"), ("10001", "100**"),
])
def test_zip3(span, expected):
    assert quasi.zip3(span) == expected
    assert _one(_engine(zip3=True), "ZIP_CODE", f"IL {span}", span) == expected


def test_zip3_is_off_by_default_and_leaves_other_postcodes_synthetic():
    assert _one(_engine(), "ZIP_CODE", "IL 62704", "62704") != "627**"
    uk = _one(_engine(zip3=True), "ZIP_CODE", "London SW1A 1AA", "SW1A 1AA")
    assert uk != "SW1A 1AA" and "*" not in uk
    text = privsynth.Scrubber(key="tests-passphrase-k", ner=False, zip3=True).scrub("Springfield, IL 62704").text
    assert "627**" in text


def test_restricted_zip3_list_is_hhs_list():
    assert len(quasi.RESTRICTED_ZIP3) == 17 and "036" in quasi.RESTRICTED_ZIP3 and "893" in quasi.RESTRICTED_ZIP3


@pytest.mark.parametrize("options", [{"age_cap": 0}, {"age_cap": "89"}, {"age_bucket": -5}, {"zip3": "yes"},
                                     {"age_cap": True}])
def test_invalid_quasi_options(options):
    with pytest.raises(ConfigError):
        privsynth.Config(**options)
