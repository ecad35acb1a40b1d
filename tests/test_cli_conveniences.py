"""Issue 12 item 6: stdin by default, a wrong --text-field fails fast, and --config FILE.toml."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from faker import Faker

from privsynth.cli import run_cli

TEST_KEY = "privsynth-conveniences-test-key-0006"


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


def test_no_input_reads_stdin(factory, key_file: Path) -> None:
    name = Faker("en_US").name()
    line = f"Please call {name} about the invoice.\n".encode()
    code, out, err = run(factory, ["scrub", "--key-file", key_file, "-q"], stdin=line)
    assert code == 0, err
    assert out.endswith(b" about the invoice.\n") and name.encode() not in out
    code, same, _ = run(factory, ["scrub", "-", "--key-file", key_file, "-q"], stdin=line)
    assert code == 0 and same == out


@pytest.mark.parametrize("gz", [False, True])
def test_a_wrong_text_field_fails_fast_with_the_keys_it_saw(factory, tmp_path: Path, key_file: Path,
                                                            gz: bool) -> None:
    fake = Faker("en_US")
    secret_key = fake.name()  # a key that is data must not be echoed
    lines = "".join(json.dumps({"id": i, "body": fake.sentence(), secret_key: i}) + "\n" for i in range(5))
    src = tmp_path / ("in.jsonl.gz" if gz else "in.jsonl")
    src.write_bytes(gzip.compress(lines.encode()) if gz else lines.encode())
    code, _, err = run(factory, ["scrub", src, "-o", tmp_path / "o.jsonl", "--key-file", key_file, "-q",
                                 "--text-field", "text"])
    assert code == 3
    assert "field 'text' is not in the first record" in err and "'id', 'body'" in err and "1 more not shown" in err
    assert secret_key not in err
    m = json.loads((tmp_path / "o.jsonl.manifest.json").read_text())
    assert m["totals"]["quarantined"] == 0 and m["totals"]["failed"] == 1  # not 5 quarantined records
    code, _, err = run(factory, ["scrub", src, "-o", tmp_path / "o.jsonl", "--key-file", key_file, "-q",
                                 "--text-field", "body", "--overwrite"])
    assert code == 0, err


def test_config_file_holds_any_option_and_the_command_line_wins(factory, tmp_path: Path, key_file: Path) -> None:
    fake = Faker("en_US")
    fake.seed_instance(6)
    name = fake.name()
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"body": f"Call {name} today.", "title": "x"}) + "\n")
    out = tmp_path / "o.jsonl"
    cfg = tmp_path / "privsynth.toml"
    cfg.write_text(f'key-file = "{key_file}"\nquiet = true\n[scrub]\ntext-field = "body"\nannotations = true\n'
                   f'report-html = "{tmp_path / "r.html"}"\n[detect]\ntext-field = "nope"\n')
    code, _, err = run(factory, ["scrub", "--config", cfg, src, "-o", out])
    assert code == 0, err
    rec = json.loads(out.read_text())
    assert name not in rec["body"] and rec["annotations"] and (tmp_path / "r.html").exists()
    assert err == ""  # quiet came from the file
    # the command line wins over the file
    code, _, err = run(factory, ["scrub", "--config", cfg, src, "-o", out, "--text-field", "title", "--overwrite"])
    assert code == 0 and json.loads(out.read_text())["body"] == f"Call {name} today."
    # [detect] applies to detect only
    code, _, err = run(factory, ["detect", "--config", cfg, src, "-o", tmp_path / "f.jsonl"])
    assert code == 3 and "field 'nope'" in err
    bad = tmp_path / "bad.toml"
    bad.write_text("no-such-option = 1\n")
    code, _, err = run(factory, ["scrub", "--config", bad, src])
    assert code == 2 and "'no-such-option' is not an option" in err
