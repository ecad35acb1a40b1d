"""Allow/deny lists and users' recognizers (folders of YAML, Presidio EntityRecognizer objects)."""
from __future__ import annotations

import json

import pytest
from faker import Faker
from presidio_analyzer import Pattern, PatternRecognizer

import privsynth
from privsynth.errors import ConfigError

from conftest import TEST_KEY

fake = Faker("en_US")
Faker.seed(1313)


def test_deny_terms_always_replaced_with_their_type():
    term = "Zorblax"  # a made-up word no recognizer finds
    text = f"The ticket was closed by {term} yesterday; {term.lower()} agreed."
    plain = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False)
    assert term in plain.scrub(text).text
    for deny in ({"PERSON": [term]}, [(term, "PERSON")]):
        result = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False, deny=deny).scrub(text)
        assert term.casefold() not in result.text.casefold()
        assert [r.entity_type for r in result.replacements] == ["PERSON", "PERSON"]
        assert {r.recognizer for r in result.replacements} == {"deny_list"}


def test_deny_replaces_even_types_not_in_entities_and_whole_words_only():
    text = "Project Quux and Quuxland are separate."
    s = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False, entities=["EMAIL_ADDRESS"],
                           deny={"ORGANIZATION": ["Quux"]})
    out = s.scrub(text)
    assert len(out.replacements) == 1 and out.replacements[0].entity_type == "ORGANIZATION"
    assert "Quuxland" in out.text


def test_allow_terms_never_replaced():
    email = fake.email()
    other = fake.email()
    text = f"Write to {email} or {other}."
    s = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False, allow=[email.upper()])
    out = s.scrub(text).text
    assert email in out and other not in out


def test_allow_keeps_a_name_ner_finds(scrubber):
    name = "Harriet Okonkwo-Lindqvist"
    text = f"Yesterday {name} met Dr. Paul Gutierrez in Chicago. {name} was late."
    assert name not in scrubber.scrub(text).text  # found by default
    s = privsynth.Scrubber(language="en", key=TEST_KEY, allow=[name, "Chicago"])
    out = s.scrub(text).text
    assert out.count(name) == 2 and "Chicago" in out and "Gutierrez" not in out


def test_policy_errors_name_the_option_and_never_the_term():
    with pytest.raises(ConfigError, match="allow"):
        privsynth.Config(allow=[3])
    with pytest.raises(ConfigError, match=r"deny.*PERSON"):
        privsynth.Config(deny={"PERSON": "Zorblax"})
    with pytest.raises(ConfigError, match="upper-case") as err:
        privsynth.Config(deny=[("Zorblax", "person")])
    assert "Zorblax" not in str(err.value)
    with pytest.raises(ConfigError, match="locale_dirs"):
        privsynth.Config(locale_dirs=["/no/such/folder"])


def test_manifest_options_count_deny_terms_without_quoting_them():
    config = privsynth.Config(deny={"PERSON": ["Zorblax", "Quux"]}, allow=["Acme"])
    options = config.public_options()
    assert options["deny"] == {"PERSON": 2} and options["allow"] == ("Acme",)
    assert "Zorblax" not in json.dumps(options, default=str)


def test_presidio_recognizer_objects_run_and_replace():
    loyalty = PatternRecognizer(supported_entity="LOYALTY_ID", name="loyalty",
                                patterns=[Pattern("loyalty", r"\bLOY-\d{6}\b", 0.9)])
    text = "Card LOY-482913 was used twice."
    s = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False, recognizers=[loyalty])
    assert s.config.recognizers == () and s.config.recognizer_objects == (loyalty,)
    out = s.scrub(text)
    assert "LOY-482913" not in out.text
    assert [(r.entity_type, r.recognizer) for r in out.replacements] == [("LOYALTY_ID", "loyalty")]
    # from_options keeps the objects; the manifest names them by class and type
    again = privsynth.Config.from_options(s.config, language="en")
    assert again.recognizer_objects == (loyalty,)
    assert again.public_options()["recognizer_objects"] == ["PatternRecognizer(LOYALTY_ID)"]
    with pytest.raises(ConfigError, match="EntityRecognizer"):
        privsynth.Config(recognizers=[42])


def test_user_yaml_errors_name_file_and_field(tmp_path):
    bad = tmp_path / "bad_loyalty.yaml"
    bad.write_text("name: loyalty\nsupported_entity: LOYALTY_ID\nsupported_languages: [en]\npatterns:\n"
                   "  - name: p\n    regex: '(unclosed'\n    score: 0.8\n", encoding="utf-8")
    s = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False, recognizers=[str(tmp_path)])
    with pytest.raises(ConfigError) as err:
        s.scrub("Card LOY-1.")
    assert "bad_loyalty.yaml" in str(err.value) and "regex" in str(err.value)


def _run_cli(args, factory):
    from click.testing import CliRunner

    from privsynth.cli import run_cli
    with CliRunner().isolation() as (out, err, _):
        code = run_cli([str(a) for a in args], obj={"scrubber_factory": factory})
    return code, out.getvalue(), err.getvalue().decode("utf-8", "replace")


def test_cli_flags_and_policy_file_reach_the_output_and_manifest(factory, tmp_path):
    key = tmp_path / "k.key"
    key.write_text(TEST_KEY + "\n")
    key.chmod(0o600)
    email, card = fake.email(), fake.credit_card_number(card_type="visa16")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": f"Zorblax wrote from {email}; card {card}. Keep Acme."}) + "\n")
    policy = tmp_path / "policy.yaml"
    policy.write_text("operators:\n  CREDIT_CARD: redact\ndeny:\n  PERSON: [Zorblax]\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = _run_cli(["scrub", src, "-o", out, "--key-file", key, "--no-ner", "--policy", policy,
                             "--operator", "EMAIL_ADDRESS=mask", "--allow", "Acme"], factory)
    assert code == 0, err
    text = json.loads(out.read_text())["text"]
    assert "Zorblax" not in text and "[CREDIT_CARD]" in text and "".join(
        "*" if c.isalnum() else c for c in email) in text and "Acme" in text
    manifest = (tmp_path / "out.jsonl.manifest.json").read_text()
    options = json.loads(manifest)["options"]
    assert options["operators"] == {"CREDIT_CARD": "redact", "EMAIL_ADDRESS": "mask"}
    assert options["deny"] == {"PERSON": 1} and "Zorblax" not in manifest
    bad = tmp_path / "bad.yaml"
    bad.write_text("operators:\n  CREDIT_CARD: blur\n", encoding="utf-8")
    code, _, err = _run_cli(["scrub", src, "-o", out, "--key-file", key, "--policy", bad], factory)
    assert code != 0 and "bad.yaml" in err and "blur" in err
    code, _, err = _run_cli(["scrub", src, "-o", out, "--key-file", key, "--deny", "Zorblax"], factory)
    assert code != 0 and "TYPE=TERM" in err
