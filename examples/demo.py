"""`make demo`: run the `privsynth` command over the bundled sample corpus and show what it did.

The samples (examples/sample_*.jsonl, .csv, .txt) are made up by Faker (examples/make_sample.py): no real person
appears in them, so printing the "before" side here is harmless. Everything goes to ./demo-out/.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
OUT = ROOT / "demo-out"
SHOW = 3


def privsynth(*args: object, stdin: bytes | None = None, stdout: object = None) -> int:
    cmd = [sys.executable, "-m", "privsynth.cli", *map(str, args)]
    print("$ privsynth " + " ".join(map(str, args)) + (" < … " if stdin is not None else ""), flush=True)
    res = subprocess.run(cmd, input=stdin, stdout=stdout, cwd=ROOT)
    if res.returncode not in (0, 1):  # 1: finished, some records quarantined
        sys.exit(f"demo: privsynth exited with {res.returncode}")
    return res.returncode


def rel(p: Path) -> str:
    return os.path.relpath(p, ROOT)


def show(before: list[str], after: list[dict]) -> None:
    width = min(shutil.get_terminal_size((110, 20)).columns, 110) - 10
    for i, (b, a) in enumerate(zip(before, after), 1):
        print(f"\n  document {i}")
        print(textwrap.indent(textwrap.fill(b, width), "    before  ").replace("\n    before  ", "\n            "))
        print(textwrap.indent(textwrap.fill(a["text"], width), "    after   ").replace("\n    after   ", "\n            "))
        spans = ", ".join(f"{s['entity_type']}→{a['text'][s['start']:s['end']]!r}" for s in a["annotations"])
        print(textwrap.indent(textwrap.fill(spans or "(nothing to replace)", width), "    spans   ")
              .replace("\n    spans   ", "\n            "))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    key = OUT / "demo.key"
    if not key.exists():
        privsynth("keygen", "-o", rel(key))
    runs = []
    for src in sorted(EXAMPLES.glob("sample_*.jsonl")):
        lang = src.stem.split("_")[1]
        out = OUT / src.name
        report = OUT / f"{src.stem}.report.html"
        privsynth("scrub", rel(src), "-o", rel(out), "--key-file", rel(key), "--lang", lang, "--annotations",
                  "--report-html", rel(report), "--progress", "none")
        runs.append((src, out, report))
    csv_src = EXAMPLES / "sample_en.csv"
    if csv_src.exists():
        privsynth("scrub", rel(csv_src), "-o", rel(OUT / csv_src.name), "--text-field", "body",
                  "--key-file", rel(key), "--progress", "none")
    txt_src = EXAMPLES / "sample_en.txt"
    if txt_src.exists():
        with open(OUT / txt_src.name, "wb") as fh:
            privsynth("scrub", "-", "--key-file", rel(key), "-q", stdin=txt_src.read_bytes(), stdout=fh)

    for src, out, report in runs:
        before = [json.loads(x)["text"] for x in src.read_text(encoding="utf-8").splitlines()[:SHOW]]
        after = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()[:SHOW]]
        print(f"\n=== {rel(src)} → {rel(out)} (first {SHOW} documents; the 'before' side is Faker data)")
        show(before, after)
        manifest = json.loads(Path(str(out) + ".manifest.json").read_text())
        t = manifest["totals"]
        print(f"\n  {t['records_in']} records in, {t['records_out']} out, {t['quarantined']} quarantined; "
              f"replacements: " + ", ".join(f"{k} {v}" for k, v in t["replacements"].items()))

    print("\nWhere everything is:")
    for src, out, report in runs:
        print(f"  output     {rel(out)}")
        print(f"  manifest   {rel(Path(str(out) + '.manifest.json'))}")
        q = Path(str(out) + ".quarantine.jsonl")
        print(f"  quarantine {rel(q) if q.exists() else '(none: nothing was quarantined)'}")
        print(f"  report     {rel(report)}  (open it in a browser)")
    for extra in ("sample_en.csv", "sample_en.txt"):
        if (OUT / extra).exists():
            print(f"  output     {rel(OUT / extra)}")
    print(f"  key        {rel(key)}  (secret: same key ⇒ same surrogates)")
    print("\nTry:  .venv/bin/privsynth scrub --help")


if __name__ == "__main__":
    main()
