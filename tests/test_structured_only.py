"""``structured_only``: values with a shape, found by the pattern recognizers alone (issue 14's fastest mode)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from faker import Faker

from privsynth import Config, Scrubber
from privsynth.cli import cli
from privsynth.detect import UNSTRUCTURED_ENTITIES
from privsynth.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("PRIVSYNTH_EVAL_DIR", ROOT.parent / "shared" / "eval"))
KEY = "structured-only-test-key-4f9a2c7e1b"


def _letter(fake: Faker) -> tuple[str, dict[str, str]]:
    values = {"PERSON": fake.name(), "EMAIL_ADDRESS": fake.email(), "PHONE_NUMBER": fake.numerify("415-555-01##"),
              "IP_ADDRESS": fake.ipv4_public(), "CREDIT_CARD": fake.credit_card_number("visa16"),
              "IBAN_CODE": fake.iban(), "US_SSN": fake.ssn()}
    text = (f"Dear {values['PERSON']}, write to {values['EMAIL_ADDRESS']} or call {values['PHONE_NUMBER']}. "
            f"The login came from {values['IP_ADDRESS']}; card {values['CREDIT_CARD']}, "
            f"IBAN {values['IBAN_CODE']}, SSN {values['US_SSN']}.")
    return text, values


def test_every_shaped_value_is_replaced_and_names_are_left_alone() -> None:
    fake = Faker("en_US")
    fake.seed_instance(4127)
    scrubber = Scrubber(structured_only=True, key=KEY)
    for _ in range(25):
        text, values = _letter(fake)
        out = scrubber.scrub(text).text
        for entity, value in values.items():
            if entity == "PERSON":
                assert value in out  # no shape: this mode does not look for names
            else:
                assert value not in out, entity


def test_it_finds_no_unstructured_type_and_runs_no_model() -> None:
    scrubber = Scrubber(structured_only=True, key=KEY)
    pipeline = scrubber._pipeline("en")
    assert pipeline.detector.ner is None and pipeline.config.ner is False
    assert not any(set(r.supported_entities) <= UNSTRUCTURED_ENTITIES for r in pipeline.detector.recognizers)
    fake = Faker("en_US")
    fake.seed_instance(9)
    texts = [f"{fake.name()} lives in {fake.city()}, {fake.country()}; mail {fake.email()}." for _ in range(20)]
    for found in scrubber.detect_batch(texts):
        assert found and not {f.entity_type for f in found} & UNSTRUCTURED_ENTITIES


def test_it_runs_on_japanese_text_too() -> None:
    scrubber = Scrubber(language="ja", structured_only=True, key=KEY)
    text = "連絡先は090-1234-5678、メールはtaro@example.jpです。"
    out = scrubber.scrub(text).text
    assert "090-1234-5678" not in out and "taro@example.jp" not in out


@pytest.mark.parametrize("options, needle", [
    ({"entities": ["PERSON", "EMAIL_ADDRESS"]}, "PERSON"),
    ({"sensitivity": "strict"}, "strict"),
    ({"detector": "transformers:some/model"}, "NER"),
])
def test_what_it_cannot_do_is_a_config_error(options, needle) -> None:
    with pytest.raises(ConfigError, match=needle):
        Config(structured_only=True, **options)


def test_it_must_be_a_bool() -> None:
    with pytest.raises(ConfigError, match="structured_only"):
        Config(structured_only="yes")  # type: ignore[arg-type]


def test_default_entities_are_the_shaped_ones_and_ner_is_off() -> None:
    config = Config(structured_only=True)
    plain = Config()
    assert config.ner is False
    assert set(config.entities) == set(plain.entities) - UNSTRUCTURED_ENTITIES
    assert "EMAIL_ADDRESS" in config.entities


def test_recall_on_shaped_types_matches_the_rule_based_mode_except_free_form_addresses() -> None:
    """On the presidio-research dev file (a development file), every shaped type but ADDRESS (whose free-form
    international shapes need the address rules) and DATE_TIME is found as often as by ``ner=False``."""
    path = EVAL / "presidio_research_synth_v2.dev_grouped.jsonl"
    if not path.exists():
        pytest.skip("evaluation data not present")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()][:400]
    texts = [d["text"] for d in docs]

    def recall(scrubber: Scrubber) -> dict[str, float]:
        hit: dict[str, int] = {}
        total: dict[str, int] = {}
        for doc, found in zip(docs, scrubber.detect_batch(texts)):
            for span in doc["spans"]:
                label = span["label"]
                if label in UNSTRUCTURED_ENTITIES or label in ("ADDRESS", "DATE_TIME", "TITLE"):
                    continue
                total[label] = total.get(label, 0) + 1
                hit[label] = hit.get(label, 0) + any(f.start < span["end"] and span["start"] < f.end for f in found)
        return {label: hit[label] / total[label] for label in total}

    structured = recall(Scrubber(structured_only=True, key=KEY))
    rules = recall(Scrubber(ner=False, key=KEY))
    assert set(structured) >= {"EMAIL_ADDRESS", "CREDIT_CARD", "PHONE_NUMBER", "URL"}
    for label, value in rules.items():
        assert structured[label] >= value - 0.02, label


def test_cli_flag_with_relative_entities_and_with_a_name_type() -> None:
    runner = CliRunner()
    fake = Faker("en_US")
    fake.seed_instance(77)
    email = fake.email()
    record = json.dumps({"text": f"Write to {email} before 03/15/2024."}) + "\n"
    env = {"PRIVSYNTH_KEY": KEY}
    result = runner.invoke(cli, ["detect", "-", "--structured-only", "--entities", "-DATE_TIME"], input=record,
                           env=env)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("{")]  # progress goes to stderr
    found = json.loads(lines[-1])["findings"]
    assert {f["entity_type"] for f in found} == {"EMAIL_ADDRESS"}
    result = runner.invoke(cli, ["detect", "-", "--structured-only", "--entities", "PERSON"], input=record, env=env)
    assert result.exit_code != 0 and "PERSON" in f"{result.output}{result.exception}"
