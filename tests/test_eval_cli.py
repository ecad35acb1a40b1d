"""``privsynth eval`` (the click command object) and the runners, on small subsets."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from privsynth.evaluation.cli import eval_command, markdown_table
from privsynth.evaluation.runner import PresidioSystem, PrivsynthSystem, evaluate_system, make_tldextract_offline

SHARED_EVAL = Path(os.environ.get("PRIVSYNTH_EVAL_DIR", Path(__file__).resolve().parents[1].parent / "shared" / "eval"))
SYNTH = SHARED_EVAL / "presidio_research_synth_v2.dev_grouped.jsonl"

DOCS = [
    {"id": "1", "text": "Write to john.smith@gmail.com or call (415) 555-0132.", "lang": "en", "source": "t",
     "spans": [{"start": 9, "end": 29, "label": "EMAIL_ADDRESS"}, {"start": 38, "end": 52, "label": "PHONE_NUMBER"}],
     "exhaustive": "all"},
    {"id": "2", "text": "Card 4111 1111 1111 1111 from 192.168.1.20.", "lang": "en", "source": "t",
     "spans": [{"start": 5, "end": 24, "label": "CREDIT_CARD"}, {"start": 30, "end": 42, "label": "IP_ADDRESS"}],
     "exhaustive": "all"},
]


@pytest.fixture()
def small_file(tmp_path: Path) -> Path:
    p = tmp_path / "small.jsonl"
    p.write_text("\n".join(json.dumps(d) for d in DOCS) + "\n")
    for d in DOCS:
        for s in d["spans"]:
            assert d["text"][s["start"]:s["end"]]
    return p


def test_tldextract_is_offline() -> None:
    import tldextract

    make_tldextract_offline()
    assert tldextract.extract("mail.example.co.uk").suffix == "co.uk"
    from tldextract import tldextract as mod

    assert mod.TLD_EXTRACTOR.suffix_list_urls == ()


def test_eval_json_privsynth_only(small_file: Path) -> None:
    result = CliRunner().invoke(eval_command, [str(small_file), "--lang", "en", "--json", "--no-ner",
                                               "--sensitivity", "balanced"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    (run,) = out["systems"]
    assert run["system"] == "privsynth" and run["docs"] == 2
    scores = run["scores"]
    assert scores["overall"]["gold"] == 4
    assert set(scores["families"]) >= {"EMAIL", "PHONE", "CREDIT_CARD", "IP"}
    assert scores["overall"]["recall_any"] == pytest.approx(1.0)  # structured IDs, no NER needed
    assert scores["overall"]["leak_rate"] == pytest.approx(0.0)


def test_eval_table_with_presidio_baseline(small_file: Path) -> None:
    result = CliRunner().invoke(eval_command, [str(small_file), "--baseline", "presidio", "--no-ner"])
    assert result.exit_code == 0, result.output
    for word in ("privsynth", "presidio", "overall", "docs/s", "speed ratio"):
        assert word in result.output


def test_eval_rejects_bad_file(tmp_path: Path) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text('{"text": 1}\n')
    result = CliRunner().invoke(eval_command, [str(p), "--lang", "en"])
    assert result.exit_code != 0 and "must be a string" in result.output


def test_both_systems_on_same_docs_and_markdown(small_file: Path) -> None:
    from privsynth.evaluation.dataset import load_labeled

    docs = load_labeled(small_file)
    runs = [evaluate_system(PrivsynthSystem("en", ner=False), docs), evaluate_system(PresidioSystem("en"), docs)]
    assert [r.docs for r in runs] == [2, 2]
    # plain Presidio finds the e-mail and the card; its output carries <ENTITY> placeholders
    assert runs[1].result.families["EMAIL"].recall == pytest.approx(1.0)
    md = markdown_table(runs)
    assert md.startswith("| family | gold | system |") and "**overall**" in md


@pytest.mark.skipif(not SYNTH.exists(), reason=f"shared evaluation data not found at {SYNTH} (check out ../shared)")
def test_synth_dev_subset_runs_with_ner() -> None:
    result = CliRunner().invoke(eval_command, [str(SYNTH), "--lang", "en", "--limit", "40", "--json"])
    assert result.exit_code == 0, result.output
    overall = json.loads(result.output)["systems"][0]["scores"]["overall"]
    assert overall["gold"] >= 30 and overall["recall_any"] > 0.5 and overall["precision"] is not None


def test_eval_misses_lists_errors(small_file: Path) -> None:
    result = CliRunner().invoke(eval_command, [str(small_file), "--no-ner", "--misses", "3"])
    assert result.exit_code == 0, result.output
    assert "privsynth" in result.output


def test_privsynth_runner_isolates_a_failing_document() -> None:
    from types import SimpleNamespace

    from privsynth.types import Replacement, ScrubResult

    class Fake:
        config = SimpleNamespace(batch_size=4)

        def scrub_batch(self, texts):
            texts = list(texts)
            if any("BAD" in t for t in texts):
                raise RuntimeError("boom")
            for t in texts:
                yield ScrubResult(t.upper(), (Replacement(0, 1, 0, 1, "PERSON", 1.0, "x"),), "en", len(t))

    system = object.__new__(PrivsynthSystem)
    system.scrubber = Fake()
    texts = ["a", "b", "BAD", "c", "d", "e"]
    preds = list(system.run(texts))
    assert [p.output for p in preds] == ["A", "B", "BAD", "C", "D", "E"]
    assert [len(p.spans) for p in preds] == [1, 1, 0, 1, 1, 1]
    assert system.failures == {"RuntimeError: boom": 1}
