"""One long text over several processes (privsynth.batch.longtext): the model's pieces in worker processes, the
rest in the parent — the same text and findings as one process, with names linked across pieces."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from faker import Faker

import privsynth
from privsynth import Scrubber
from privsynth.batch import ParallelScrubber
from privsynth.errors import InputError

pytestmark = pytest.mark.slow

KEY = "privsynth-long-test-key-0003"
SRC = str(Path(privsynth.__file__).resolve().parents[1])


def _long_text(paragraphs: int, seed: int) -> tuple[str, list[str]]:
    """Made-up letters in which a few people come back in every part of the text (full name, surname, Mr./Ms.)."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    people = [fake.name() for _ in range(6)]
    parts = []
    for i in range(paragraphs):
        who = people[i % len(people)]
        last = who.split()[-1]
        parts.append(f"{who} wrote to {fake.free_email()} on {fake.date()}. Call {last} at {fake.phone_number()}; "
                     f"Mr. {last} lives at {fake.address().replace(chr(10), ', ')}. {fake.paragraph(6)}")
    return "\n\n".join(parts), people


@pytest.fixture(scope="module")
def parallel():
    with ParallelScrubber(workers=2, language="en", key=KEY) as ps:
        yield ps


def test_two_processes_give_the_one_process_text_and_findings(parallel) -> None:
    text, people = _long_text(220, seed=31)
    assert len(text) > 3 * 20_000  # several model pieces, so the pieces really go to both workers
    one = Scrubber(language="en", key=KEY)
    expected = one.scrub(text)
    got = parallel.scrub(text)
    assert got.text == expected.text
    assert got.replacements == expected.replacements
    assert parallel.detect(text) == one.detect(text)
    # the parent never loaded the model: the named entities came from the workers
    assert parallel.scrubber._pipelines["en"].detector._ner is None
    # a person of the first piece keeps one surrogate in the last piece
    first, last = got.text[:20_000], got.text[-20_000:]
    assert not any(p in got.text for p in people)
    surrogate = next(got.text[r.output_start:r.output_end] for r in got.replacements if r.entity_type == "PERSON")
    assert surrogate in first and surrogate in last


def test_batch_of_texts_and_bad_input(parallel) -> None:
    texts = [_long_text(30, seed=s)[0] for s in (1, 2)] + ["", "Email jane.roe@example.org please."]
    one = Scrubber(language="en", key=KEY)
    assert [r.text for r in parallel.scrub_batch(texts)] == [r.text for r in one.scrub_batch(texts)]
    with pytest.raises(InputError):
        parallel.scrub(b"bytes are not text")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        list(parallel.scrub_batch("one string"))


def test_cli_splits_a_long_record_over_the_workers_with_the_same_output(tmp_path: Path) -> None:
    long_text, people = _long_text(120, seed=5)
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": 1, "text": "Hi, I'm Dana Whitfield (dana.w@example.net)."}),
             json.dumps({"id": 2, "text": long_text}),
             json.dumps({"id": 3, "text": 17}),  # not text: quarantined, as without splitting
             json.dumps({"id": 4, "text": "Ring 555-0134 for " + people[0] + "."})]
    src.write_text("\n".join(lines) + "\n")
    key = tmp_path / "k.key"
    key.write_text(KEY)
    key.chmod(0o600)
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("PRIVSYNTH_KEY", None)
    outs = {}
    for workers in (1, 2):
        out = tmp_path / f"out{workers}.jsonl"
        res = subprocess.run([sys.executable, "-m", "privsynth.cli", "scrub", str(src), "-o", str(out), "--key-file",
                              str(key), "--workers", str(workers), "--split-above", "20K", "--annotations",
                              "-q"], env=env, capture_output=True, text=True, timeout=600)
        assert res.returncode == 1, res.stderr  # 1: a record was quarantined
        quarantined = [json.loads(x) for x in Path(str(out) + ".quarantine.jsonl").read_text().splitlines()]
        assert [(q["line"], q["reason"]) for q in quarantined] == [(3, "not_a_string")]
        outs[workers] = out.read_bytes()
    assert outs[1] == outs[2]
    records = [json.loads(x) for x in outs[2].decode().splitlines()]
    assert [r["id"] for r in records] == [1, 2, 4]
    assert not any(p in records[1]["text"] for p in people)
