"""privsynth as a datatrove PipelineStep: read the sample JSONL, scrub `text`, print the result.

    .venv/bin/pip install datatrove && .venv/bin/python examples/etl_datatrove.py
"""
import json
import os
import secrets
from pathlib import Path

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor

from privsynth.integrations.datatrove import PrivsynthScrub

SAMPLE = Path(__file__).with_name("sample_en.jsonl")


def read_sample(data, rank: int = 0, world_size: int = 1):
    with SAMPLE.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % world_size == rank and i < 6:
                record = json.loads(line)
                yield Document(text=record["text"], id=str(record.get("id", i)))


def show(data, rank: int = 0, world_size: int = 1):
    for doc in data:
        print(f"[rank {rank}] {doc.id}: {doc.text[:160]}")
        yield doc


if __name__ == "__main__":
    key = os.environ.get("PRIVSYNTH_KEY") or secrets.token_hex(32)
    LocalPipelineExecutor([read_sample, PrivsynthScrub(key=key), show], tasks=2, workers=2,
                          logging_dir="/tmp/privsynth-datatrove-logs").run()
