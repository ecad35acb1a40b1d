"""The benchmark's Faker corpus: seeded, labelled, exact offsets, mixed lengths."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from privsynth.evaluation.dataset import load_labeled

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus.py"


@pytest.fixture(scope="module")
def corpus():
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not found")
    spec = importlib.util.spec_from_file_location("bench_corpus", CORPUS)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def test_seeded_and_exact(corpus, tmp_path: Path) -> None:
    a = list(corpus.generate(60, seed=7))
    assert a == list(corpus.generate(60, seed=7))
    assert a != list(corpus.generate(60, seed=8))
    kinds = {d["meta"]["kind"] for d in a}
    assert {"short", "medium"} <= kinds
    for d in a:
        for s in d["spans"]:
            assert d["text"][s["start"]:s["end"]] == s["text"]
    path = tmp_path / "c.jsonl"
    stats = corpus.write_jsonl(path, 60, seed=7)
    assert stats["docs"] == 60 and stats["spans"] == sum(len(d["spans"]) for d in a)
    docs = load_labeled(path)  # readable by the evaluation reader, offsets validated
    assert docs[0].exhaustive == "all" and json.loads(path.read_text().splitlines()[0])["source"] == corpus.SOURCE
