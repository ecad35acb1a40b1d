"""privsynth.io: compression, resumable segments, atomic writes, field paths, readers and quarantine (no NLP)."""
from __future__ import annotations

import bz2
import gzip
import io
import json
from pathlib import Path

import pytest
import zstandard

from privsynth.batch import PlanError, plan_jobs, sidecar
from privsynth.io.atomic import partial_path, write_atomic
from privsynth.io.compression import SegmentWriter, split_compression
from privsynth.io.fields import append_member, get_path, locate, parse_path, splice, MISSING
from privsynth.io.formats import ReadOptions, detect_format, open_reader
from privsynth.io.quarantine import Quarantine

DECOMPRESS = {None: lambda b: b, "gzip": gzip.decompress, "bz2": bz2.decompress,
              "zstd": lambda b: zstandard.ZstdDecompressor().stream_reader(io.BytesIO(b)).read()}


@pytest.mark.parametrize("compression", [None, "gzip", "zstd", "bz2"])
def test_segment_writer_resume_is_byte_identical(tmp_path: Path, compression: str | None) -> None:
    lines = [f"record {i} " .encode() * (i % 7 + 1) + b"\n" for i in range(300)]
    ref = tmp_path / "ref"
    w = SegmentWriter(ref, compression)
    for i, line in enumerate(lines):
        w.write(line)
        if i % 50 == 49:
            w.checkpoint()
    w.close()
    # an interrupted writer: checkpoint at 150, then garbage after it (a half-written member), then resume
    part = tmp_path / "part"
    w = SegmentWriter(part, compression)
    state = None
    for i, line in enumerate(lines[:170]):
        w.write(line)
        if i % 50 == 49:
            state = w.checkpoint()
    w._file.flush()
    w.abort()
    w = SegmentWriter(part, compression, resume_at=state)
    for i, line in enumerate(lines[150:], start=150):
        w.write(line)
        if i % 50 == 49:
            w.checkpoint()
    w.close()
    assert part.read_bytes() == ref.read_bytes()
    assert DECOMPRESS[compression](ref.read_bytes()) == b"".join(lines)
    if compression == "gzip":  # the standard readers see one stream
        with gzip.open(ref, "rb") as fh:
            assert fh.read() == b"".join(lines)


def test_empty_compressed_output_is_valid(tmp_path: Path) -> None:
    for kind in ("gzip", "zstd", "bz2"):
        p = tmp_path / f"e.{kind}"
        SegmentWriter(p, kind).close()
        assert DECOMPRESS[kind](p.read_bytes()) == b""


def test_split_and_detect_format() -> None:
    assert split_compression("a.jsonl.gz") == ("a.jsonl", "gzip")
    assert split_compression("a.csv.ZST") == ("a.csv", "zstd")
    assert detect_format("x/y.ndjson.bz2") == ("jsonl", "bz2")
    assert detect_format("d.tsv") == ("csv", None)
    assert detect_format("d.parquet") == ("parquet", None)
    assert detect_format("notes.md") == (None, None)


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "m.json"
    target.write_text("old")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]
    write_atomic(tmp_path / "k", "secret", mode=0o600)
    assert (tmp_path / "k").stat().st_mode & 0o777 == 0o600
    assert partial_path(tmp_path / "a.jsonl").name == ".a.jsonl.privsynth-partial"


def test_field_paths_and_byte_faithful_splice() -> None:
    line = '{"id": 1.50, "meta" : {"body":"Hi \\u00e9 John", "n": [1, {"x": "y"}]}, "text": "a", "z": null}'
    obj = json.loads(line)
    assert get_path(obj, parse_path("meta.body")) == "Hi é John"
    assert get_path(obj, parse_path("meta.n.1.x")) == "y"
    assert get_path(obj, parse_path("meta.missing")) is MISSING
    spans = locate(line, ("meta", "body"))
    assert len(spans) == 1 and json.loads(line[slice(*spans[0])]) == "Hi é John"
    out = splice(line, [spans[0], locate(line, ("text",))[0]], ['"Hi é Mark"', '"b"'])
    assert out == '{"id": 1.50, "meta" : {"body":"Hi é Mark", "n": [1, {"x": "y"}]}, "text": "b", "z": null}'
    assert json.loads(append_member(out, "annotations", "[]", empty=False))["annotations"] == []
    assert append_member("{}", "a", "1", empty=True) == '{"a": 1}'
    assert len(locate('{"text": "a", "text": "b"}', ("text",))) == 2
    with pytest.raises(ValueError):
        parse_path("meta..body")


