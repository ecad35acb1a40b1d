"""Per-type operators: surrogate (default), redact, mask, hash (keyed), keep."""
from __future__ import annotations

import hashlib

import pytest
from faker import Faker

import privsynth
from privsynth.errors import ConfigError

from conftest import TEST_KEY

fake = Faker("en_US")
Faker.seed(4242)
OTHER_KEY = "another-operators-test-key-long"


def _text():
    email, url = fake.email(), "https://" + fake.domain_name() + "/profile"
    card = fake.credit_card_number(card_type="visa16")
    return email, url, card, f"Mail {email}, page {url}, card {card} on file."


def test_each_operator_does_what_it_says():
    email, url, card, text = _text()
    ops = {"EMAIL_ADDRESS": "mask", "URL": "keep", "CREDIT_CARD": "hash"}
    s = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False, operators=ops)
    out = s.scrub(text)
    masked = "".join("*" if c.isalnum() else c for c in email)
    assert masked in out.text and email not in out.text
    assert url in out.text and "URL" not in {r.entity_type for r in out.replacements}
    assert card not in out.text
    hashed = [out.text[r.output_start:r.output_end] for r in out.replacements if r.entity_type == "CREDIT_CARD"]
    assert len(hashed) == 1 and hashed[0].startswith("CREDIT_CARD_") and len(hashed[0]) == len("CREDIT_CARD_") + 16
    # keyed: not any plain digest of the value, the same under the same key, different under another key
    plain = {hashlib.sha256(card.encode()).hexdigest()[:16], hashlib.md5(card.encode()).hexdigest()[:16],
             hashlib.sha1(card.encode()).hexdigest()[:16]}
    assert hashed[0][len("CREDIT_CARD_"):] not in plain
    again = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False, operators=ops).scrub(f"x {card}").text
    assert hashed[0] in again
    other = privsynth.Scrubber(language="en", key=OTHER_KEY, ner=False, operators=ops).scrub(f"x {card}").text
    assert hashed[0] not in other


def test_redact_and_default_surrogate():
    email, _, card, text = _text()
    s = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False, operators={"CREDIT_CARD": "redact"})
    out = s.scrub(text).text
    assert "[CREDIT_CARD]" in out and card not in out
    assert email not in out and "@" in out  # e-mail still gets its realistic surrogate


def test_unlisted_types_unchanged_against_the_default_output():
    _, _, _, text = _text()
    default = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False).scrub(text).text
    with_person_op = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False,
                                        operators={"PERSON": "surrogate"}).scrub(text).text
    assert default == with_person_op


def test_operator_errors_name_what_is_wrong():
    with pytest.raises(ConfigError, match=r"unknown operator 'blur'.*surrogate, redact, mask, hash, keep"):
        privsynth.Config(operators={"PERSON": "blur"})
    with pytest.raises(ConfigError, match=r"PERSN.*did you mean 'PERSON'"):
        privsynth.Config(operators={"PERSN": "redact"})
    with pytest.raises(ConfigError, match="TYPE=OPERATOR"):
        privsynth.Config(operators=["PERSON:redact"])
    assert privsynth.Config(operators=["US_SSN=redact"]).operators == (("US_SSN", "redact"),)


def test_manifest_records_operators():
    options = privsynth.Config(operators={"US_SSN": "redact", "URL": "keep"}).public_options()
    assert options["operators"] == {"URL": "keep", "US_SSN": "redact"}


def test_augment_variants_use_the_operators_too():
    _, _, card, text = _text()
    s = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False, operators={"CREDIT_CARD": "redact"})
    variants = s.augment(text, 2)
    assert all("[CREDIT_CARD]" in v.text and card not in v.text for v in variants)


def test_adapters_pass_policy_options_through():
    pd = pytest.importorskip("pandas")
    from privsynth.integrations.pandas import scrub_series
    email, _, card, text = _text()
    out = scrub_series(pd.Series([text, f"Zorblax paid with {card}"]), key=TEST_KEY, ner=False,
                       operators={"CREDIT_CARD": "redact"}, deny={"PERSON": ["Zorblax"]}, allow=[email])
    assert email in out[0] and "[CREDIT_CARD]" in out[0] and card not in out[0]
    assert "Zorblax" not in out[1] and "[CREDIT_CARD]" in out[1]
