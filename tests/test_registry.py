"""The registry: entity types come from recognizer files, finders and NER label maps; generators from
registrations. A new YAML recognizer with a new type is detected, accepted by Config and replaced — no Python."""
from __future__ import annotations

import re

import pytest

import privsynth
from privsynth import registry
from privsynth.errors import ConfigError
from privsynth.surrogates import GENERATOR_VERSIONS
from privsynth.surrogates.catalog import REGISTRATIONS

from conftest import TEST_KEY

RECOGNIZER = """\
name: loyalty_card
supported_entity: LOYALTY_CARD
supported_languages: [en]
description: A shop's loyalty card number (made up for this test).
patterns:
  - name: loyalty_card
    regex: '\\bLC-\\d{6}\\b'
    score: 0.6
context: [loyalty, card]
examples:
  match: ["LC-482913"]
  reject: ["LC-12"]
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("recognizers")
    (path / "loyalty_card.yaml").write_text(RECOGNIZER, encoding="utf-8")
    return path


def test_new_yaml_type_is_known_only_with_its_folder(folder):
    assert "LOYALTY_CARD" not in registry.entity_types()
    assert "LOYALTY_CARD" in registry.entity_types("en", [folder])
    assert "LOYALTY_CARD" not in registry.entity_types("ja", [folder])  # the file supports English only
    with pytest.raises(ConfigError, match="LOYALTY_CARD"):
        privsynth.Config(entities=["LOYALTY_CARD"])
    assert privsynth.Config(entities=["LOYALTY_CARD"], recognizers=[str(folder)]).entities == ("LOYALTY_CARD",)


def test_new_type_joins_the_defaults(folder):
    assert "LOYALTY_CARD" in privsynth.Config(recognizers=[folder]).entities
    later = privsynth.Config.from_options(privsynth.Config(), recognizers=[folder])
    assert "LOYALTY_CARD" in later.entities
    chosen = privsynth.Config.from_options(privsynth.Config(entities=["PERSON"]), recognizers=[folder])
    assert chosen.entities == ("PERSON",)  # an explicit choice stays as it was


def test_new_type_is_replaced_by_a_keyed_same_shape_surrogate(folder):
    scrubber = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False, recognizers=[folder])
    first = scrubber.scrub("My loyalty card is LC-482913, thanks.")
    again = scrubber.scrub("Please update card LC-482913 for me.")
    assert "LC-482913" not in first.text and "LC-482913" not in again.text
    (rep,) = [r for r in first.replacements if r.entity_type == "LOYALTY_CARD"]
    surrogate = first.text[rep.start:rep.end]
    assert re.fullmatch(r"[A-Z]{2}-\d{6}", surrogate)
    assert surrogate in again.text  # consistent across documents
    other = privsynth.Scrubber(language="en", key="another-registry-test-key", ner=False, recognizers=[folder])
    assert surrogate not in other.scrub("My loyalty card is LC-482913, thanks.").text


def test_unknown_entity_names_get_a_suggestion():
    with pytest.raises(ConfigError, match="did you mean 'PHONE_NUMBER'"):
        privsynth.Config(entities=["PHONE_NUMBR"])


def test_registry_lists_what_the_code_emits():
    types = set(registry.entity_types())
    assert {"PERSON", "ORGANIZATION", "NRP", "CASE_NUMBER", "JP_MY_NUMBER"} <= types
    assert not {"ORGANIZATION", "NRP"} & set(registry.default_entities())
    assert {r.entity for r in REGISTRATIONS} <= types  # no generator for a type nothing detects
    assert registry.get_recognizers("ja", ["JP_MY_NUMBER"])
    assert all(r.supported_entities == ["JP_MY_NUMBER"] for r in registry.get_recognizers("ja", ["JP_MY_NUMBER"]))


def test_generators_and_manifest_versions_come_from_the_registrations():
    assert registry.generator_for("PHONE_NUMBER", "ja") == "ja.phone.v1"
    assert registry.generator_for("PHONE_NUMBER", "en") == "contact.phone.v1"
    assert registry.generator_for("LOYALTY_CARD", "en") == "ids.generic.v1"
    assert registry.generators("ja")["DATE_TIME"].startswith("ja.date_time.")
    assert "ja.v1" in GENERATOR_VERSIONS == registry.generator_versions()
    versions = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False).versions()
    assert versions["generators"].split(",") == list(GENERATOR_VERSIONS)