def _units(path: Path, fmt: str, **opts) -> list:
    options = ReadOptions(**opts)
    reader = open_reader(path, fmt, split_compression(path.name)[1], options, "\t" if path.suffix == ".tsv" else ",")
    try:
        return list(reader.units())
    finally:
        reader.finish()


def test_jsonl_reader_quarantines_every_bad_kind(tmp_path: Path) -> None:
    p = tmp_path / "bad.jsonl"
    with open(p, "wb") as fh:
        fh.write(b'{"text": "fine", "id": 1}\n')                      # 1 ok
        fh.write(b'{"text": "unterminated\n')                          # 2 bad_json
        fh.write(b'{"body": "no text field"}\n')                       # 3 missing_field
        fh.write(b'{"text": 42}\n')                                    # 4 not_a_string
        fh.write(b'{"text": "caf\xe9 latin-1"}\n')                     # 5 invalid_encoding
        fh.write(b'\x00\x01\x02binary\xff\xfe garbage\x00\n')          # 6 binary_data
        fh.write(b'\n')                                                # 7 blank (not a record)
        fh.write(b'[1, 2]\n')                                          # 8 not_an_object
        fh.write(b'{"text": "a", "text": "b"}\n')                      # 9 duplicate_field
        fh.write(b'{"text": "' + b"x" * 5000 + b'"}\n')                # 10 record_too_large (limit 1000)
        fh.write(b'{"text": null}')                                    # 11 not_a_string, no final newline
    units = _units(p, "jsonl", max_record_bytes=1000)
    got = {u.number: (u.reason, u.blank) for u in units}
    assert got == {1: (None, False), 2: ("bad_json", False), 3: ("missing_field", False),
                   4: ("not_a_string", False), 5: ("invalid_encoding", False), 6: ("binary_data", False),
                   7: (None, True), 8: ("not_an_object", False), 9: ("duplicate_field", False),
                   10: ("record_too_large", False), 11: ("not_a_string", False)}
    assert units[0].texts == ["fine"]
    for u in units:  # details name fields and types, never content
        assert "fine" not in (u.detail or "") and "caf" not in (u.detail or "")
    allowed = _units(p, "jsonl", max_record_bytes=1000, allow_missing=True)
    assert allowed[2].reason is None and allowed[2].texts == [None]
    assert allowed[10].reason is None and allowed[10].texts == [None]


def test_txt_reader_keeps_line_endings_and_whole_file(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"one\r\ntwo\n\nbad \xff\nlast")
    units = _units(p, "txt")
    assert [(u.number, u.texts, u.payload, u.reason) for u in units] == [
        (1, ["one"], b"\r\n", None), (2, ["two"], b"\n", None), (3, [""], b"\n", None),
        (4, None, None, "invalid_encoding"), (5, ["last"], b"", None)]
    whole = _units(_write(tmp_path / "w.txt", b"Line 1\nLine 2\n"), "txt", whole_file=True)
    assert len(whole) == 1 and whole[0].texts == ["Line 1\nLine 2\n"]


