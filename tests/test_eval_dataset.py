"""The labelled-JSONL reader, on temporary files and (when present) on the shared dev files."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from privsynth.evaluation.dataset import DatasetError, iter_labeled, load_labeled
from privsynth.evaluation.scoring import Span

SHARED_EVAL = Path(os.environ.get("PRIVSYNTH_EVAL_DIR", Path(__file__).resolve().parents[1].parent / "shared" / "eval"))
needs_shared = pytest.mark.skipif(
    not SHARED_EVAL.is_dir(),
    reason=f"shared evaluation data not found at {SHARED_EVAL} (set PRIVSYNTH_EVAL_DIR or check out ../shared)")
DEV_FILES = ("presidio_research_synth_v2.dev_grouped.jsonl", "wnut17_test.dev.jsonl",
             "stockmark_ner_ja.dev_grouped.jsonl", "ud_ja_gsd_ne_test.dev.jsonl")


def _write(tmp_path: Path, *records: object) -> Path:
    p = tmp_path / "x.jsonl"
    p.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return p


def test_reads_records_spans_and_defaults(tmp_path: Path) -> None:
    p = _write(tmp_path,
               {"id": "a", "text": "Hi Bob", "lang": "en", "source": "s",
                "spans": [{"start": 3, "end": 6, "label": "PERSON", "text": "Bob"}], "exhaustive": "all"},
               "",
               {"text": "nothing here", "spans": []})
    docs = load_labeled(p)
    assert [d.id for d in docs] == ["a", "x.jsonl:3"]
    assert docs[0].spans == (Span(3, 6, "PERSON"),) and docs[0].exhaustive == "all" and docs[0].lang == "en"
    assert docs[1].source == "x"  # file name stem when the record names no source
    assert len(load_labeled(p, limit=1)) == 1


def test_reads_conformance_style_expected_spans(tmp_path: Path) -> None:
    p = _write(tmp_path, {"text": "121000358", "expected_spans": [{"start": 0, "end": 9, "label": "ABA_ROUTING_NUMBER"}]})
    assert load_labeled(p)[0].spans == (Span(0, 9, "ABA_ROUTING_NUMBER"),)


@pytest.mark.parametrize("record, message", [
    ("{not json", "not valid JSON"),
    ({"text": 3}, "'text' must be a string"),
    ({"text": "abc", "spans": [{"start": 0, "end": 9, "label": "X"}]}, "outside the text"),
    ({"text": "abc", "spans": [{"start": 0, "end": 2, "label": "X", "text": "bc"}]}, "does not match"),
    ({"text": "abc", "spans": [{"start": 0}]}, "needs integer start/end"),
])
def test_bad_records_name_file_and_line(tmp_path: Path, record: object, message: str) -> None:
    p = _write(tmp_path, {"text": "ok"}, record)
    with pytest.raises(DatasetError, match=message) as info:
        load_labeled(p)
    assert "x.jsonl:2" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such file"):
        list(iter_labeled(tmp_path / "nope.jsonl"))


@needs_shared
@pytest.mark.parametrize("name", DEV_FILES)
def test_shared_dev_files_read_and_offsets_hold(name: str) -> None:
    path = SHARED_EVAL / name
    if not path.exists():
        pytest.skip(f"{path} is absent")
    docs = load_labeled(path)  # validates every span against its text
    assert docs and all(d.lang in ("en", "ja") for d in docs)
