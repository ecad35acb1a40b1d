"""Accuracy floors on the shared development data, so that detection regressions fail the build.

Measured at the time of writing (`python -m pytest tests/test_accuracy.py -s` prints the numbers): recall of any
PII type 0.952 and leak rate 0.038 on presidio_research_synth_v2.dev_grouped; structured identifiers 1.000;
WNUT-17 PERSON recall 0.57.
The floors sit a little below, to absorb model noise, not to invite regressions.
"""
from __future__ import annotations

import json

import pytest

NOT_PII = {"ORGANIZATION", "TITLE", "NRP", "MISC", "OPTIONAL", "PRODUCT", "EVENT", "FACILITY", "CREATIVE_WORK",
           "GROUP", "CORPORATION", "WORK_OF_ART"}
STRUCTURED = {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS", "US_SSN"}


def _score(docs, results):
    found = total = leaked = long_golds = 0
    structured_found = structured_total = 0
    for doc, result in zip(docs, results):
        covered = [False] * len(doc["text"])
        for r in result.replacements:
            covered[r.start:r.end] = [True] * (r.end - r.start)
        for span in doc["spans"]:
            if span["label"] in NOT_PII:
                continue
            hit = sum(covered[span["start"]:span["end"]]) * 2 >= span["end"] - span["start"]
            total += 1
            found += hit
            if span["label"] in STRUCTURED:
                structured_total += 1
                structured_found += hit
            if len(span["text"]) >= 3:
                long_golds += 1
                leaked += span["text"] in result.text
    return found / total, structured_found / max(1, structured_total), leaked / max(1, long_golds)


def test_synthetic_dev_set_recall_and_leak_floor(eval_dir, scrubber):
    docs = [json.loads(line) for line in (eval_dir / "presidio_research_synth_v2.dev_grouped.jsonl").open()]
    recall, structured, leak = _score(docs, scrubber.scrub_batch(d["text"] for d in docs))
    print(f"recall-any={recall:.3f} structured={structured:.3f} leak={leak:.3f}")
    assert recall >= 0.94
    assert structured >= 0.99
    assert leak <= 0.05


def test_wnut17_person_recall_floor(eval_dir, scrubber):
    docs = [json.loads(line) for line in (eval_dir / "wnut17_test.dev.jsonl").open()]
    docs = [d for d in docs if d["lang"] == "en"]
    recall, _, _ = _score([{**d, "spans": [s for s in d["spans"] if s["label"] == "PERSON"]} for d in docs],
                          scrubber.scrub_batch(d["text"] for d in docs)) if docs else (0, 0, 0)
    print(f"wnut17 person recall={recall:.3f}")
    assert recall >= 0.54
