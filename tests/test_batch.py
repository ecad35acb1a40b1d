"""Real multi-process runs of ``privsynth scrub``: kill -9 mid-way + ``--resume`` is byte-identical to an
uninterrupted run, and the same original gets the same surrogate in different files and worker processes."""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faker import Faker

import privsynth
from privsynth.cli import run_cli
from click.testing import CliRunner

pytestmark = pytest.mark.slow

TEST_KEY = "privsynth-batch-test-key-0002"
SRC = str(Path(privsynth.__file__).resolve().parents[1])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PRIVSYNTH_KEY", None)
    return env


def _cli(*args: object) -> list[str]:
    return [sys.executable, "-m", "privsynth.cli", *map(str, args)]


def _corpus(root: Path, n: int, seed: int, name_in_every_record: str | None = None) -> Path:
    """Two inputs (gzip JSONL and plain JSONL) of made-up records, with one bad line each."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    root.mkdir(parents=True, exist_ok=True)
    for fname, opener in (("a.jsonl.gz", gzip.open), ("b.jsonl", open)):
        with opener(root / fname, "wt", encoding="utf-8") as fh:
            for i in range(n):
                who = name_in_every_record or fake.name()
                text = (f"Hi, I'm {who} ({fake.free_email()}). Call {fake.phone_number()} or write to "
                        f"{fake.address().replace(chr(10), ', ')}. {fake.sentence(nb_words=10)}")
                fh.write(json.dumps({"id": f"{fname}-{i}", "text": text, "n": i}) + "\n")
                if i == n // 3:
                    fh.write('{"text": broken json}\n')
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_kill_9_a_two_worker_run_then_resume_is_byte_identical(tmp_path: Path, factory) -> None:
    data = _corpus(tmp_path / "in", 90, seed=7)
    key = tmp_path / "k.key"
    key.write_text(TEST_KEY)
    key.chmod(0o600)
    common = ["--key-file", key, "--chunk-size", 4, "--checkpoint-every", 12]

    # reference: uninterrupted, in this process, one worker
    ref = tmp_path / "ref" / "out"
    with CliRunner().isolation():
        code = run_cli(["scrub", str(data), "-o", str(ref), *map(str, common), "-q"],
                       obj={"scrubber_factory": factory})
    assert code == 1  # two broken lines quarantined

    out = tmp_path / "run" / "out"
    manifest = Path(str(out) + ".manifest.json")
    proc = subprocess.Popen(_cli("scrub", data, "-o", out, "--workers", 2, *common, "--progress", "lines"),
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        killed_at = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                ckpt = json.loads(manifest.read_text())["checkpoint"]
            except (FileNotFoundError, json.JSONDecodeError, KeyError):
                ckpt = None
            if ckpt and (ckpt["job"] == 1 and ckpt["units_done"] >= 24):
                killed_at = ckpt
                os.kill(proc.pid, signal.SIGKILL)  # the main process only, like `kill -9 <pid>`
                break
            time.sleep(0.05)
        proc.wait(timeout=30)
        assert killed_at is not None, "the run finished before it could be killed; make the corpus larger"
        assert proc.returncode == -signal.SIGKILL
        # no half file under a final name: the finished first input is published, the second is not
        assert (out / "a.jsonl.gz").exists() and not (out / "b.jsonl").exists()
        assert (out / ".b.jsonl.privsynth-partial").exists()
        assert not Path(str(out) + ".quarantine.jsonl").exists()
        # the orphaned workers notice and exit by themselves
        import psutil

        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            alive = [p for p in psutil.process_iter(["cmdline"])
                     if p.info["cmdline"] and any("multiprocessing" in c for c in p.info["cmdline"])
                     and _session_of(p) == proc.pid]
            if not alive:
                break
            time.sleep(0.3)
        assert not alive, "worker processes outlived their killed parent"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    res = subprocess.run(_cli("scrub", data, "-o", out, "--workers", 2, *common, "--resume", "--progress", "lines"),
                         env=_env(), capture_output=True, text=True, timeout=300)
    assert res.returncode == 1, res.stderr
    assert "resuming from" in res.stderr
    assert _files(out) == _files(ref)
    assert Path(str(out) + ".quarantine.jsonl").read_bytes() == Path(str(ref) + ".quarantine.jsonl").read_bytes()
    m = json.loads(manifest.read_text())
    assert m["status"] == "complete" and len(m["sessions"]) == 2
    assert m["totals"]["records_in"] == m["totals"]["records_out"] + m["totals"]["quarantined"] == 182
    ref_m = json.loads(Path(str(ref) + ".manifest.json").read_text())
    assert m["totals"]["replacements"] == ref_m["totals"]["replacements"]
    assert [i["sha256"] for i in m["inputs"]] == [i["sha256"] for i in ref_m["inputs"]]


def _session_of(p) -> int | None:
    try:
        return os.getsid(p.pid)
    except (ProcessLookupError, PermissionError):
        return None


def test_same_name_same_surrogate_across_files_and_workers(tmp_path: Path) -> None:
    name = "Jason Glover"
    data = _corpus(tmp_path / "in", 24, seed=11, name_in_every_record=name)
    key = tmp_path / "k.key"
    key.write_text(TEST_KEY)
    key.chmod(0o600)
    out = tmp_path / "out"
    res = subprocess.run(_cli("scrub", data, "-o", out, "--key-file", key, "--workers", 2, "--chunk-size", 2,
                              "--annotations", "-q"), env=_env(), capture_output=True, text=True, timeout=300)
    assert res.returncode == 1, res.stderr
    manifest = json.loads(Path(str(out) + ".manifest.json").read_text())
    pids = {pid for i in manifest["inputs"] for pid in i["stats"]["worker_pids"]}
    assert len(pids) == 2, "both worker processes should have handled chunks"
    surrogates: dict[str, set[str]] = {}
    for fname, opener in (("a.jsonl.gz", gzip.open), ("b.jsonl", open)):
        with opener(out / fname, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                assert name not in rec["text"]
                first = rec["annotations"][0]
                assert first["entity_type"] == "PERSON" and first["start"] == rec["text"].index("I'm ") + 4
                surrogates.setdefault(fname, set()).add(rec["text"][first["start"]:first["end"]])
    assert surrogates["a.jsonl.gz"] == surrogates["b.jsonl"] and len(surrogates["b.jsonl"]) == 1
    # and a separate run (another process, one worker) gives the same surrogate again
    one = subprocess.run(_cli("scrub", "-", "--key-file", key, "-q"), input=f"Hi, I'm {name} (x).\n", env=_env(),
                         capture_output=True, text=True, timeout=120)
    assert one.returncode == 0, one.stderr
    assert one.stdout.startswith("Hi, I'm " + next(iter(surrogates["b.jsonl"])))


def test_sigterm_stops_cleanly_and_resume_finishes(tmp_path: Path) -> None:
    data = _corpus(tmp_path / "in", 60, seed=5)
    key = tmp_path / "k.key"
    key.write_text(TEST_KEY)
    key.chmod(0o600)
    out = tmp_path / "out"
    manifest = Path(str(out) + ".manifest.json")
    args = ["--key-file", key, "--chunk-size", 4, "--checkpoint-every", 8, "--progress", "none"]
    proc = subprocess.Popen(_cli("scrub", data, "-o", out, *args), env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if json.loads(manifest.read_text())["checkpoint"]["units_done"] >= 8:
                break
        except (FileNotFoundError, json.JSONDecodeError, KeyError):
            pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 1:
        pytest.skip("the run finished before SIGTERM arrived")
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1].startswith("privsynth: error: interrupted") and "--resume" in err
    assert json.loads(manifest.read_text())["status"] == "interrupted"
    res = subprocess.run(_cli("scrub", data, "-o", out, *args, "--resume"), env=_env(), capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 1, res.stderr
    m = json.loads(manifest.read_text())
    assert m["status"] == "complete" and m["totals"]["records_in"] == 122
    # resuming a finished run is a no-op
    again = subprocess.run(_cli("scrub", data, "-o", out, *args, "--resume"), env=_env(), capture_output=True,
                           text=True, timeout=120)
    assert again.returncode == 1 and json.loads(manifest.read_text())["updated_at"] == m["updated_at"]


def test_worker_start_failure_is_one_line_with_setup_exit_code(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Hello Jason Glover\n")
    key = tmp_path / "k.key"
    key.write_text(TEST_KEY)
    key.chmod(0o600)
    res = subprocess.run(_cli("scrub", src, "-o", tmp_path / "out.txt", "--key-file", key, "--workers", 2,
                              "--spacy-model", "no_such_model_installed"), env=_env(), capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 4
    assert res.stderr.strip().count("\n") == 0 and res.stderr.count("[E004]") == 1
    assert not (tmp_path / "out.txt").exists()
