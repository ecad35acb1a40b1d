"""Real processes: Ctrl-C (SIGINT to the whole process group, as a terminal sends it) at start-up and mid-run,
two concurrent runs on one output, and a write that fails for lack of room (issue 15 items 18, 23, 25).

Every wait is bounded; a hang fails the test instead of blocking the suite.
"""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faker import Faker

import privsynth

pytestmark = pytest.mark.slow

TEST_KEY = "privsynth-signals-test-key-0005"
SRC = str(Path(privsynth.__file__).resolve().parents[1])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PRIVSYNTH_KEY", None)
    return env


def _cli(*args: object) -> list[str]:
    return [sys.executable, "-c", "from privsynth.cli import main; main()", *map(str, args)]


def _corpus(path: Path, n: int, seed: int) -> Path:
    fake = Faker("en_US")
    fake.seed_instance(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": i, "text": f"Hi, I'm {fake.name()} ({fake.free_email()}), "
                                              f"{fake.phone_number()}. {fake.sentence(nb_words=12)}"}) + "\n")
    return path


@pytest.fixture()
def key(tmp_path: Path) -> Path:
    k = tmp_path / "k.key"
    k.write_text(TEST_KEY)
    k.chmod(0o600)
    return k


def _default_sigint() -> None:
    # As in a terminal: Ctrl-C is handled. A shell starts background jobs (`make test &`, a CI step run in the
    # background) with SIGINT ignored, and an ignored signal stays ignored across exec, so the run would never see it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt(proc: subprocess.Popen, after: float) -> tuple[int, str]:
    time.sleep(after)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    try:
        _, err = proc.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("the run hung after Ctrl-C")
    return proc.returncode, err


@pytest.mark.parametrize("after", [1.0, "mid-run"])
def test_ctrl_c_to_a_two_worker_run_exits_130_without_a_traceback(tmp_path: Path, key: Path, after) -> None:
    data = _corpus(tmp_path / "in.jsonl", 400, seed=23)
    out = tmp_path / "out.jsonl"
    manifest = Path(str(out) + ".manifest.json")
    proc = subprocess.Popen(_cli("scrub", data, "-o", out, "--key-file", key, "--workers", 2, "--chunk-size", 4,
                                 "--checkpoint-every", 8, "--progress", "none"),
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=_default_sigint)
    if after == "mid-run":  # wait for the first checkpoint: the workers are busy
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if json.loads(manifest.read_text())["checkpoint"]["units_done"] > 0:
                    break
            except (FileNotFoundError, json.JSONDecodeError, KeyError):
                pass
            time.sleep(0.05)
        after = 0.0
    code, err = _interrupt(proc, after)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert code == 130, err
    assert err.strip().splitlines()[-1].startswith("privsynth: error: interrupted")
    assert not out.exists()


def test_two_runs_on_one_output_one_fails_cleanly(tmp_path: Path, key: Path) -> None:
    a = _corpus(tmp_path / "a.jsonl", 60, seed=1)
    b = _corpus(tmp_path / "b.jsonl", 60, seed=2)
    out = tmp_path / "same.jsonl"
    common = ["-o", out, "--key-file", key, "--progress", "none", "--overwrite"]
    first = subprocess.Popen(_cli("scrub", a, *common), env=_env(), stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    lock = tmp_path / ".same.jsonl.privsynth-lock"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not lock.exists() and first.poll() is None:
        time.sleep(0.02)
    second = subprocess.run(_cli("scrub", b, *common), env=_env(), capture_output=True, text=True, timeout=300)
    _, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 3 and "another privsynth run is writing this output" in second.stderr
    lines = [json.loads(x) for x in out.read_text().splitlines()]  # every line valid JSON, all from input a
    assert [r["id"] for r in lines] == list(range(60))
    manifest = json.loads(Path(str(out) + ".manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["inputs"][0]["source"] == str(a)
    assert not lock.exists()


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead of killing us
    resource.setrlimit(resource.RLIMIT_FSIZE, (96 * 1024, 96 * 1024))


def test_a_full_disk_names_the_file_and_publishes_nothing(tmp_path: Path, key: Path) -> None:
    data = _corpus(tmp_path / "in.jsonl", 1500, seed=25)  # ≈ 200 KB of output: past the 96 KB limit
    out = tmp_path / "out.jsonl"
    res = subprocess.run(_cli("scrub", data, "-o", out, "--key-file", key, "--no-ner", "--progress", "none",
                              "--checkpoint-every", 200),
                         env=_env(), capture_output=True, text=True, timeout=600, preexec_fn=_limit_file_size)
    assert res.returncode == 5, res.stderr
    last = res.stderr.strip().splitlines()[-1]
    assert ".out.jsonl.privsynth-partial" in last and "File too large" in last and "--resume" in last
    assert not out.exists()
    manifest = Path(str(out) + ".manifest.json")
    assert not manifest.exists() or json.loads(manifest.read_text())["status"] == "failed"
