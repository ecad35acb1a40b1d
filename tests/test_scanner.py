"""The Hyperscan pattern scanner finds exactly what running every recognizer pattern finds; the stage timer."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from privsynth.detect.recognizers import load_recognizers
from privsynth.detect.scanner import PatternScanner
from privsynth.lexicon.fold import fold_width
from privsynth.timing import clock, stage_timer

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("PRIVSYNTH_EVAL_DIR", ROOT.parent / "shared" / "eval"))
DEV_FILES = {"en": ("presidio_research_synth_v2.dev_grouped.jsonl", "wnut17_test.dev.jsonl"),
             "ja": ("stockmark_ner_ja.dev_grouped.jsonl",)}
SAMPLES = {"en": ("sample_en.txt", "sample_en.csv", "sample_en.jsonl"), "ja": ("sample_ja.jsonl",)}

pytest.importorskip("hyperscan")


def _texts(language: str, recognizers) -> list[str]:
    texts = [e.text for r in recognizers for e in r.examples_match]
    texts += [t for r in recognizers for t in r.examples_reject]
    for name in SAMPLES[language]:
        path = ROOT / "examples" / name
        texts.append(path.read_text(encoding="utf-8"))
        if path.suffix == ".jsonl":
            texts += [json.loads(line).get("text", "") for line in path.read_text(encoding="utf-8").splitlines()]
    for name in DEV_FILES[language]:  # read at test time; nothing from these files is stored in the repo
        path = EVAL / name
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                texts += [json.loads(line)["text"] for _, line in zip(range(300), fh)]
    return [t for t in texts if isinstance(t, str)]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_scanner_finds_what_every_pattern_finds(language: str) -> None:
    recognizers = load_recognizers((language,))
    fast, legacy = PatternScanner(recognizers), PatternScanner(recognizers, engine="legacy")
    assert fast.engine == "hyperscan" and legacy.engine == "legacy"
    texts = _texts(language, recognizers)
    assert len(texts) > 100
    skipped = 0
    for text in texts:
        folded = fold_width(text)
        lowered = folded.lower()
        assert fast.find(text, folded, lowered) == legacy.find(text, folded, lowered), \
            f"findings differ on a text of {len(text)} chars"
        selected = fast.candidates(folded)
        skipped += sum(len(r._compiled) for r in recognizers) - sum(len(p) for p in selected.values())
    assert skipped > len(texts)  # the scan does skip patterns (on average more than one per text)


def test_scanner_on_text_hyperscan_cannot_take() -> None:
    recognizers = load_recognizers(("en",))
    scanner = PatternScanner(recognizers)
    text = "mail ana@example.org \ud800 now"  # a lone surrogate is not UTF-8: every pattern runs
    assert scanner.candidates(text) is None
    assert [f.entity_type for f in scanner.find(text)] == ["EMAIL_ADDRESS"]


def test_stage_timer_collects_each_stage_only_when_active(factory, test_key) -> None:
    from privsynth.config import Config

    scrubber = factory(Config(language="en", ner=False, key=test_key))
    text = "Write to ana.lopez@example.org or call +1 212 555 0182, said Ana Lopez."
    assert clock() is None
    with stage_timer() as times:
        out = list(scrubber.scrub_batch([text] * 3))
    assert "ana.lopez@example.org" not in out[0].text
    assert {"patterns", "gazetteers", "resolve", "surrogates", "render"} <= set(times.seconds)
    assert all(seconds >= 0 for seconds in times.seconds.values())
    assert "| patterns |" in times.table(wall=sum(times.seconds.values()) + 1.0)
    assert clock() is None
