"""Cost per document of the Japanese NER choices: plain Presidio + ja_ginza, privsynth with ``spacy_model="ja_ginza"``
(the previous pipeline) and privsynth's default ``privsynth_ja_ner``, on the same texts, one process, alternating,
best of two rounds (the machine is shared).

    .venv/bin/python benchmarks/ja_ner_cost.py ../shared/eval/stockmark_ner_ja.dev_grouped.jsonl 300
"""
from __future__ import annotations

import json
import sys
import time


def main() -> int:
    from privsynth.evaluation.runner import make_system

    path, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 300
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()][:n]
    systems = {"presidio (ja_ginza)": make_system("presidio", "ja", model="ja_ginza"),
               "privsynth, spacy_model=ja_ginza": make_system("privsynth", "ja", spacy_model="ja_ginza"),
               "privsynth, privsynth_ja_ner (default)": make_system("privsynth", "ja", spacy_model="privsynth_ja_ner")}
    for system in systems.values():  # warm up: lazy model loads are not per-document cost
        for _ in system.run(texts[:5]):
            pass
    best: dict[str, float] = {}
    for _ in range(2):
        for name, system in systems.items():
            t = time.perf_counter()
            for _ in system.run(texts):
                pass
            best[name] = min(best.get(name, float("inf")), (time.perf_counter() - t) / len(texts) * 1000)
    print(f"{len(texts)} documents, {sum(map(len, texts)) / len(texts):.0f} characters on average")
    for name, ms in best.items():
        print(f"{name}: {ms:.1f} ms/doc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
