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


def weights_of_two_builds(module: str, tmp_path: Path, *args: str) -> list[Path]:
    """Run the trainer ``python -m module --out DIR *args`` twice in fresh processes, without the caller's hash-seed
    and thread settings (the trainer must set them itself), and return the two output folders."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHASHSEED", "OMP_NUM_THREADS")}
    outs = []
    for run in ("a", "b"):
        out = tmp_path / run
        subprocess.run([sys.executable, "-m", module, "--out", str(out), *args], check=True, env=env,
                       capture_output=True)
        outs.append(out)
    return outs
