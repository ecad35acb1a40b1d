"""Issue 15's reliability findings (items 17–20, 22, 25) at the CLI, in this process with the real engine.

Each test fails on the code before the fix: headerless CSVs echoed their first record, a second run silently
overwrote (or corrupted) an output, an input changing during the run went unnoticed, uncompressed Parquet crashed,
a missing input exited 2, ``--debug`` changed exit codes and JSON errors read "at at column".
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from faker import Faker

from privsynth.cli import run_cli
from privsynth.io.atomic import OutputLock, lock_path

TEST_KEY = "privsynth-reliability-test-key-0003"


@pytest.fixture()
def key_file(tmp_path: Path) -> Path:
    p = tmp_path / "test.key"
    p.write_text(TEST_KEY + "\n")
    p.chmod(0o600)
    return p


def run(factory, args: list, stdin: bytes | None = None) -> tuple[int, bytes, str]:
    with CliRunner().isolation(input=stdin) as (out, err, _):
        code = run_cli([str(a) for a in args], obj={"scrubber_factory": factory})
    return code, out.getvalue(), err.getvalue().decode("utf-8", "replace")


def _people(n: int, seed: int) -> list[dict[str, str]]:
    fake = Faker("en_US")
    fake.seed_instance(seed)
    return [{"text": f"Hi, I'm {fake.name()} ({fake.free_email()}). Call me at {fake.phone_number()}."}
            for _ in range(n)]


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------------ item 17
def test_headerless_csv_never_echoes_its_first_record(factory, tmp_path: Path, key_file: Path) -> None:
    fake = Faker("en_US")
    fake.seed_instance(17)
    for i in range(5):
        name, email, phone = fake.name(), fake.email(), fake.phone_number()
        src = tmp_path / f"n{i}.csv"
        src.write_text(f"{i + 1},{name},{email},{phone}\n", encoding="utf-8")
        out, report = tmp_path / f"o{i}.csv", tmp_path / f"r{i}.html"
        code, _, err = run(factory, ["scrub", src, "-o", out, "--key-file", key_file, "--report-html", report])
        assert code == 3 and "is not in the CSV header" in err
        written = [err, Path(str(out) + ".manifest.json").read_text(), report.read_text()]
        for value in (name, email, phone, *name.split()):
            for text in written:
                assert value not in text, "a column name (here: the first record) was echoed"


# ------------------------------------------------------------------------------------------------ items 18, 19
def test_an_existing_output_is_kept_unless_overwrite(factory, tmp_path: Path, key_file: Path) -> None:
    src = _jsonl(tmp_path / "a.jsonl", _people(4, 1))
    out = tmp_path / "o.jsonl"
    assert run(factory, ["scrub", src, "-o", out, "--key-file", key_file, "-q"])[0] == 0
    first = out.read_bytes()
    other = _jsonl(tmp_path / "b.jsonl", _people(3, 2))
    code, _, err = run(factory, ["scrub", other, "-o", out, "--key-file", key_file, "-q"])
    assert code == 2 and "already exists" in err and "--overwrite" in err and err.count("\n") == 1
    assert out.read_bytes() == first
    code, _, err = run(factory, ["scrub", other, "-o", out, "--key-file", key_file, "-q", "--overwrite"])
    assert code == 0, err
    assert len(out.read_text().splitlines()) == 3
    # a directory output: one existing file in it is enough to refuse
    d = tmp_path / "dir"
    assert run(factory, ["scrub", src, other, "-o", d, "--key-file", key_file, "-q"])[0] == 0
    code, _, err = run(factory, ["scrub", src, other, "-o", d, "--key-file", key_file, "-q"])
    assert code == 2 and "and 1 more" in err
    # detect's findings file too
    f = tmp_path / "findings.jsonl"
    assert run(factory, ["detect", src, "-o", f, "-q"])[0] == 0
    assert run(factory, ["detect", src, "-o", f, "-q"])[0] == 2
    assert run(factory, ["detect", src, "-o", f, "-q", "--overwrite"])[0] == 0


def test_a_second_run_on_a_locked_output_fails_before_touching_anything(factory, tmp_path: Path,
                                                                        key_file: Path) -> None:
    src = _jsonl(tmp_path / "a.jsonl", _people(4, 3))
    out = tmp_path / "same.jsonl"
    manifest = Path(str(out) + ".manifest.json")
    with OutputLock(lock_path(out)):  # what a running `privsynth scrub … -o same.jsonl` holds
        code, _, err = run(factory, ["scrub", src, "-o", out, "--key-file", key_file, "-q"])
        assert code == 3 and "another privsynth run is writing this output" in err and err.count("\n") == 1
        assert not out.exists() and not manifest.exists()
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") and "partial" in p.name]
    code, _, err = run(factory, ["scrub", src, "-o", out, "--key-file", key_file, "-q"])
    assert code == 0, err
    assert not lock_path(out).exists()  # released and removed


# ------------------------------------------------------------------------------------------------ item 20
class _ChangeInputAfter:
    """The real Scrubber; after ``n`` batches the input file is changed (as a writer appending to it would)."""

    def __init__(self, inner, n: int, change) -> None:
        self.inner, self.n, self.calls, self.change = inner, n, 0, change

    def scrub_batch(self, texts):
        self.calls += 1
        if self.calls == self.n:
            self.change()
        return self.inner.scrub_batch(texts)

    def detect_batch(self, texts):
        return self.inner.detect_batch(texts)

    def versions(self):
        return self.inner.versions()


@pytest.mark.parametrize("how", ["append", "truncate"])
def test_an_input_changing_during_the_run_fails_clearly(factory, tmp_path: Path, key_file: Path, how: str) -> None:
    src = _jsonl(tmp_path / "grow.jsonl", _people(40, 4))
    body = src.read_bytes()

    def change() -> None:
        if how == "append":
            with open(src, "ab") as fh:
                fh.write(b"".join(json.dumps(r).encode() + b"\n" for r in _people(30, 5)))
        else:
            src.write_bytes(body[: len(body) // 3])

    state: dict = {}

    def flaky(config):
        state.setdefault("s", _ChangeInputAfter(factory(config), 2, change))
        return state["s"]

    out = tmp_path / "o.jsonl"
    with CliRunner().isolation() as (_, errs, _x):
        code = run_cli(["scrub", str(src), "-o", str(out), "--key-file", str(key_file), "--chunk-size", "4", "-q"],
                       obj={"scrubber_factory": flaky})
    err = errs.getvalue().decode()
    assert code == 3, err
    assert ("grew" if how == "append" else "shrank") in err and "not published" in err
    assert not out.exists()
    m = json.loads(Path(str(out) + ".manifest.json").read_text())
    assert m["status"] == "failed"


# ------------------------------------------------------------------------------------------------ item 22
@pytest.mark.parametrize("compression", ["none", "snappy"])
def test_parquet_of_any_compression_round_trips(factory, tmp_path: Path, key_file: Path, compression: str) -> None:
    src = tmp_path / "in.parquet"
    docs = [r["text"] for r in _people(6, 6)]
    pq.write_table(pa.table({"id": list(range(6)), "text": docs}), src, compression=compression)
    out = tmp_path / "out.parquet"
    code, _, err = run(factory, ["scrub", src, "-o", out, "--key-file", key_file, "-q"])
    assert code == 0, err
    table = pq.read_table(out)
    assert table.column("id").to_pylist() == list(range(6))
    assert all(a != b for a, b in zip(table.column("text").to_pylist(), docs))
    expected = "UNCOMPRESSED" if compression == "none" else compression.upper()
    assert pq.ParquetFile(out).metadata.row_group(0).column(0).compression == expected


# ------------------------------------------------------------------------------------------------ item 25
def test_a_missing_input_exits_3_as_documented(factory, tmp_path: Path) -> None:
    code, _, err = run(factory, ["scrub", tmp_path / "nope.jsonl", "-o", tmp_path / "o.jsonl"])
    assert code == 3 and "does not exist" in err
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    assert "| 3 |" in readme and "missing" in readme.split("| 3 |")[1].split("\n")[0]


class _Broken:
    """A Scrubber whose start-up fails with an unexpected (non-privsynth) error."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def detect_batch(self, texts):
        return self.inner.detect_batch(texts)

    def versions(self):
        raise RuntimeError("boom")


