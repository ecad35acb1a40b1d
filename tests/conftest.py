"""Shared fixtures: a pinned test key, one English Scrubber per session, and the shared eval data (if present)."""
from __future__ import annotations

from pathlib import Path

import pytest

TEST_KEY = "privsynth-test-key-not-secret"  # only ever used by the tests
EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


@pytest.fixture(scope="session")
def test_key() -> str:
    return TEST_KEY


@pytest.fixture(scope="session")
def scrubber():
    import privsynth

    return privsynth.Scrubber(language="en", key=TEST_KEY)


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    if not EVAL_DIR.is_dir():
        pytest.skip(f"labeled evaluation data not found at {EVAL_DIR} (it lives in the project's shared/ folder, "
                    "which a plain clone does not have)")
    return EVAL_DIR


@pytest.fixture(scope="session")
def factory():
    """A Scrubber per Config, built once per test session (the batch and CLI tests run many configs)."""
    from privsynth import Scrubber

    cache: dict = {}

    def make(config):
        if config not in cache:
            cache[config] = Scrubber(config)
        return cache[config]

    return make


def persons_found(model: str, cases: list[tuple[str, str]]) -> int:
    """How many ``(text, name)`` cases the NER of ``model`` covers (at least half of the name's characters) with
    PERSON findings: the measure the trained-model tests compare between a shipped model and its base."""
    from privsynth.detect.ner import NerDetector, load_pipeline

    detector = NerDetector(load_pipeline(model))
    hits = 0
    for (text, name), findings in zip(cases, detector.detect_batch([t for t, _ in cases])):
        a = text.index(name)
        b = a + len(name)
        covered = sum(min(b, f.end) - max(a, f.start) for f in findings
                      if f.entity_type == "PERSON" and f.start < b and a < f.end)
        hits += covered * 2 >= len(name)
    return hits
