"""Hugging Face ``datasets`` adapter: real ``datasets``, ``num_proc=2``, cache fingerprints across processes."""
from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

datasets = pytest.importorskip("datasets")

import privsynth  # noqa: E402
from privsynth.errors import ConfigError  # noqa: E402
from privsynth.integrations._core import Job  # noqa: E402
from privsynth.integrations.hf import ScrubFunction, scrub_dataset  # noqa: E402

from conftest import TEST_KEY  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _texts(n: int = 8, seed: int = 12) -> list[str]:
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(seed)
    out = []
    for i in range(n):
        name = fake.name()
        out.append(f"Ticket {i}: {name} called from {fake.phone_number()} and wrote to {fake.email()}. "
                   f"{name.split()[0]} lives in {fake.city()}.")
    return out


def _expected(texts: list[str | None], **options) -> list[str | None]:
    return [None if t is None else privsynth.scrub(t, key=TEST_KEY, **options).text for t in texts]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


@pytest.mark.slow
def test_dataset_num_proc_2_identical_to_scrub(texts, tmp_path):
    values: list[str | None] = list(texts) + [None, ""]
    ds = datasets.Dataset.from_dict({"id": list(range(len(values))), "text": values,
                                     "note": [f"n{i}" for i in range(len(values))]})
    out = scrub_dataset(ds, "text", key=TEST_KEY, num_proc=2, batch_size=3, spans_column="pii_spans")
    assert list(out["text"]) == _expected(values)
    assert list(out["id"]) == list(ds["id"]) and list(out["note"]) == list(ds["note"])
    assert list(out.features) == ["id", "text", "note", "pii_spans"]
    for text, spans in zip(out["text"], out["pii_spans"]):
        if text is None:
            assert spans is None
            continue
        for span in spans:
            assert 0 <= span["start"] < span["end"] <= len(text)
    assert any(span["entity_type"] == "PERSON" for span in out["pii_spans"][0])
    for original, scrubbed in zip(texts, out["text"]):
        assert original.split(":")[1].split(" called")[0].strip() not in scrubbed


def test_dataset_dict_and_iterable(texts):
    dd = datasets.DatasetDict({"train": datasets.Dataset.from_dict({"text": texts[:5]}),
                               "test": datasets.Dataset.from_dict({"text": texts[5:]})})
    out = scrub_dataset(dd, ["text"], key=TEST_KEY)
    assert isinstance(out, datasets.DatasetDict)
    assert list(out["train"]["text"]) == _expected(texts[:5]) and list(out["test"]["text"]) == _expected(texts[5:])

    it = datasets.Dataset.from_dict({"text": texts, "k": list(range(len(texts)))}).to_iterable_dataset(num_shards=2)
    streamed = scrub_dataset(it, "text", key=TEST_KEY, batch_size=2, spans_column="spans")
    assert isinstance(streamed, datasets.IterableDataset)
    rows = list(streamed)
    assert [r["text"] for r in rows] == _expected(texts)
    assert [r["k"] for r in rows] == list(range(len(texts)))
    assert all(isinstance(r["spans"], list) for r in rows)


def test_bad_columns_and_values(texts):
    ds = datasets.Dataset.from_dict({"text": texts[:2], "n": [1, 2]})
    with pytest.raises(ConfigError, match="not found"):
        scrub_dataset(ds, "body", key=TEST_KEY)
    with pytest.raises(ConfigError, match="not text"):
        scrub_dataset(ds, "n", key=TEST_KEY)
    with pytest.raises(ConfigError, match="already exist"):
        scrub_dataset(ds, "text", key=TEST_KEY, spans_column="n")
    with pytest.raises(ConfigError, match="Dataset"):
        scrub_dataset({"text": texts}, "text", key=TEST_KEY)