def test_debug_adds_a_traceback_but_keeps_the_exit_code(factory, tmp_path: Path, key_file: Path) -> None:
    src = _jsonl(tmp_path / "a.jsonl", _people(2, 7))
    codes = []
    for debug in ([], ["--debug"]):
        with CliRunner().isolation() as (_, errs, _x):
            codes.append(run_cli([*debug, "scrub", str(src), "-o", str(tmp_path / f"o{len(debug)}.jsonl"),
                                  "--key-file", str(key_file), "-q"],
                                 obj={"scrubber_factory": lambda c: _Broken(factory(c))}))
        err = errs.getvalue().decode()
        assert "internal error (RuntimeError)" in err
        assert ("Traceback" in err) == bool(debug)
    assert codes == [5, 5]


def test_json_errors_read_well(factory, tmp_path: Path, key_file: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text('{"text": "unterminated\n{"text": }\n')
    out = tmp_path / "o.jsonl"
    code, _, err = run(factory, ["scrub", src, "-o", out, "--key-file", key_file, "-q"])
    assert code == 1, err
    details = [json.loads(x)["detail"] for x in Path(str(out) + ".quarantine.jsonl").read_text().splitlines()]
    assert details[0] == "Unterminated string starting at column 10"
    assert details[1] == "Expecting value at column 10"
    assert not any("at at" in d for d in details)
