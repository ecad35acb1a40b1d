"""The ``privsynth`` command in-process, with the real engine (one Scrubber per config for the whole session)."""
from __future__ import annotations

import bz2
import csv
import gzip
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import zstandard
from click.testing import CliRunner

from privsynth.cli import run_cli

TEST_KEY = "privsynth-cli-test-key-0001"
NAMES = ["Jason Glover", "Sandra Hogan", "Sarah Coleman"]
EMAIL = "jason.glover@gmail.com"
DOCS = [
    f"Hi, I'm Jason Glover ({EMAIL}, +1 415-555-0132). Please call me back.",
    "Sandra Hogan wrote: my card 5425 2334 3010 9903 was charged twice on March 3, 2021.",
    "No personal data in this one: the weather was fine and the train was on time.",
    "Meeting notes: Sarah Coleman and Jason Glover agreed to follow up next week.",
]


@pytest.fixture()
def key_file(tmp_path: Path) -> Path:
    p = tmp_path / "test.key"
    p.write_text(TEST_KEY + "\n")
    p.chmod(0o600)  # as `privsynth keygen` writes it (a readable key file draws a warning)
    return p


def run(factory, args: list[str], stdin: bytes | None = None) -> tuple[int, bytes, str]:
    """Run the CLI in this process: (exit code, stdout bytes, stderr text)."""
    with CliRunner().isolation(input=stdin) as (out, err, _):
        code = run_cli([str(a) for a in args], obj={"scrubber_factory": factory})
    return code, out.getvalue(), err.getvalue().decode("utf-8", "replace")


def write_jsonl(path: Path, records: list) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
    return path


def assert_no_originals(*texts: str) -> None:
    for text in texts:
        for secret in NAMES + [EMAIL, "415-555-0132", "5425 2334 3010 9903"]:
            assert secret not in text, f"an original value leaked: {secret!r}"


# ----------------------------------------------------------------------------------------------- conventions
def test_help_version_and_exit_codes_documented(factory) -> None:
    code, out, _ = run(factory, ["--help"])
    assert code == 0 and all(c in out for c in (b"scrub", b"detect", b"keygen", b"eval", b"augment"))
    code, out, _ = run(factory, ["scrub", "--help"])
    text = out.decode()
    assert code == 0 and "Examples:" in text and "Exit codes:" in text
    for c in ("0", "1", "2", "3", "4", "5", "130"):
        assert re.search(rf"^\s+{c}\s", text, re.M)
    for sub in ("detect", "keygen"):
        code, out, _ = run(factory, [sub, "--help"])
        assert code == 0 and b"Example" in out
    code, out, _ = run(factory, ["--version"])
    assert code == 0 and out.startswith(b"privsynth ")


def test_errors_are_one_line_with_exit_code(factory, tmp_path: Path) -> None:
    code, _, err = run(factory, ["scrub", "--no-such-option", "x"])
    assert code == 2 and err.count("\n") == 1 and err.startswith("privsynth: error:")
    code, _, err = run(factory, ["scrub", str(tmp_path / "missing.jsonl"), "-o", tmp_path / "o.jsonl"])
    assert code == 3 and err.count("\n") == 1 and "does not exist" in err  # as the README's table says
    code, _, err = run(factory, ["scrub", "-", "--key-file", tmp_path / "nokey"], stdin=b"x\n")
    assert code == 4 and err.strip().count("\n") == 0 and "privsynth keygen" in err
    code, _, err = run(factory, ["scrub", "x.jsonl", "--entities", "NOT_A_TYPE"])
    assert code == 2


def test_keygen_writes_private_key_and_refuses_overwrite(factory, tmp_path: Path) -> None:
    target = tmp_path / "corpus.key"
    code, _, err = run(factory, ["keygen", "-o", target])
    assert code == 0 and "fingerprint sha256:" in err
    key = target.read_text().strip()
    assert len(key) == 64 and key not in err
    assert target.stat().st_mode & 0o777 == 0o600
    code, _, err = run(factory, ["keygen", "-o", target])
    assert code == 2 and "--force" in err and target.read_text().strip() == key
    code, _, _ = run(factory, ["keygen", "-o", target, "--force"])
    assert code == 0 and target.read_text().strip() != key


