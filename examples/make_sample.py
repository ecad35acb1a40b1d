"""Generate the bundled demo corpus (and, with ``--records``/``--out``, larger benchmark corpora).

Every value is made up by Faker from a fixed seed: no real person is in these files.

    python examples/make_sample.py                       # rewrites examples/sample_en.jsonl (+ .csv, .txt, sample_ja.jsonl)
    python examples/make_sample.py --records 400000 --out /tmp/big.jsonl    # a ~200 MB corpus for measuring
"""
from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

from faker import Faker

HERE = Path(__file__).resolve().parent

TEMPLATES = [
    "Hi, I'm {name} ({email}, {phone}). Please send the invoice to {address}.",
    "Posted by {name} on {date}: my order still hasn't arrived. Call me at {phone} or mail {email}.",
    "Dear {name}, your card {card} was charged on {date}. Questions? Reply to {email}.",
    "{name} wrote: I moved to {city} last year; new address is {address}. Old number {phone} is dead.",
    "Meeting notes {date}: {name} and {name2} agreed to follow up. Contact {name2} via {email2}.",
    "Server log: login failed for user @{user} from {ip} at {date}.",
    "Patient {name}, age {age}, seen on {date}. Next appointment: call {phone}.",
    "Thanks {first}! Wire the deposit to IBAN {iban} and text me at {phone}. - {name2}",
    "Review: great hotel in {city}, the manager {name} was lovely. Would stay again.",
    "No personal data in this one: the weather was fine and the train was on time.",
]


TEMPLATES_JA = [
    "{name}さん、ご注文ありがとうございます。お届け先：{address}。ご不明な点は{phone}までお電話ください。",
    "投稿者：{name}（{email}）。{date}に購入した商品がまだ届きません。至急確認をお願いします。",
    "{name}様　カード番号{card}で{date}にお支払いを確認しました。お問い合わせは{email}へ。",
    "会議メモ：{name}さんと{name2}さんが来週フォローアップします。連絡先は{email2}です。",
    "{name}です。{city}に引っ越しました。新しい住所は{address}、電話は{phone}です。",
    "今日は天気が良く、電車も時間通りでした。個人情報はありません。",
]


def record_ja(fake: Faker, rng: random.Random, i: int) -> dict:
    values = {
        "name": fake.last_name() + fake.first_name(), "name2": fake.last_name() + fake.first_name(),
        "email": fake.free_email(), "email2": fake.company_email(), "phone": fake.phone_number(),
        "address": fake.address().replace("\n", " "), "city": fake.city(),
        "date": fake.date(pattern="%Y年%m月%d日"), "card": fake.credit_card_number("mastercard"),
    }
    n = rng.randint(1, 2)
    text = "".join(rng.choice(TEMPLATES_JA).format(**values) for _ in range(n))
    return {"id": f"ja-{i:06d}", "text": text, "meta": {"source": rng.choice(["forum", "email"]), "lang": "ja"}}


def record(fake: Faker, rng: random.Random, i: int) -> dict:
    values = {
        "name": fake.name(), "name2": fake.name(), "first": fake.first_name(), "email": fake.free_email(),
        "email2": fake.company_email(), "phone": fake.phone_number(), "address": fake.address().replace("\n", ", "),
        "city": fake.city(), "date": fake.date(pattern="%B %d, %Y"), "card": fake.credit_card_number("mastercard"),
        "user": fake.user_name(), "ip": fake.ipv4_public(), "age": rng.randint(19, 88), "iban": fake.iban(),
    }
    n = rng.randint(1, 3)
    text = " ".join(rng.choice(TEMPLATES).format(**values) for _ in range(n))
    return {"id": f"doc-{i:06d}", "text": text, "meta": {"source": rng.choice(["forum", "email", "review"]),
                                                         "lang": "en"}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=40)
    ap.add_argument("--out", type=Path, default=None, help="write only this JSONL file")
    ap.add_argument("--seed", type=int, default=20240601)
    args = ap.parse_args()
    fake = Faker("en_US")
    fake.seed_instance(args.seed)
    rng = random.Random(args.seed)
    if args.out is not None:
        with open(args.out, "w", encoding="utf-8") as fh:
            for i in range(args.records):
                fh.write(json.dumps(record(fake, rng, i), ensure_ascii=False) + "\n")
        return
    rows = [record(fake, rng, i) for i in range(args.records)]
    with open(HERE / "sample_en.jsonl", "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(HERE / "sample_en.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "source", "body"])
        for r in rows[:15]:
            w.writerow([r["id"], r["meta"]["source"], r["text"]])
    with open(HERE / "sample_en.txt", "w", encoding="utf-8") as fh:
        for r in rows[15:30]:
            fh.write(r["text"] + "\n")
    fake_ja = Faker("ja_JP")
    fake_ja.seed_instance(args.seed)
    with open(HERE / "sample_ja.jsonl", "w", encoding="utf-8") as fh:
        for i in range(min(args.records, 30)):
            fh.write(json.dumps(record_ja(fake_ja, rng, i), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
