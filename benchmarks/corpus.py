"""A seeded, labelled English benchmark corpus generated with Faker (no real people).

Documents of mixed lengths — short posts, e-mails/paragraphs, multi-page reports — with personal data inserted
from templates, so the gold spans are exact. Written in the labelled JSONL format of ``../shared/eval/README.md``
(``source: "privsynth_bench_faker"``, every family marked exhaustively). Generated at run time; never committed.

The default corpus is dense (one gold span every ~145 bytes: a stress test for the per-span stages).
:func:`generate_sparse` writes web-page-like text of realistic density instead — long-form paragraphs with
about one personal value per kilobyte (``source: "privsynth_bench_faker_sparse"``) — reported next to the dense
figure, never instead of it.

    python benchmarks/corpus.py OUT.jsonl [--docs 2000] [--seed 20261125] [--sparse]
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Callable, Iterator

from faker import Faker

SOURCE = "privsynth_bench_faker"
SPARSE_SOURCE = "privsynth_bench_faker_sparse"

# Each template: text with {SLOT} markers; the slot name is the gold label.
TEMPLATES = (
    "Hi, I'm {PERSON} and you can reach me at {EMAIL_ADDRESS} or {PHONE_NUMBER}.",
    "{PERSON} moved to {ADDRESS} last year.",
    "Please charge my card {CREDIT_CARD} for the second instalment.",
    "Wire the refund to {IBAN_CODE}, account holder {PERSON}.",
    "The login from {IP_ADDRESS} on {DATE_TIME} was flagged as suspicious.",
    "More photos are on my blog at {URL} if anyone is interested.",
    "For the background check my SSN is {US_SSN}.",
    "{PERSON} was born on {DATE_TIME} in {LOCATION}.",
    "Dr. {PERSON} will see you on {DATE_TIME}.",
    "Ship it to {PERSON}, {ADDRESS}.",
    "Call {PERSON} at {PHONE_NUMBER} about the order.",
    "Posted by {PERSON} from {LOCATION}.",
    "Contact: {EMAIL_ADDRESS}",
    "{PERSON} ({EMAIL_ADDRESS}) wrote:",
    "Server {IP_ADDRESS} returned an error again.",
    "I met {PERSON} and {PERSON} at the conference in {LOCATION}.",
    "Thanks {PERSON}! Forwarding this to {EMAIL_ADDRESS}.",
    "Our office moved: {ADDRESS}, phone {PHONE_NUMBER}.",
    "Mrs. {PERSON} paid with {CREDIT_CARD} on {DATE_TIME}.",
    "lol {PERSON} just texted me from {PHONE_NUMBER}",
)


class _Values:
    def __init__(self, seed: int) -> None:
        self.us = Faker("en_US")
        self.gb = Faker("en_GB")
        self.us.seed_instance(seed)
        self.gb.seed_instance(seed + 1)
        self.rng = random.Random(seed)

    def fake(self) -> Faker:
        return self.gb if self.rng.random() < 0.2 else self.us

    def value(self, label: str) -> str:
        f = self.fake()
        r = self.rng
        if label == "PERSON":
            return f.name() if r.random() < 0.7 else (f.first_name() if r.random() < 0.5 else f.last_name())
        if label == "EMAIL_ADDRESS":
            return f.email()
        if label == "PHONE_NUMBER":
            return f.phone_number()
        if label == "ADDRESS":
            return f.address().replace("\n", ", ")
        if label == "LOCATION":
            return f.city()
        if label == "CREDIT_CARD":
            num = self.us.credit_card_number()
            if r.random() < 0.5 and len(num) == 16:
                num = " ".join(num[i:i + 4] for i in range(0, 16, 4))
            return num
        if label == "IBAN_CODE":
            return f.iban()
        if label == "IP_ADDRESS":
            return self.us.ipv4_public() if r.random() < 0.8 else self.us.ipv6()
        if label == "URL":
            return self.us.url() + r.choice(["", "about", "posts/" + str(r.randint(1, 999))])
        if label == "US_SSN":
            return self.us.ssn()
        if label == "DATE_TIME":
            d = self.us.date_between("-60y", "+1y")
            return d.strftime(r.choice(["%B %d, %Y", "%m/%d/%Y", "%Y-%m-%d", "%d %B %Y"]))
        raise KeyError(label)


def _pii_sentence(vals: _Values, template: str) -> tuple[str, list[dict]]:
    out, spans, pos = [], [], 0
    i = 0
    while i < len(template):
        j = template.find("{", i)
        if j < 0:
            out.append(template[i:])
            break
        out.append(template[i:j])
        pos += j - i
        k = template.index("}", j)
        label = template[j + 1:k]
        value = vals.value(label)
        spans.append({"start": pos, "end": pos + len(value), "label": label, "text": value})
        out.append(value)
        pos += len(value)
        i = k + 1
    return "".join(out), spans


def _document(vals: _Values, n_sentences: int, paragraph_every: int, pii_share: float) -> tuple[str, list[dict]]:
    parts: list[str] = []
    spans: list[dict] = []
    pos = 0
    for s in range(n_sentences):
        if s and paragraph_every and s % paragraph_every == 0:
            sep = "\n\n"
        elif s:
            sep = " "
        else:
            sep = ""
        parts.append(sep)
        pos += len(sep)
        if vals.rng.random() < pii_share:
            sent, sp = _pii_sentence(vals, vals.rng.choice(TEMPLATES))
            for x in sp:
                x["start"] += pos
                x["end"] += pos
            spans.extend(sp)
        else:
            sent = vals.us.sentence(nb_words=vals.rng.randint(6, 18))
        parts.append(sent)
        pos += len(sent)
    return "".join(parts), spans


def generate(n_docs: int = 2000, seed: int = 20261125) -> Iterator[dict]:
    """Yield ``n_docs`` labelled documents: 60 % short posts, 32 % e-mail-sized texts, 8 % multi-page reports."""
    vals = _Values(seed)
    kinds: list[tuple[str, Callable[[], tuple[str, list[dict]]]]] = [
        ("short", lambda: _document(vals, vals.rng.randint(1, 3), 0, 0.6)),
        ("medium", lambda: _document(vals, vals.rng.randint(6, 20), 4, 0.3)),
        ("long", lambda: _document(vals, vals.rng.randint(60, 200), 5, 0.2)),
    ]
    for i in range(n_docs):
        x = vals.rng.random()
        kind, make = kinds[0] if x < 0.60 else kinds[1] if x < 0.92 else kinds[2]
        text, spans = make()
        for sp in spans:
            assert text[sp["start"]:sp["end"]] == sp["text"]
        yield {"id": f"{SOURCE}-{i:05d}", "text": text, "lang": "en", "source": SOURCE, "spans": spans,
               "exhaustive": "all", "meta": {"kind": kind, "seed": seed}}


def generate_sparse(n_docs: int = 300, seed: int = 20261130) -> Iterator[dict]:
    """Yield ``n_docs`` labelled web-page-like documents: 40-160 sentences (3-12 KB) in paragraphs of five, one
    sentence in twenty-five carrying personal data (about one gold span per kilobyte)."""
    vals = _Values(seed)
    for i in range(n_docs):
        text, spans = _document(vals, vals.rng.randint(40, 160), 5, 0.04)
        for sp in spans:
            assert text[sp["start"]:sp["end"]] == sp["text"]
        yield {"id": f"{SPARSE_SOURCE}-{i:05d}", "text": text, "lang": "en", "source": SPARSE_SOURCE,
               "spans": spans, "exhaustive": "all", "meta": {"kind": "sparse", "seed": seed}}


def write_jsonl(path: str | Path, n_docs: int = 2000, seed: int = 20261125, sparse: bool = False) -> dict[str, int]:
    """Write the corpus (``sparse``: :func:`generate_sparse`); return its size (docs, chars, bytes, spans)."""
    stats = {"docs": 0, "chars": 0, "bytes": 0, "spans": 0}
    with open(path, "w", encoding="utf-8") as fh:
        for doc in (generate_sparse(n_docs, seed) if sparse else generate(n_docs, seed)):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            stats["docs"] += 1
            stats["chars"] += len(doc["text"])
            stats["bytes"] += len(doc["text"].encode("utf-8"))
            stats["spans"] += len(doc["spans"])
    return stats


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=None, help="default 20261125 (dense), 20261130 (--sparse)")
    ap.add_argument("--sparse", action="store_true", help="web-page density (generate_sparse) instead of dense")
    a = ap.parse_args()
    print(write_jsonl(a.out, a.docs, a.seed if a.seed is not None else 20261130 if a.sparse else 20261125, a.sparse))
