"""The public API as a user meets it: privsynth.scrub, Scrubber, Config, ScrubResult, errors."""
from __future__ import annotations

import phonenumbers
import pytest
from stdnum import luhn

import privsynth
from privsynth.errors import ConfigError, InputError, PrivsynthError

EXAMPLE = "Hi, I'm John Smith (john.smith@gmail.com, +1 415-555-0132). Card 5425 2334 3010 9903."
ORIGINALS = ["John", "Smith", "john.smith@gmail.com", "415-555-0132", "5425 2334 3010 9903"]


def test_issue_example_replaces_every_value(test_key):
    result = privsynth.scrub(EXAMPLE, key=test_key)
    for original in ORIGINALS:
        assert original not in result.text
    types = [r.entity_type for r in result.replacements]
    assert types == ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"]
    assert result.language == "en"
    # The sentence around the values is untouched.
    assert result.text.startswith("Hi, I'm ") and "). Card " in result.text and result.text.endswith(".")


def test_issue_example_card_is_luhn_valid_mastercard_and_phone_is_valid_us(test_key):
    result = privsynth.scrub(EXAMPLE, key=test_key)
    by_type = {r.entity_type: result.text[r.output_start:r.output_end] for r in result.replacements}
    card = by_type["CREDIT_CARD"].replace(" ", "")
    assert luhn.is_valid(card) and len(card) == 16
    assert 51 <= int(card[:2]) <= 55 or 2221 <= int(card[:4]) <= 2720  # Mastercard IIN ranges
    assert by_type["CREDIT_CARD"].count(" ") == 3  # grouping kept
    number = phonenumbers.parse(by_type["PHONE_NUMBER"], None)
    assert phonenumbers.is_valid_number(number) and phonenumbers.region_code_for_number(number) == "US"
    assert by_type["PHONE_NUMBER"].startswith("+1 ") and by_type["PHONE_NUMBER"][6] == "-"
    # The e-mail uses the person's surrogate name and stays a free-mail address.
    import unicodedata

    def ascii_lower(word: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", word) if c.isascii() and c.isalpha()).lower()

    first, last = by_type["PERSON"].split()[0], by_type["PERSON"].split()[-1]
    email = by_type["EMAIL_ADDRESS"]
    assert email.split("@")[0].startswith(ascii_lower(first))
    assert email.split("@")[1] in {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com",
                                   "protonmail.com", "gmx.com", "mail.com", "live.com", "msn.com", "me.com",
                                   "ymail.com", "comcast.net"}
    assert ascii_lower(last) in email


def test_replacement_offsets_point_at_input_and_output(test_key):
    result = privsynth.scrub(EXAMPLE, key=test_key)
    for r in result.replacements:
        assert EXAMPLE[r.start:r.end] in {"John Smith", "john.smith@gmail.com", "+1 415-555-0132",
                                          "5425 2334 3010 9903"}
        surrogate = result.text[r.output_start:r.output_end]
        assert surrogate and surrogate != EXAMPLE[r.start:r.end]
    # Reassembling the input from the unreplaced gaps gives the output's gaps.
    gaps_in = [EXAMPLE[a.end:b.start] for a, b in zip(result.replacements, result.replacements[1:])]
    gaps_out = [result.text[a.output_end:b.output_start] for a, b in zip(result.replacements, result.replacements[1:])]
    assert gaps_in == gaps_out


def test_reprs_never_show_original_values(test_key):
    result = privsynth.scrub(EXAMPLE, key=test_key)
    shown = repr(result) + str(result) + "".join(repr(r) for r in result.replacements)
    for original in ORIGINALS:
        assert original not in shown
    assert "my-secret" not in repr(privsynth.Config(key="my-secret-passphrase"))


def test_scrubber_batch_is_lazy_and_ordered(scrubber):
    consumed = []

    def texts():
        for i in range(5):
            consumed.append(i)
            yield f"Document {i}: write to person{i}@example.org"

    batch = scrubber.scrub_batch(texts())
    assert consumed == []  # nothing read before the first result is asked for
    results = list(batch)
    assert len(results) == 5
    for i, r in enumerate(results):
        assert r.text.startswith(f"Document {i}: write to ")
        assert f"person{i}@example.org" not in r.text


def test_batch_and_single_give_the_same_text(scrubber):
    texts = [EXAMPLE, "Nothing personal here.", "", "Call Maria Garcia on 020 7946 0958."]
    assert [r.text for r in scrubber.scrub_batch(texts)] == [scrubber.scrub(t).text for t in texts]


def test_unknown_option_raises_config_error_listing_valid_ones():
    with pytest.raises(ConfigError) as info:
        privsynth.scrub("x", languag="en", key="tests-passphrase-k")
    message = str(info.value)
    assert "languag" in message and "did you mean 'language'" in message and "score_threshold" in message
    with pytest.raises(ConfigError):
        privsynth.Scrubber(bogus=1, key="tests-passphrase-k")


@pytest.mark.parametrize("options", [
    {"language": "xx"}, {"profile": "fancy"}, {"score_threshold": 2}, {"entities": ["NOT_A_TYPE"]},
    {"batch_size": 0}, {"date_shift": "never"},
])
def test_invalid_config_values_raise_config_error(options):
    with pytest.raises(ConfigError):
        privsynth.Config(**options)


def test_config_is_frozen():
    config = privsynth.Config(key="tests-passphrase-k")
    with pytest.raises(Exception):
        config.language = "ja"  # type: ignore[misc]


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["a list"]])
def test_non_text_input_raises_input_error(scrubber, bad):
    with pytest.raises(InputError) as info:
        scrubber.scrub(bad)
    assert isinstance(info.value, PrivsynthError)