def _write(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p


def test_csv_reader_rows_and_bad_rows(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_bytes(b'id,body\r\n1,"multi\r\nline"\r\n2,short row,extra\r\n3,"bad \xff"\r\n4,ok\r\n')
    units = _units(p, "csv", text_fields=(("body",),))
    assert [(u.number, u.reason) for u in units] == [(1, None), (2, "bad_csv"), (3, "invalid_encoding"), (4, None)]
    assert units[0].texts == ["multi\r\nline"]
    from privsynth.io.formats import JobError
    with pytest.raises(JobError, match="column 'text' is not in the CSV header"):
        _units(p, "csv")


def test_parquet_reader_validates_columns(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    p = tmp_path / "d.parquet"
    pq.write_table(pa.table({"id": [1, 2, 3], "text": ["a", None, "c"], "n": [1.0, 2.0, 3.0]}), p, row_group_size=2)
    units = _units(p, "parquet")
    assert [(u.number, u.reason) for u in units] == [(1, None), (2, "not_a_string"), (3, None)]
    from privsynth.io.formats import JobError
    with pytest.raises(JobError, match="not a string column"):
        _units(p, "parquet", text_fields=(("n",),))


def test_quarantine_file_is_atomic_and_removed_when_empty(tmp_path: Path) -> None:
    final = tmp_path / "out.quarantine.jsonl"
    final.write_text("stale\n")
    q = Quarantine(final)
    q.close()
    assert not final.exists()
    q = Quarantine(final)
    q.add("a.jsonl", "line", 3, "bad_json", "Expecting value at column 1")
    assert not final.exists()  # only published when the run finishes
    assert q.close()
    assert json.loads(final.read_text()) == {"source": "a.jsonl", "line": 3, "reason": "bad_json",
                                             "detail": "Expecting value at column 1"}


def test_plan_jobs_mirrors_directories_and_checks_collisions(tmp_path: Path) -> None:
    src = tmp_path / "shards"
    (src / "sub").mkdir(parents=True)
    for name in ("a.jsonl.gz", "sub/b.csv", "c.parquet", "notes.md", ".hidden.jsonl", "x.manifest.json"):
        (src / name).write_bytes(b"")
    jobs = plan_jobs([str(src)], str(tmp_path / "out"))
    assert [(Path(j.source).name, j.output.relative_to(tmp_path).as_posix()) for j in jobs] == [
        ("a.jsonl.gz", "out/a.jsonl.gz"), ("c.parquet", "out/c.parquet"), ("b.csv", "out/sub/b.csv")]
    only = plan_jobs([str(src)], str(tmp_path / "out"), fmt="parquet")
    assert [Path(j.source).name for j in only] == ["c.parquet"]
    conv = plan_jobs([str(src / "sub" / "b.csv")], str(tmp_path / "o") + "/", out_fmt="jsonl")
    assert conv[0].output.name == "b.jsonl" and conv[0].out_format == "jsonl"
    with pytest.raises(PlanError, match="need -o"):
        plan_jobs([str(src)], None)
    with pytest.raises(PlanError, match="inside the input"):
        plan_jobs([str(src)], str(src / "out"))
    with pytest.raises(PlanError, match="does not exist"):
        plan_jobs([str(tmp_path / "nope.jsonl")], None)
    with pytest.raises(PlanError, match="cannot convert"):
        plan_jobs([str(src / "sub" / "b.csv")], str(tmp_path / "x.parquet"))
    f = tmp_path / "same.jsonl"
    f.write_text("")
    with pytest.raises(PlanError, match="the input itself"):
        plan_jobs([str(f)], str(f))
    assert sidecar(str(tmp_path / "out") + "/", ".manifest.json") == tmp_path / "out.manifest.json"
    assert sidecar("-", ".manifest.json") is None


@pytest.mark.parametrize("compression,ext", [("gzip", ".gz"), ("zstd", ".zst"), ("bz2", ".bz2")])
def test_truncated_compressed_input_keeps_the_readable_part(tmp_path: Path, compression: str, ext: str) -> None:
    lines = [json.dumps({"text": f"record number {i} " + "lorem ipsum " * (i % 13)}).encode() + b"\n"
             for i in range(3000)]
    p = tmp_path / f"in.jsonl{ext}"
    w = SegmentWriter(p, compression)
    for i, line in enumerate(lines):
        w.write(line)
        if i % 500 == 499:
            w.checkpoint()  # several members/frames/streams, like our own outputs
    w.close()
    full = p.read_bytes()
    whole = _units(p, "jsonl")
    assert [u.texts[0] for u in whole] == [json.loads(x)["text"] for x in lines]
    p.write_bytes(full[: int(len(full) * 0.6)])
    options = ReadOptions()
    reader = open_reader(p, "jsonl", compression, options)
    units = list(reader.units())
    error = reader.read_error()
    reader.finish()
    assert isinstance(error, EOFError)
    good = [u for u in units if u.reason is None]
    assert len(good) >= 500  # at least the complete members before the cut
    assert [u.texts[0] for u in good] == [json.loads(x)["text"] for x in lines[: len(good)]]
    assert all(u.reason == "bad_json" for u in units[len(good):])  # at most the one line cut in half


def test_lock_path_sits_next_to_the_output_or_inside_a_dot_output(tmp_path: Path) -> None:
    from privsynth.io.atomic import LockHeld, OutputLock, lock_path

    assert lock_path(tmp_path / "o.jsonl") == tmp_path / ".o.jsonl.privsynth-lock"
    assert lock_path(str(tmp_path / "out") + "/") == tmp_path / ".out.privsynth-lock"
    assert lock_path(".") == Path(".privsynth.privsynth-lock")  # -o . : inside it, like the manifest
    lock = OutputLock(lock_path(tmp_path / "o.jsonl"))
    with lock:
        with pytest.raises(LockHeld):
            OutputLock(lock_path(tmp_path / "o.jsonl")).acquire()
    assert not lock_path(tmp_path / "o.jsonl").exists()
    with OutputLock(lock_path(tmp_path / "o.jsonl")):  # free again
        pass