def test_fingerprint_token_has_no_key_and_follows_options():
    from datasets.fingerprint import Hasher
    from datasets.utils._dill import dumps

    def fn(**options) -> ScrubFunction:
        return ScrubFunction(Job.create(**options), ("text",))

    base = fn(key=TEST_KEY)
    secret = base.job.config.key  # the key material the workers receive (a passphrase is stretched first)
    assert isinstance(secret, bytes) and len(secret) >= 16
    assert secret in pickle.dumps(base)  # sanity: the workers' pickle carries it ...
    assert secret not in dumps(base) and TEST_KEY.encode() not in dumps(base)  # ... the hashed pickle never does
    other = privsynth.Scrubber(key=TEST_KEY)
    assert other._key.secret not in dumps(other)
    assert Hasher.hash(base) == Hasher.hash(fn(key=TEST_KEY))
    assert Hasher.hash(base) != Hasher.hash(fn(key=TEST_KEY + "-other"))
    assert Hasher.hash(base) != Hasher.hash(fn(key=TEST_KEY, profile="reserved"))
    # what the workers receive does carry the key, and scrubs like the original
    clone = pickle.loads(pickle.dumps(base))
    assert clone == base and clone.job.fingerprint == base.job.fingerprint
    assert TEST_KEY not in repr(base)


def test_scrubber_pickles(scrubber, texts):
    import dill  # what datasets' num_proc workers (multiprocess) pickle a user's function with
    from datasets.fingerprint import Hasher
    from datasets.utils._dill import dumps

    clone = pickle.loads(pickle.dumps(scrubber))
    assert clone.key_fingerprint == scrubber.key_fingerprint
    assert [r.text for r in clone.scrub_batch(texts[:3])] == [r.text for r in scrubber.scrub_batch(texts[:3])]

    def fn(batch):  # a user's own map function closing over a Scrubber
        return {"text": [r.text for r in scrubber.scrub_batch(batch["text"])]}

    shipped = dill.loads(dill.dumps(fn, recurse=True))
    assert shipped({"text": texts[:2]}) == fn({"text": texts[:2]})
    assert scrubber._key.secret not in dumps(fn)  # the cache fingerprint of such a map never hashes the key
    assert Hasher.hash(fn) == Hasher.hash(fn)


_CACHE_RUN = textwrap.dedent("""
    import json, os, sys, warnings
    warnings.simplefilter("ignore")
    import datasets
    datasets.disable_progress_bars()
    from privsynth.integrations.hf import scrub_dataset
    data, cache = sys.argv[1], sys.argv[2]
    ds = datasets.load_dataset("json", data_files=data, cache_dir=cache, split="train")
    out = scrub_dataset(ds, "text", key=os.environ["PRIVSYNTH_TEST_KEY"], profile=sys.argv[3], ner=False)
    files = [f["filename"] for f in out.cache_files]
    print(json.dumps({"fp": out._fingerprint, "files": files, "mtimes": [os.stat(f).st_mtime_ns for f in files],
                      "text": list(out["text"])}))
""")


@pytest.mark.slow
def test_cache_fingerprint_stable_across_processes(texts, tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts[:4]), encoding="utf-8")
    env = {**os.environ, "PRIVSYNTH_TEST_KEY": TEST_KEY, "HF_DATASETS_OFFLINE": "1"}

    def run(profile: str) -> dict:
        proc = subprocess.run([sys.executable, "-c", _CACHE_RUN, str(data), str(tmp_path / "cache"), profile],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert TEST_KEY not in proc.stdout + proc.stderr
        return json.loads(proc.stdout.strip().splitlines()[-1])

    # Structured recognizers only (ner=False): the fingerprint does not depend on the model, and each process
    # starts faster. That other options or another key change the fingerprint is tested in-process above.
    first, second = run("realistic"), run("realistic")
    assert first["fp"] == second["fp"]
    assert first["files"] == second["files"] and first["mtimes"] == second["mtimes"]  # reused, not rewritten
    assert first["text"] == second["text"] == _expected(texts[:4], ner=False)
    cache_names = " ".join(p.name for p in (tmp_path / "cache").rglob("*"))
    assert TEST_KEY not in cache_names