def test_empty_and_whitespace_text(scrubber):
    assert scrubber.scrub("").text == ""
    assert scrubber.scrub("").replacements == ()
    assert scrubber.scrub("   \n ").text == "   \n "


def test_lone_surrogates_are_replaced_not_crashing(scrubber):
    text = "Mail john.doe@example.com \udcff now"
    result = scrubber.scrub(text)
    assert "\ufffd" in result.text and "john.doe@example.com" not in result.text
    result.text.encode("utf-8")  # always writable as UTF-8


def test_entities_option_limits_what_is_replaced(test_key):
    result = privsynth.scrub(EXAMPLE, key=test_key, entities=["EMAIL_ADDRESS"])
    assert [r.entity_type for r in result.replacements] == ["EMAIL_ADDRESS"]
    assert "John Smith" in result.text


def test_organization_is_detected_but_not_replaced_by_default(scrubber):
    assert "ORGANIZATION" not in privsynth.Config().entities
    result = scrubber.scrub("She works at Microsoft Corporation in Redmond.")
    assert "Microsoft Corporation" in result.text


def test_ner_off_keeps_structured_detection(test_key):
    result = privsynth.scrub(EXAMPLE, key=test_key, ner=False)
    types = {r.entity_type for r in result.replacements}
    assert {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"} <= types


def test_counts_and_annotations(scrubber):
    result = scrubber.scrub(EXAMPLE)
    assert result.counts() == {"PERSON": 1, "EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1, "CREDIT_CARD": 1}
    for a in result.annotations():
        assert set(a) == {"start", "end", "entity_type"}
        assert result.text[a["start"]:a["end"]]


def test_versions_name_the_model(scrubber):
    versions = scrubber.versions()
    assert versions["privsynth"] == privsynth.__version__
    assert "model:privsynth_en_ner" in versions


def test_missing_model_raises_model_error(test_key):
    from privsynth.errors import ModelError

    with pytest.raises(ModelError) as info:
        privsynth.Scrubber(key=test_key, spacy_model="xx_no_such_model").scrub("John Smith")
    assert "xx_no_such_model" in str(info.value)


@pytest.mark.parametrize("error", [
    privsynth.errors.ConfigError("bad option"), privsynth.errors.InputError("not text"),
    privsynth.errors.RecordError("bad_json", "record 3 is not JSON"),
])
def test_errors_survive_pickling(error):
    import pickle

    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == str(error) and str(again).count("[E0") == 1
    assert getattr(again, "reason", None) == getattr(error, "reason", None)