# ----------------------------------------------------------------------------------------------- round trips
def test_jsonl_scrub_keeps_other_fields_and_annotations_point_at_surrogates(factory, tmp_path, key_file) -> None:
    lines = [json.dumps({"id": i, "score": 1.50, "meta": {"body": d, "lang": "en"}, "tags": ["x"]})
             .replace('"score": 1.5', '"score": 1.50') for i, d in enumerate(DOCS)]
    src = write_jsonl(tmp_path / "in.jsonl", lines)
    out = tmp_path / "out.jsonl"
    code, _, err = run(factory, ["scrub", src, "-o", out, "-t", "meta.body", "--key-file", key_file,
                                 "--annotations", "--report-html", tmp_path / "r.html"])
    assert code == 0, err
    got = out.read_text().splitlines()
    assert len(got) == len(DOCS)
    for before, after in zip(lines, got):
        rec = json.loads(after)
        assert after.startswith(before.split('"meta"')[0])  # id and score keep their exact bytes ("1.50")
        assert rec["tags"] == ["x"] and rec["meta"]["lang"] == "en"
        for span in rec["annotations"]:
            surrogate = rec["meta"]["body"][span["start"]:span["end"]]
            assert surrogate and surrogate not in NAMES
    assert_no_originals(out.read_text(), err, (tmp_path / "out.jsonl.manifest.json").read_text(),
                        (tmp_path / "r.html").read_text())
    manifest = json.loads((tmp_path / "out.jsonl.manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["totals"]["records_out"] == len(DOCS)
    assert manifest["totals"]["replacements"]["PERSON"] >= 4
    assert manifest["key_fingerprint"].startswith("sha256:") and TEST_KEY not in json.dumps(manifest)
    assert manifest["inputs"][0]["sha256"] and manifest["versions"]["spacy"]
    html = (tmp_path / "r.html").read_text()
    assert "[PERSON]</span>" in html and "[PERSON] → " in html
    assert sum(manifest["totals"]["bias"]["surrogates"]["gender"].values()) >= 1 and "Name mix" in html


def test_engine_options_reach_the_config_and_the_manifest(factory, tmp_path: Path, key_file: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": d} for d in DOCS])
    out = tmp_path / "o.jsonl"
    code, _, err = run(factory, ["scrub", src, "-o", out, "--key-file", key_file, "--bias", "balanced",
                                 "--age-bucket", "5", "--no-age-cap", "--profile", "reserved", "--entities",
                                 "-DATE_TIME", "--threshold", "0.5", "--locale", "en_GB", "--date-shift", "subject"])
    assert code == 0, err
    o = json.loads(Path(str(out) + ".manifest.json").read_text())["options"]
    assert (o["bias"], o["age_bucket"], o["age_cap"], o["profile"], o["score_threshold"], o["locale"],
            o["date_shift"]) == ("balanced", 5, None, "reserved", 0.5, "en_GB", "subject")
    assert "DATE_TIME" not in o["entities"] and "PERSON" in o["entities"]
    assert "March 3, 2021" in out.read_text()  # dates were left alone
    code, _, err = run(factory, ["scrub", src, "-o", out, "--key-file", key_file, "--bias", "{nope"])
    assert code == 2 and "--bias" in err and err.count("\n") == 1


@pytest.mark.parametrize("compression", ["", ".gz", ".zst", ".bz2"])
def test_every_format_round_trips(factory, tmp_path: Path, key_file: Path, compression: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    opener = {"": open, ".gz": gzip.open, ".bz2": bz2.open, ".zst": zstandard.open}[compression]
    srcdir = tmp_path / "in"
    srcdir.mkdir()
    with opener(srcdir / f"a.jsonl{compression}", "wt", encoding="utf-8") as fh:
        for i, d in enumerate(DOCS):
            fh.write(json.dumps({"id": i, "text": d}) + "\n")
    with opener(srcdir / f"b.csv{compression}", "wt", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "body"])
        for i, d in enumerate(DOCS):
            w.writerow([i, d])
    with opener(srcdir / f"c.txt{compression}", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(DOCS) + "\n")
    if not compression:
        pq.write_table(pa.table({"id": list(range(len(DOCS))), "text": DOCS}), srcdir / "d.parquet")
    out = tmp_path / "out"
    # two passes: jsonl/txt/parquet with the default field, CSV with its column
    code, _, err = run(factory, ["scrub", srcdir, "-o", out, "--key-file", key_file, "-f", "jsonl"])
    assert code == 0, err
    code, _, err = run(factory, ["scrub", srcdir, "-o", out, "--key-file", key_file, "-f", "txt"])
    assert code == 0, err
    code, _, err = run(factory, ["scrub", srcdir, "-o", out, "--key-file", key_file, "-f", "csv", "-t", "body"])
    assert code == 0, err
    with opener(out / f"a.jsonl{compression}", "rt", encoding="utf-8") as fh:
        a = [json.loads(x)["text"] for x in fh]
    with opener(out / f"b.csv{compression}", "rt", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    with opener(out / f"c.txt{compression}", "rt", encoding="utf-8") as fh:
        c = fh.read().splitlines()
    assert rows[0] == ["id", "body"] and [r[0] for r in rows[1:]] == ["0", "1", "2", "3"]
    b = [r[1] for r in rows[1:]]
    assert a == b == c and len(a) == len(DOCS)
    assert a[2] == DOCS[2]  # nothing to replace: unchanged
    assert_no_originals("\n".join(a))
    if not compression:
        code, _, err = run(factory, ["scrub", srcdir, "-o", out, "--key-file", key_file, "-f", "parquet",
                                     "--annotations"])
        assert code == 0, err
        table = pq.read_table(out / "d.parquet")
        assert table.column("text").to_pylist() == a and table.column("id").to_pylist() == [0, 1, 2, 3]
        assert table.schema.field("id").type == pa.int64()
        assert all(isinstance(x, list) for x in table.column("annotations").to_pylist())


def test_stdin_to_stdout_and_conversion(factory, tmp_path: Path, key_file: Path) -> None:
    data = ("\n".join(DOCS) + "\n").encode()
    code, out, err = run(factory, ["scrub", "-", "--key-file", key_file, "-q"], stdin=data)
    assert code == 0 and err == ""
    lines = out.decode().splitlines()
    assert len(lines) == len(DOCS) and lines[2] == DOCS[2]
    assert_no_originals(out.decode())
    code, out2, _ = run(factory, ["scrub", "-", "--key-file", key_file, "-q"], stdin=gzip.compress(data))
    assert out2 == out  # compressed stdin is recognised by its magic bytes
    code, out3, _ = run(factory, ["scrub", "-", "--key-file", key_file, "-q", "--output-format", "jsonl",
                                  "--annotations"], stdin=data)
    recs = [json.loads(x) for x in out3.decode().splitlines()]
    assert [r["text"] for r in recs] == lines and all("annotations" in r for r in recs)
    os.environ["PRIVSYNTH_KEY"] = TEST_KEY  # the key from the environment gives the same surrogates
    try:
        code, out4, _ = run(factory, ["scrub", "-", "-q"], stdin=data)
    finally:
        del os.environ["PRIVSYNTH_KEY"]
    assert out4 == out


def test_whole_file_mode_and_detect(factory, tmp_path: Path, key_file: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "one.txt").write_text(DOCS[0] + "\n\n" + DOCS[1] + "\n")
    (docs / "two.txt").write_text(DOCS[3])
    code, _, err = run(factory, ["scrub", docs, "-o", tmp_path / "clean", "--whole-file", "--key-file", key_file])
    assert code == 0, err
    one = (tmp_path / "clean" / "one.txt").read_text()
    assert one.count("\n") == 3 and one.endswith("\n")
    assert_no_originals(one, (tmp_path / "clean" / "two.txt").read_text())
    src = write_jsonl(tmp_path / "d.jsonl", [{"id": f"r{i}", "text": d} for i, d in enumerate(DOCS)])
    code, _, err = run(factory, ["detect", src, "-o", tmp_path / "f.jsonl.gz", "--id-field", "id"])
    assert code == 0, err
    with gzip.open(tmp_path / "f.jsonl.gz", "rt") as fh:
        found = [json.loads(x) for x in fh]
    assert [f["id"] for f in found] == ["r0", "r1", "r2", "r3"] and [f["line"] for f in found] == [1, 2, 3, 4]
    first = found[0]["findings"]
    assert {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"} <= {f["entity_type"] for f in first}
    assert DOCS[0][first[0]["start"]:first[0]["end"]] in DOCS[0]
    assert found[2]["findings"] == []
    assert_no_originals((tmp_path / "f.jsonl.gz").read_bytes().decode("latin-1"), err)


# ----------------------------------------------------------------------------------------------- nothing lost
def test_bad_record_corpus_counts_in_equal_out_plus_quarantined(factory, tmp_path: Path, key_file: Path) -> None:
    src = tmp_path / "bad.jsonl"
    marker = "Zebedee Quarantino"  # appears only inside records that must be quarantined
    with open(src, "wb") as fh:
        fh.write(json.dumps({"text": DOCS[0]}).encode() + b"\n")
        fh.write(b'{"text": "' + marker.encode() + b' unterminated\n')                 # bad_json
        fh.write(json.dumps({"body": marker}).encode() + b"\n")                         # missing_field
        fh.write(b'{"text": 12345, "note": "' + marker.encode() + b'"}\n')              # not_a_string
        fh.write(b'{"text": "' + marker.encode() + b' caf\xe9"}\n')                     # invalid_encoding
        fh.write(os.urandom(64).replace(b"\n", b"") + b"\x00" + marker.encode() + b"\n")  # binary_data
        fh.write(json.dumps({"text": DOCS[1]}).encode() + b"\n")
        fh.write(b'{"text": "' + marker.encode() + b" " + b"x" * (50 * 1024 * 1024) + b'"}\n')  # 50 MB
        fh.write(b"\n")                                                                 # blank: not a record
        fh.write(json.dumps({"text": DOCS[3]}).encode() + b"\n")
    out = tmp_path / "out.jsonl"
    code, _, err = run(factory, ["scrub", src, "-o", out, "--key-file", key_file, "--report-html",
                                 tmp_path / "r.html"])
    assert code == 1, err  # finished, something quarantined
    manifest = json.loads((tmp_path / "out.jsonl.manifest.json").read_text())
    t = manifest["totals"]
    quarantine = (tmp_path / "out.jsonl.quarantine.jsonl").read_text()
    q = [json.loads(x) for x in quarantine.splitlines()]
    assert t["records_in"] == 9 and t["blank_lines"] == 1
    assert t["records_in"] == t["records_out"] + t["quarantined"]
    assert len(out.read_text().splitlines()) == t["records_out"] == 3
    assert len(q) == t["quarantined"] == 6
    assert [(x["line"], x["reason"]) for x in q] == [(2, "bad_json"), (3, "missing_field"), (4, "not_a_string"),
                                                      (5, "invalid_encoding"), (6, "binary_data"),
                                                      (8, "record_too_large")]
    assert all(x["source"] == str(src) for x in q)
    for text in (quarantine, json.dumps(manifest), err, (tmp_path / "r.html").read_text()):
        assert marker not in text
    assert_no_originals(quarantine, json.dumps(manifest), err)
    assert not list(tmp_path.glob(".*privsynth*"))  # no temporary files left behind


def test_csv_and_missing_column(factory, tmp_path: Path, key_file: Path) -> None:
    src = tmp_path / "d.csv"
    src.write_bytes(b"id,body\n1,Call Jason Glover at +1 415-555-0132.\n2,too,many,fields\n")
    code, _, err = run(factory, ["scrub", src, "-o", tmp_path / "o.csv", "-t", "nope", "--key-file", key_file])
    assert code == 3 and "column 'nope' is not in the CSV header" in err
    assert not (tmp_path / "o.csv").exists()
    code, _, err = run(factory, ["scrub", src, "-o", tmp_path / "o.csv", "-t", "body", "--key-file", key_file])
    assert code == 1
    rows = (tmp_path / "o.csv").read_text().splitlines()
    assert rows[0] == "id,body" and len(rows) == 2 and "Jason Glover" not in rows[1]
    assert (tmp_path / "o.csv").read_bytes().count(b"\r\n") == 0  # the input's line ending is kept


# ----------------------------------------------------------------------------------------------- report
def test_html_report_renders_in_headless_chromium(factory, tmp_path: Path, key_file: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": d} for d in DOCS])
    report = tmp_path / "report.html"
    code, _, err = run(factory, ["scrub", src, "-o", tmp_path / "o.jsonl", "--key-file", key_file,
                                 "--report-html", report])
    assert code == 0, err
    html = report.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "http" not in html.split("<body>")[1]
    assert_no_originals(html)
    chromium = next((c for c in ("/usr/bin/chromium", shutil.which("chromium") or "",
                                 shutil.which("chromium-browser") or "", shutil.which("google-chrome") or "")
                     if c and os.path.exists(c)), None)
    if chromium is None:
        pytest.skip("no headless Chromium on this machine (/usr/bin/chromium); the HTML was checked statically")
    res = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                          report.as_uri()], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and "Replacements per entity type" in res.stdout and "[PERSON]" in res.stdout


# ----------------------------------------------------------------------------------------------- resume
class _CtrlCAfter:
    """The real Scrubber, but Ctrl-C arrives after ``n`` batches (an interrupt at a deterministic point)."""

    def __init__(self, inner, n: int) -> None:
        self.inner, self.n, self.calls = inner, n, 0

    def _tick(self) -> None:
        self.calls += 1
        if self.calls > self.n:
            raise KeyboardInterrupt

    def scrub_batch(self, texts):
        self._tick()
        return self.inner.scrub_batch(texts)

    def detect_batch(self, texts):
        self._tick()
        return self.inner.detect_batch(texts)

    def versions(self):
        return self.inner.versions()


def _make_input(tmp_path: Path, kind: str, n: int = 40) -> tuple[Path, list[str]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    docs = [DOCS[i % len(DOCS)].replace("Please", f"Ticket {i}. Please") for i in range(n)]
    if kind == "parquet":
        p = tmp_path / "in.parquet"
        pq.write_table(pa.table({"id": list(range(n)), "text": docs}), p, row_group_size=7)
        return p, []
    if kind == "csv.bz2":
        p = tmp_path / "in.csv.bz2"
        with bz2.open(p, "wt", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["text", "id"])
            for i, d in enumerate(docs):
                w.writerow([d, i])
                if i == 9:
                    fh.write("bad,row,with,too,many,fields\n")
        return p, []
    if kind == "txt.gz":
        p = tmp_path / "in.txt.gz"
        with gzip.open(p, "wt") as fh:
            fh.write("\n".join(docs) + "\n")
        return p, []
    p = tmp_path / "in.jsonl.zst"
    with zstandard.open(p, "wt") as fh:
        for i, d in enumerate(docs):
            fh.write(json.dumps({"id": i, "text": d}) + "\n")
            if i == 20:
                fh.write("{not json}\n")
    return p, ["--annotations"]


@pytest.mark.parametrize("command,kind", [("scrub", "jsonl.zst"), ("scrub", "csv.bz2"), ("scrub", "parquet"),
                                          ("scrub", "txt.gz"), ("detect", "jsonl.zst")])
def test_interrupt_then_resume_is_byte_identical(factory, tmp_path: Path, key_file: Path, command: str,
                                                 kind: str) -> None:
    src, extra = _make_input(tmp_path, kind)
    if command == "detect":
        extra = []
    name = "out." + ("jsonl.gz" if command == "detect" else kind)
    common = ["--key-file", key_file, "--chunk-size", 3, "--checkpoint-every", 5, *extra]
    if command == "detect":
        common = common[2:]
    ref = tmp_path / "ref" / name
    ref.parent.mkdir()
    code, _, err = run(factory, [command, src, "-o", ref, *common])
    assert code in (0, 1), err

    out = tmp_path / "run" / name
    out.parent.mkdir()
    interrupted = {}

    def flaky(config):
        interrupted.setdefault("s", _CtrlCAfter(factory(config), 6))
        return interrupted["s"]

    with CliRunner().isolation() as (_, errs, _x):
        code = run_cli([command, str(src), "-o", str(out), *map(str, common)], obj={"scrubber_factory": flaky})
    assert code == 130 and "--resume" in errs.getvalue().decode()
    assert not out.exists()  # nothing under the final name
    manifest = json.loads(Path(str(out) + ".manifest.json").read_text())
    assert manifest["status"] == "interrupted" and manifest["checkpoint"]["units_done"] > 0
    code2, _, err = run(factory, [command, src, "-o", out, *common, "--resume"])
    assert code2 == code_ref(ref) and "resuming from" in err
    assert out.read_bytes() == ref.read_bytes()
    for suffix in (".quarantine.jsonl",):
        a, b = Path(str(ref) + suffix), Path(str(out) + suffix)
        assert a.exists() == b.exists() and (not a.exists() or a.read_bytes() == b.read_bytes())
    assert not [p.name for p in out.parent.iterdir() if p.name.startswith(".")]


def code_ref(ref: Path) -> int:
    return 1 if Path(str(ref) + ".quarantine.jsonl").exists() else 0


def test_resume_refuses_other_options(factory, tmp_path: Path, key_file: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": d} for d in DOCS])
    out = tmp_path / "o.jsonl"
    assert run(factory, ["scrub", src, "-o", out, "--key-file", key_file])[0] == 0
    code, _, err = run(factory, ["scrub", src, "-o", out, "--key-file", key_file, "--resume", "--profile",
                                 "reserved"])
    assert code == 2 and "profile" in err and err.count("\n") == 1
    other = tmp_path / "other.key"
    other.write_text("another key, long enough")
    other.chmod(0o600)
    code, _, err = run(factory, ["scrub", src, "-o", out, "--key-file", other, "--resume"])
    assert code == 2 and "key" in err
    code, _, err = run(factory, ["scrub", src, "-o", out, "--key-file", key_file, "--resume"])
    assert code == 0 and "already complete" in err


def test_interrupt_in_a_directory_of_small_files_then_resume(factory, tmp_path: Path, key_file: Path) -> None:
    src = tmp_path / "shards"
    src.mkdir()
    for k in range(6):
        write_jsonl(src / f"part-{k}.jsonl", [{"text": DOCS[(k + i) % len(DOCS)], "k": k} for i in range(3)])
    common = ["--key-file", key_file, "--chunk-size", 3]
    code, _, err = run(factory, ["scrub", src, "-o", tmp_path / "ref", *common])
    assert code == 0, err
    out = tmp_path / "out"
    state = {}

    def flaky(config):
        state.setdefault("s", _CtrlCAfter(factory(config), 5))  # warm-up + 4 files, then Ctrl-C
        return state["s"]

    with CliRunner().isolation():
        assert run_cli(["scrub", str(src), "-o", str(out), *map(str, common)], obj={"scrubber_factory": flaky}) == 130
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [f"part-{k}.jsonl" for k in range(4)]
    code, _, err = run(factory, ["scrub", src, "-o", out, *common, "--resume"])
    assert code == 0, err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {p.name: p.read_bytes() for p in (tmp_path / "ref").iterdir()}


def test_truncated_gzip_input_is_processed_up_to_the_damage(factory, tmp_path: Path, key_file: Path) -> None:
    src = tmp_path / "cut.jsonl.gz"
    payload = "".join(json.dumps({"id": i, "text": DOCS[i % len(DOCS)]}) + "\n" for i in range(400)).encode()
    src.write_bytes(gzip.compress(payload)[:-40])  # a download that stopped early
    out = tmp_path / "out.jsonl"
    code, _, err = run(factory, ["scrub", src, "-o", out, "--key-file", key_file, "--chunk-size", 50])
    assert code == 1, err
    q = [json.loads(x) for x in Path(str(out) + ".quarantine.jsonl").read_text().splitlines()]
    assert q[-1]["reason"] == "truncated_input"
    t = json.loads(Path(str(out) + ".manifest.json").read_text())["totals"]
    assert t["records_out"] == len(out.read_text().splitlines()) >= 350
    assert t["records_in"] == t["records_out"] + t["quarantined"]


def test_world_readable_key_file_draws_a_warning(factory, tmp_path: Path) -> None:
    loose = tmp_path / "loose.key"
    loose.write_text(TEST_KEY)
    loose.chmod(0o644)
    code, out, err = run(factory, ["scrub", "-", "--key-file", loose, "-q"], stdin=b"Hello\n")
    assert code == 0 and out == b"Hello\n"
    assert "readable by other users" in err and TEST_KEY not in err
