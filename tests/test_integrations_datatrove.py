"""datatrove PipelineStep adapter: same output as scrub(), spans in metadata, the key never in executor.json."""
from __future__ import annotations

import logging

import pytest

pytest.importorskip("datatrove", reason="the datatrove adapter is optional: pip install datatrove")

from datatrove.data import Document  # noqa: E402

import privsynth  # noqa: E402
from privsynth.errors import RecordError  # noqa: E402
from privsynth.integrations._core import Job  # noqa: E402
from privsynth.integrations.datatrove import PrivsynthScrub  # noqa: E402

KEY = "privsynth-test-key-not-secret"
TEXTS = ["Hi, I'm John Smith (john.smith@gmail.com, +1 415-555-0132).", "", "Nothing personal here.",
         "Dr. Jane Doe lives at 12 Oak Street, Springfield."]


def _docs(texts=TEXTS):
    return [Document(text=t, id=str(i)) for i, t in enumerate(texts)]


def test_step_matches_scrub_and_records_spans():
    step = PrivsynthScrub(key=KEY, batch_size=2)
    out = list(step(_docs()))
    assert [d.id for d in out] == ["0", "1", "2", "3"]
    for doc, text in zip(out, TEXTS):
        expected = privsynth.scrub(text, key=KEY)
        assert doc.text == expected.text
        assert doc.metadata["privsynth_spans"] == expected.annotations()
    assert step.stats["total"].total == 4 and step.stats["forwarded"].total == 4
    assert step.stats["pii_PERSON"].total >= 2


def test_executor_json_and_logs_show_the_fingerprint_not_the_key(tmp_path):
    from datatrove.executor import LocalPipelineExecutor

    secret = "hunter2-datatrove-secret"
    collected: list[Document] = []

    def reader(data, rank: int = 0, world_size: int = 1):
        for i, text in enumerate(TEXTS):
            if i % world_size == rank:
                yield Document(text=text, id=f"{rank}-{i}")

    def sink(data, rank: int = 0, world_size: int = 1):
        collected.extend(data)
        yield from ()

    step = PrivsynthScrub(key=secret)
    LocalPipelineExecutor([reader, step, sink], tasks=2, workers=1, logging_dir=str(tmp_path / "logs")).run()
    assert sorted(d.text for d in collected) == sorted(privsynth.scrub(t, key=secret).text for t in TEXTS)
    files = [p for p in (tmp_path / "logs").rglob("*") if p.is_file()]
    assert any(p.name == "executor.json" for p in files)
    for path in files:
        content = path.read_text(errors="replace")
        assert secret not in content and secret.encode().hex() not in content
    assert step.job.fingerprint in (tmp_path / "logs" / "executor.json").read_text()


def test_a_failing_document_is_dropped_and_counted_or_raises_when_strict(monkeypatch, caplog):
    real = Job.scrubber

    class Poisoned:
        def __init__(self, engine):
            self.engine = engine

        def scrub_batch(self, texts):
            for text in texts:
                if "POISON" in text:
                    raise RuntimeError(text)
                yield self.engine.scrub(text)

        def scrub(self, text):
            if "POISON" in text:
                raise RuntimeError(text)
            return self.engine.scrub(text)

    monkeypatch.setattr(Job, "scrubber", lambda self: Poisoned(real(self)))
    texts = ["Call Ann Lee.", "POISON Ann Lee", "ok"]
    step = PrivsynthScrub(key=KEY)
    with caplog.at_level(logging.DEBUG):
        out = list(step(_docs(texts)))
    assert [d.id for d in out] == ["0", "2"] and step.stats["scrub_failed"].total == 1
    assert "POISON" not in caplog.text
    with pytest.raises(RecordError, match="Row 1 of rank 0 batch 0 could not be scrubbed"):
        list(PrivsynthScrub(key=KEY, strict=True)(_docs(texts)))
