"""Remote storage through fsspec: memory://, local files, and a local S3 server (moto's server mode, 127.0.0.1 only),
end to end with ``privsynth scrub s3://… -o s3://…`` and ``--resume``."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

fsspec = pytest.importorskip("fsspec")

import privsynth  # noqa: E402
from privsynth.cli import run_cli  # noqa: E402
from privsynth.errors import InputError  # noqa: E402
from privsynth.io.remote import Staging, atomic_output, display, is_remote, open_input, stage  # noqa: E402

from conftest import TEST_KEY  # noqa: E402

DOCS = ["Hi, I'm Jason Glover, call me at 415-555-0132.", "Sandra Hogan wrote to sandra.hogan@gmail.com.",
        "Nothing personal in this one."]


@pytest.fixture()
def memfs():
    fs = fsspec.filesystem("memory")
    root = f"/privsynth-test-{id(fs)}"
    yield fs, root
    try:
        fs.rm(root, recursive=True)
    except FileNotFoundError:
        pass


def test_urls_and_display():
    assert is_remote("s3://b/k") and is_remote("memory://x") and is_remote("hf://datasets/a/b")
    assert not is_remote("/tmp/x") and not is_remote("file:///tmp/x") and not is_remote("-") and not is_remote(None)
    assert display("s3://user:secret@bucket/k.jsonl?X-Amz-Signature=abc") == "s3://bucket/k.jsonl"


def test_memory_atomic_output(memfs):
    fs, root = memfs
    url = f"memory://{root}/out.jsonl"
    with atomic_output(url) as fh:
        fh.write(b"first\n")
    assert fs.cat(f"{root}/out.jsonl") == b"first\n"
    with pytest.raises(RuntimeError):
        with atomic_output(url) as fh:
            fh.write(b"half of a second vers")
            raise RuntimeError("stop")
    assert fs.cat(f"{root}/out.jsonl") == b"first\n"  # the previous object stays
    assert fs.ls(root, detail=False) == [f"{root}/out.jsonl"]  # no temporary key left behind
    with open_input(url) as fh:
        assert fh.read() == b"first\n"
    with pytest.raises(InputError, match="does not exist"):
        open_input(f"memory://{root}/missing.jsonl")


def test_local_atomic_output(tmp_path):
    target = tmp_path / "o.txt"
    with pytest.raises(RuntimeError):
        with atomic_output(str(target)) as fh:
            fh.write(b"x")
            raise RuntimeError
    assert not target.exists() and list(tmp_path.iterdir()) == []
    with atomic_output(f"file://{target}") as fh:
        fh.write(b"done")
    assert target.read_bytes() == b"done"


def test_unknown_store_is_a_clear_error():
    with pytest.raises(InputError, match="gcsfs"):
        open_input("gs://bucket/data.jsonl")


def _key_file(tmp_path: Path) -> Path:
    key = tmp_path / "test.key"
    key.write_text(TEST_KEY + "\n")
    key.chmod(0o600)
    return key


def _run(factory, args: list[str]) -> tuple[int, str]:
    with CliRunner().isolation() as (_, err, _x):
        code = run_cli([str(a) for a in args], obj={"scrubber_factory": factory})
        return code, err.getvalue().decode("utf-8", "replace")


def test_cli_memory_to_memory(factory, memfs, tmp_path, monkeypatch):
    fs, root = memfs
    monkeypatch.setenv("PRIVSYNTH_STAGING", str(tmp_path / "staging"))
    fs.pipe(f"{root}/in.jsonl", "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(DOCS)).encode())
    code, err = _run(factory, ["scrub", f"memory://{root}/in.jsonl", "-o", f"memory://{root}/out/clean.jsonl",
                               "--key-file", _key_file(tmp_path)])
    assert code == 0, err
    lines = fs.cat(f"{root}/out/clean.jsonl").decode().splitlines()
    assert [json.loads(x)["text"] for x in lines] == [privsynth.scrub(t, key=TEST_KEY).text for t in DOCS]
    assert fs.exists(f"{root}/out/clean.jsonl.manifest.json")
    assert not (tmp_path / "staging" / "out").exists() or not any((tmp_path / "staging" / "out").rglob("*.jsonl"))


# ------------------------------------------------------------------------------------------------ local S3
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3():
    pytest.importorskip("s3fs")
    moto_server = pytest.importorskip("moto.server")
    import boto3

    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    options = {"key": "testing", "secret": "testing",
               "client_kwargs": {"endpoint_url": endpoint, "region_name": "us-east-1"}}
    boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="testing", aws_secret_access_key="testing",
                 region_name="us-east-1").create_bucket(Bucket="privsynth-test")
    try:
        yield options
    finally:
        server.stop()


def test_s3_atomic_output_single_put(s3):
    import s3fs

    fs = s3fs.S3FileSystem(**s3)
    url = "s3://privsynth-test/atomic/out.jsonl"
    with atomic_output(url, **s3) as fh:
        fh.write(b"v1\n")
    assert fs.cat(url) == b"v1\n"
    with pytest.raises(RuntimeError):
        with atomic_output(url, **s3) as fh:
            fh.write(b"v2 partial")
            raise RuntimeError
    fs.invalidate_cache()
    assert fs.cat(url) == b"v1\n"
    assert fs.ls("privsynth-test/atomic", detail=False) == ["privsynth-test/atomic/out.jsonl"]


def test_s3_staging_reuses_unchanged_input(s3, tmp_path, monkeypatch):
    import s3fs

    monkeypatch.setenv("PRIVSYNTH_STAGING", str(tmp_path / "staging"))
    fs = s3fs.S3FileSystem(**s3)
    fs.pipe("privsynth-test/stage/in.jsonl", b'{"text": "a"}\n')
    first = Staging.prepare(["s3://privsynth-test/stage/in.jsonl"], None, **s3)
    local = Path(first.inputs[0])
    assert local.read_bytes() == b'{"text": "a"}\n'
    stamp = local.stat().st_mtime_ns
    again = stage(["s3://privsynth-test/stage/in.jsonl"], None, **s3)
    assert again is not None and Path(again.inputs[0]).stat().st_mtime_ns == stamp  # not downloaded again
    fs.pipe("privsynth-test/stage/in.jsonl", b'{"text": "changed"}\n')
    third = Staging.prepare(["s3://privsynth-test/stage/in.jsonl"], None, **s3)
    assert Path(third.inputs[0]).read_bytes() == b'{"text": "changed"}\n'
    with pytest.raises(InputError, match="does not exist"):
        Staging.prepare(["s3://privsynth-test/stage/nope.jsonl"], None, **s3)


@pytest.mark.slow
def test_cli_s3_to_s3_and_resume(factory, s3, tmp_path, monkeypatch):
    import s3fs

    monkeypatch.setenv("PRIVSYNTH_STAGING", str(tmp_path / "staging"))
    monkeypatch.setitem(fsspec.config.conf, "s3", dict(s3))  # what FSSPEC_S3='{…}' sets for the command
    fs = s3fs.S3FileSystem(**s3)
    docs = DOCS * 4
    fs.pipe("privsynth-test/job/in.jsonl",
            "".join(json.dumps({"text": t}) + "\n" for t in docs).encode())
    key = _key_file(tmp_path)
    args = ["scrub", "s3://privsynth-test/job/in.jsonl", "-o", "s3://privsynth-test/job/out.jsonl",
            "--key-file", key]
    code, err = _run(factory, args)
    assert code == 0, err
    fs.invalidate_cache()
    out = fs.cat("s3://privsynth-test/job/out.jsonl").decode().splitlines()
    assert [json.loads(x)["text"] for x in out] == [privsynth.scrub(t, key=TEST_KEY).text for t in docs]
    manifest = json.loads(fs.cat("s3://privsynth-test/job/out.jsonl.manifest.json"))
    assert manifest["status"] == "complete" and TEST_KEY not in json.dumps(manifest)
    assert "s3://privsynth-test/job/out.jsonl" in err and TEST_KEY not in err
    # a rerun with --resume of a finished job changes nothing
    code, err = _run(factory, args + ["--resume"])
    assert code == 0, err
    fs.invalidate_cache()
    assert fs.cat("s3://privsynth-test/job/out.jsonl").decode().splitlines() == out
    # a missing input: the usual exit code for a missing input, with the URL (no credentials) in the message
    code, err = _run(factory, ["scrub", "s3://privsynth-test/job/missing.jsonl", "-o", "s3://privsynth-test/x.jsonl",
                               "--key-file", key])
    assert code == 3 and "s3://privsynth-test/job/missing.jsonl" in err and "testing" not in err


def test_cli_memory_folder_to_folder(factory, memfs, tmp_path, monkeypatch):
    fs, root = memfs
    monkeypatch.setenv("PRIVSYNTH_STAGING", str(tmp_path / "staging"))
    for n, doc in enumerate(DOCS[:2]):
        fs.pipe(f"{root}/in/part-{n}.jsonl", (json.dumps({"text": doc}) + "\n").encode())
    code, err = _run(factory, ["scrub", f"memory://{root}/in/", "-o", f"memory://{root}/out/",
                               "--key-file", _key_file(tmp_path)])
    assert code == 0, err
    for n, doc in enumerate(DOCS[:2]):
        got = json.loads(fs.cat(f"{root}/out/part-{n}.jsonl"))["text"]
        assert got == privsynth.scrub(doc, key=TEST_KEY).text
    names = [p.rsplit("/", 1)[-1] for p in fs.find(f"{root}/out")]
    assert not [n for n in names if "privsynth-partial" in n]
