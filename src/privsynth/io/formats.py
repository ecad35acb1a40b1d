"""Record readers and writers for JSONL, plain text, CSV/TSV and Parquet.

A reader turns an input into a stream of :class:`Unit`\\ s: one per line (JSONL, text), per data row (CSV,
Parquet) or per file (``--whole-file``). A unit either carries the texts to scrub or a quarantine ``reason``
(one of :data:`REASONS`) with a short ``detail`` that names field and type but never quotes content. Readers
stream: memory is bounded by one record (capped by ``max_record_bytes``) and one Parquet batch.

A writer receives each processed unit with its new texts and writes the same record back with only the text
fields replaced. JSONL lines are edited in place (other fields keep their exact bytes).
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from .compression import CountingReader, SegmentWriter, open_decompressed, sniff_compression, split_compression
from .jsonl import parse_object
from .fields import (MISSING, FieldPath, append_member, dumps_json, dumps_string, get_path, has_wildcard, json_type,
                     locate, path_name, set_path, splice, turn_annotations)

FORMATS = ("jsonl", "txt", "csv", "parquet")
FORMAT_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "txt", ".text": "txt", ".csv": "csv",
                     ".tsv": "csv", ".parquet": "parquet", ".pq": "parquet"}
CANONICAL_EXTENSION = {"jsonl": ".jsonl", "txt": ".txt", "csv": ".csv", "parquet": ".parquet"}

#: Quarantine reason codes (stable: scripts may match on them).
REASONS = {
    "bad_json": "the line is not valid JSON",
    "not_an_object": "the JSON line is not an object",
    "missing_field": "a text field is missing",
    "not_a_string": "a text field is not a string (number, null, array, object)",
    "duplicate_field": "a text field occurs more than once in the object",
    "field_conflict": "the record already has the --annotations-field",
    "invalid_encoding": "the bytes are not valid UTF-8",
    "binary_data": "the record holds binary data (NUL or control bytes)",
    "record_too_large": "the record is larger than --max-record-bytes (rejected before NLP)",
    "bad_csv": "the CSV row cannot be parsed or has the wrong number of columns",
    "engine_error": "the scrubbing engine failed on this record",
}

_CONTROL = frozenset(range(0, 32)) - {9, 10, 11, 12, 13} | {127}


class JobError(Exception):
    """A whole input cannot be processed (missing column, unreadable file, unsupported format…)."""


@dataclass(slots=True)
class Unit:
    """One input unit (line, row or file) and what became of it."""

    number: int
    texts: list[str | None] | None = None
    reason: str | None = None
    detail: str | None = None
    payload: Any = None
    blank: bool = False
    nbytes: int = 0


@dataclass(frozen=True)
class ReadOptions:
    text_fields: tuple[FieldPath, ...] = (("text",),)
    max_record_bytes: int = 10 * 1024 * 1024
    allow_missing: bool = False
    whole_file: bool = False
    annotations_field: str | None = None  # set when --annotations is on: existing field → conflict


def detect_format(name: str) -> tuple[str | None, str | None]:
    """``(format, compression)`` from a file name; format is None when the extension is unknown."""
    base, compression = split_compression(name)
    suffix = os.path.splitext(base)[1].lower()
    return FORMAT_EXTENSIONS.get(suffix), compression


def csv_delimiter(name: str) -> str:
    base, _ = split_compression(name)
    return "\t" if base.lower().endswith(".tsv") else ","


def _decode(number: int, body: bytes, size: int) -> "str | Unit":
    """A record's bytes as text, or the quarantine unit saying why they are not text."""
    if _looks_binary(body):
        return _bad(number, "binary_data", None, size)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _bad(number, "invalid_encoding", f"invalid UTF-8 at byte {exc.start}", size)


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    if len(data) < 8:
        return False
    controls = sum(1 for b in data[:4096] if b in _CONTROL)
    return controls * 10 > min(len(data), 4096)


def _bad(number: int, reason: str, detail: str | None = None, nbytes: int = 0) -> Unit:
    return Unit(number, reason=reason, detail=detail, nbytes=nbytes)


# --------------------------------------------------------------------------------------------------- readers
class Reader:
    """Base reader: owns the raw input, its byte count (progress) and its checksum."""

    location = "line"

    def __init__(self, path: Path | None, fmt: str, compression: str | None, options: ReadOptions,
                 *, delimiter: str = ",") -> None:
        self.path = path
        self.format = fmt
        self.options = options
        self.delimiter = delimiter
        if path is None:
            raw: BinaryIO = sys.stdin.buffer
            self.size: int | None = None
            buffered = io.BufferedReader(raw, buffer_size=1 << 16) if not hasattr(raw, "peek") else raw
            if compression is None and fmt != "parquet":
                compression = sniff_compression(buffered.peek(4)[:4])  # type: ignore[attr-defined]
            raw = buffered
        else:
            try:
                raw = open(path, "rb")
            except OSError as exc:
                raise JobError(f"cannot open {str(path)!r}: {exc.strerror or type(exc).__name__}") from None
            self.size = os.fstat(raw.fileno()).st_size
        self.compression = compression
        self.counter = CountingReader(raw)
        self._stream: BinaryIO | None = None

    @property
    def position(self) -> int:
        """Bytes of the input file read so far (compressed bytes for compressed inputs)."""
        return self.counter.count

    def stream(self) -> BinaryIO:
        if self._stream is None:
            self._stream = open_decompressed(self.counter, self.compression)
        return self._stream

    def units(self, skip: int = 0) -> Iterator[Unit]:  # pragma: no cover - abstract
        raise NotImplementedError

    def record(self, unit: Unit) -> Any:
        """The unit's whole record as a JSON-like object (for ``--id-field``), or None for plain text."""
        return None

    def read_error(self) -> BaseException | None:
        """Why a compressed input stopped early (truncated/corrupt), or None when it was read to its end."""
        raw = getattr(self._stream, "raw", None)
        return getattr(raw, "error", None)

    def sha256(self) -> str | None:
        return self.counter.sha256()

    def finish(self) -> None:
        """Hash the rest of the file (if a reader stopped early) and close."""
        try:
            self.counter.drain()
        except Exception:  # a checksum is informative only; the data was read already
            pass
        self.close()

    def close(self) -> None:
        try:
            if self._stream is not None:
                self._stream.close()
            else:
                self.counter.close()
        except Exception:
            pass

    # shared checks -----------------------------------------------------------------------------------------
    def _texts_from_object(self, number: int, obj: Any, nbytes: int) -> Unit | list[str | None]:
        texts: list[str | None] = []
        for path in self.options.text_fields:
            value = get_path(obj, path)
            if value is MISSING:
                if self.options.allow_missing:
                    texts.append(None)
                    continue
                return _bad(number, "missing_field", f"field {path_name(path)!r} is missing", nbytes)
            if not isinstance(value, str):
                if value is None and self.options.allow_missing:
                    texts.append(None)
                    continue
                return _bad(number, "not_a_string", f"field {path_name(path)!r} is {json_type(value)}", nbytes)
            texts.append(value)
        return texts


class _LineReader(Reader):
    _consumed = 0

    @property
    def position(self) -> int:
        # Uncompressed: the exact offset of the last line handed out (the raw count runs a buffer ahead).
        return self._consumed if self.compression is None else self.counter.count

    def _lines(self, skip: int) -> Iterator[tuple[int, bytes | None, int]]:
        """``(number, line or None when too large, raw size)``; the first ``skip`` lines are only counted."""
        stream = self.stream()
        limit = self.options.max_record_bytes
        number = 0
        while True:
            line = stream.readline(limit + 2 if limit else -1)
            if not line:
                return
            number += 1
            size = len(line)
            self._consumed += size
            if limit and size > limit + 1 and not line.endswith(b"\n"):
                # too large: drain the rest of the line without keeping it
                while not line.endswith(b"\n"):
                    line = stream.readline(1 << 20)
                    if not line:
                        break
                    size += len(line)
                    self._consumed += len(line)
                if number > skip:
                    yield number, None, size
                continue
            if number > skip:
                yield number, line, size


class JsonlReader(_LineReader):
    location = "line"

    def units(self, skip: int = 0) -> Iterator[Unit]:
        limit = self.options.max_record_bytes
        for number, line, size in self._lines(skip):
            if line is None:
                yield _bad(number, "record_too_large", f"{size} bytes", size)
                continue
            body = line.rstrip(b"\r\n")
            if limit and len(body) > limit:
                yield _bad(number, "record_too_large", f"{len(body)} bytes", size)
                continue
            if not body.strip():
                yield Unit(number, blank=True, nbytes=size)
                continue
            if number == 1 and body.startswith(b"\xef\xbb\xbf"):
                body = body[3:]  # a UTF-8 byte-order mark (the output is written without one)
            text = _decode(number, body, size)
            if isinstance(text, Unit):
                yield text
                continue
            obj, reason, detail = parse_object(text)
            if obj is None:
                yield _bad(number, reason or "bad_json", detail, size)
                continue
            got = self._texts_from_object(number, obj, size)
            if isinstance(got, Unit):
                yield got
                continue
            spans: list[tuple[int, int] | None] = []
            dup = None
            for path, value in zip(self.options.text_fields, got):
                if value is None:
                    spans.append(None)
                    continue
                found = locate(text, path)
                if len(found) != 1:
                    dup = path
                    break
                spans.append(found[0])
            if dup is not None:
                yield _bad(number, "duplicate_field", f"field {path_name(dup)!r} occurs more than once", size)
                continue
            if self.options.annotations_field and self.options.annotations_field in obj:
                yield _bad(number, "field_conflict",
                           f"the record already has a field {self.options.annotations_field!r}", size)
                continue
            yield Unit(number, texts=got, payload=(text, spans, obj), nbytes=size)

    def record(self, unit: Unit) -> Any:
        return None if unit.payload is None else unit.payload[2]


class TextReader(_LineReader):
    @property
    def location(self) -> str:  # type: ignore[override]
        return "file" if self.options.whole_file else "line"

    def units(self, skip: int = 0) -> Iterator[Unit]:
        if self.options.whole_file:
            yield from self._whole(skip)
            return
        limit = self.options.max_record_bytes
        for number, line, size in self._lines(skip):
            if line is None:
                yield _bad(number, "record_too_large", f"{size} bytes", size)
                continue
            if line.endswith(b"\r\n"):
                body, ending = line[:-2], b"\r\n"
            elif line.endswith(b"\n"):
                body, ending = line[:-1], b"\n"
            else:
                body, ending = line, b""
            if limit and len(body) > limit:
                yield _bad(number, "record_too_large", f"{len(body)} bytes", size)
                continue
            text = _decode(number, body, size)
            if isinstance(text, Unit):
                yield text
                continue
            yield Unit(number, texts=[text], payload=ending, nbytes=size)

    def _whole(self, skip: int) -> Iterator[Unit]:
        if skip >= 1:
            return
        stream = self.stream()
        limit = self.options.max_record_bytes
        data = stream.read(limit + 1) if limit else stream.read()
        size = len(data)
        if limit and size > limit:
            while True:
                more = stream.read(1 << 20)
                if not more:
                    break
                size += len(more)
            yield _bad(1, "record_too_large", f"{size} bytes", size)
            return
        if _looks_binary(data):
            yield _bad(1, "binary_data", None, size)
            return
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield _bad(1, "invalid_encoding", f"invalid UTF-8 at byte {exc.start}", size)
            return
        yield Unit(1, texts=[text], payload=b"", nbytes=size)


class CsvReader(Reader):
    location = "row"

    def open_table(self) -> None:
        stream = self.stream()
        head = stream.peek(1 << 16)[: 1 << 16] if hasattr(stream, "peek") else b""
        nl = head.find(b"\n")
        self.lineterminator = "\r\n" if nl > 0 and head[nl - 1:nl] == b"\r" else "\n"
        limit = self.options.max_record_bytes
        wanted = max(csv.field_size_limit(), (limit + 1) if limit else sys.maxsize // 2)
        if wanted != csv.field_size_limit():
            csv.field_size_limit(wanted)
        self._text = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape", newline="")
        self._rows = csv.reader(self._text, delimiter=self.delimiter)
        try:
            header = next(self._rows)
        except StopIteration:
            header = []
        except csv.Error as exc:
            raise JobError(f"the CSV header of {self.display()} cannot be parsed ({exc})") from None
        if header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
            self.bom = True
        else:
            self.bom = False
        self.header = header
        if any(_has_escapes(h) for h in header):
            raise JobError(f"the CSV header of {self.display()} is not valid UTF-8")
        self.columns: list[int] = []
        if header:
            for path in self.options.text_fields:
                name = path_name(path)
                if name not in header:
                    # The names are not shown: in a file without a header row they are the first record.
                    raise JobError(f"column {name!r} is not in the CSV header of {self.display()} (its first row "
                                   f"has {len(header)} fields; their text is not shown, since a file without a "
                                   "header row would show its first record); choose the column with "
                                   "--text-field, or add a header row")
                self.columns.append(header.index(name))
            if self.options.annotations_field and self.options.annotations_field in header:
                raise JobError(f"{self.display()} already has a column {self.options.annotations_field!r}; "
                               "choose another --annotations-field")

    def display(self) -> str:
        return "<stdin>" if self.path is None else str(self.path)

    def record(self, unit: Unit) -> Any:
        return None if unit.payload is None else dict(zip(self.header, unit.payload))

    def units(self, skip: int = 0) -> Iterator[Unit]:
        if not hasattr(self, "header"):
            self.open_table()
        if not self.header:
            return
        width = len(self.header)
        limit = self.options.max_record_bytes
        number = 0
        while True:
            try:
                row = next(self._rows)
            except StopIteration:
                return
            except csv.Error as exc:
                number += 1
                if number <= skip:
                    continue
                reason = "record_too_large" if "field larger than field limit" in str(exc) else "bad_csv"
                yield _bad(number, reason, "field larger than the limit" if reason == "record_too_large"
                           else str(exc).split(":")[0][:80])
                continue
            number += 1
            if number <= skip:
                continue
            if len(row) != width:
                yield _bad(number, "bad_csv", f"row has {len(row)} fields, header has {width}")
                continue
            joined = "".join(row)
            if "\x00" in joined:
                yield _bad(number, "binary_data")
                continue
            if _has_escapes(joined):
                yield _bad(number, "invalid_encoding", "invalid UTF-8")
                continue
            texts: list[str | None] = [row[c] for c in self.columns]
            nbytes = sum(len(t.encode("utf-8")) for t in texts if t is not None)
            if limit and nbytes > limit:
                yield _bad(number, "record_too_large", f"{nbytes} bytes", nbytes)
                continue
            yield Unit(number, texts=texts, payload=row, nbytes=nbytes)


def _has_escapes(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text) if not text.isascii() else False


class ParquetReader(Reader):
    location = "row"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.path is None:
            raise JobError("Parquet cannot be read from stdin (it needs a seekable file); pass a file name")
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            self._pf = pq.ParquetFile(self.counter._raw)  # type: ignore[attr-defined]
        except Exception as exc:
            raise JobError(f"{self.path} is not a readable Parquet file ({type(exc).__name__})") from None
        self.schema = self._pf.schema_arrow
        meta = self._pf.metadata
        self.num_rows = meta.num_rows
        self.codec = "snappy"
        if meta.num_row_groups and meta.row_group(0).num_columns:
            self.codec = meta.row_group(0).column(0).compression.lower()
            if self.codec == "uncompressed":  # metadata says UNCOMPRESSED; pyarrow's writer calls it "none"
                self.codec = "none"
            if self.codec not in ("snappy", "gzip", "brotli", "zstd", "lz4", "none"):
                self.codec = "snappy"
        for path in self.options.text_fields:
            typ = _arrow_field_type(self.schema, path)
            if typ is None:
                raise JobError(f"column {path_name(path)!r} is not in the Parquet schema of {self.path} "
                               f"(columns: {', '.join(self.schema.names[:20])}); choose it with --text-field")
            if not (pa.types.is_string(typ) or pa.types.is_large_string(typ)
                    or (pa.types.is_dictionary(typ) and pa.types.is_string(typ.value_type))):
                raise JobError(f"column {path_name(path)!r} of {self.path} is {typ}, not a string column")
        if self.options.annotations_field and self.options.annotations_field in self.schema.names:
            raise JobError(f"{self.path} already has a column {self.options.annotations_field!r}; "
                           "choose another --annotations-field")
        self._rows_done = 0

    def record(self, unit: Unit) -> Any:
        return unit.payload

    @property
    def position(self) -> int:
        if not self.num_rows or self.size is None:
            return 0
        return int(self.size * min(1.0, self._rows_done / self.num_rows))

    def units(self, skip: int = 0) -> Iterator[Unit]:
        meta = self._pf.metadata
        group, before = 0, 0
        while group < meta.num_row_groups and before + meta.row_group(group).num_rows <= skip:
            before += meta.row_group(group).num_rows
            group += 1
        number = before
        self._rows_done = before
        limit = self.options.max_record_bytes
        if group >= meta.num_row_groups:
            return
        for batch in self._pf.iter_batches(batch_size=256, row_groups=list(range(group, meta.num_row_groups)),
                                           use_threads=False):
            for row in batch.to_pylist():
                number += 1
                self._rows_done = number
                if number <= skip:
                    continue
                got = self._texts_from_object(number, row, 0)
                if isinstance(got, Unit):
                    yield got
                    continue
                nbytes = sum(len(t.encode("utf-8", "surrogatepass")) for t in got if t is not None)
                if limit and nbytes > limit:
                    yield _bad(number, "record_too_large", f"{nbytes} bytes", nbytes)
                    continue
                yield Unit(number, texts=got, payload=row, nbytes=nbytes)

    def finish(self) -> None:
        # ParquetFile reads by seeking; hash the file in one sequential pass instead.
        import hashlib

        h = hashlib.sha256()
        assert self.path is not None
        with open(self.path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        self._sha = h.hexdigest()
        self.close()

    def sha256(self) -> str | None:
        return getattr(self, "_sha", None)

    def close(self) -> None:
        try:
            self._pf.close()
        except Exception:
            pass
        super().close()


def _arrow_field_type(schema: Any, path: FieldPath) -> Any:
    import pyarrow as pa

    typ = None
    fields = schema
    for i, part in enumerate(path):
        idx = fields.get_field_index(part) if hasattr(fields, "get_field_index") else -1
        if idx < 0:
            return None
        typ = fields.field(idx).type
        if i < len(path) - 1:
            if not pa.types.is_struct(typ):
                return None
            fields = typ
    return typ


READERS = {"jsonl": JsonlReader, "txt": TextReader, "csv": CsvReader, "parquet": ParquetReader}


def open_reader(path: Path | None, fmt: str, compression: str | None, options: ReadOptions,
                delimiter: str = ",") -> Reader:
    if fmt == "jsonl" and path is not None and not options.allow_missing:
        _check_first_record(path, compression, options)
    reader = READERS[fmt](path, fmt, compression, options, delimiter=delimiter)
    if isinstance(reader, CsvReader):
        reader.open_table()
    return reader


_KEY_SHOWN = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,39}")


def _check_first_record(path: Path, compression: str | None, options: ReadOptions) -> None:
    """A ``--text-field`` missing from the first record is almost always a typo: fail the input at once (instead
    of quarantining every record) and say which keys the record has. Keys are shown only when they look like
    field names (a key could be data); bad JSON is left to the reader, which quarantines it."""
    try:
        with open(path, "rb") as raw, open_decompressed(CountingReader(raw, hash_bytes=False), compression) as stream:
            for _ in range(1000):
                line = stream.readline(1 << 20)
                if not line or line.strip():
                    break
    except (OSError, EOFError, ValueError):
        return  # unreadable: the reader reports it
    obj, _, _ = parse_object(line.decode("utf-8", "replace").lstrip("\ufeff")) if line.strip() else (None, None, None)
    if not isinstance(obj, dict):
        return
    missing = [path_name(p) for p in options.text_fields if not has_wildcard(p) and get_path(obj, p) is MISSING]
    if missing:
        names = [k for k in obj if isinstance(k, str) and _KEY_SHOWN.fullmatch(k)][:20]
        hidden = len(obj) - len(names)
        shown = ", ".join(repr(k) for k in names) + (f" and {hidden} more not shown" if hidden else "")
        raise JobError(f"field {missing[0]!r} is not in the first record of {path} (its keys: {shown or 'none'}); "
                       "choose it with --text-field, or pass --allow-missing")


# --------------------------------------------------------------------------------------------------- writers
class ByteSink:
    """Bytes to a resumable partial file (see :class:`SegmentWriter`) or to stdout."""

    def __init__(self, path: Path | None, compression: str | None, resume_at: int | None = None) -> None:
        self.path = path
        self._stdout = sys.stdout.buffer if path is None else None
        self._writer = None if path is None else SegmentWriter(path, compression, resume_at=resume_at)

    def write(self, data: bytes) -> None:
        if self._writer is not None:
            self._writer.write(data)
        else:
            self._stdout.write(data)  # type: ignore[union-attr]

    def checkpoint(self) -> int:
        if self._writer is not None:
            return self._writer.checkpoint()
        self._stdout.flush()  # type: ignore[union-attr]
        return 0

    def close(self) -> int:
        if self._writer is not None:
            return self._writer.close()
        self._stdout.flush()  # type: ignore[union-attr]
        return 0

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.abort()


@dataclass
class WriteOptions:
    text_fields: tuple[FieldPath, ...] = (("text",),)
    annotations_field: str | None = None  # None: no annotations


def _annotations(spans: list[list[dict[str, Any]] | None], fields: tuple[FieldPath, ...],
                 texts: list[str | None] | None = None, record: Any = None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    many = len(fields) > 1
    for k, (path, field_spans) in enumerate(zip(fields, spans)):
        if field_spans and has_wildcard(path) and texts is not None and texts[k] is not None and record is not None:
            out.extend(turn_annotations(path, texts[k], field_spans, record))  # per turn, offsets in the turn
            continue
        for s in field_spans or ():
            out.append({**s, "field": path_name(path)} if many else dict(s))
    return out


class Writer:
    """Encodes processed units for one output file."""

    def __init__(self, sink: Any, options: WriteOptions, reader: Reader) -> None:
        self.sink = sink
        self.options = options
        self.reader = reader

    def begin(self) -> None:
        """Write what precedes the first record (CSV header). Not called when resuming a partial file."""

    def write(self, unit: Unit, texts: list[str | None], spans: list[list[dict[str, Any]] | None]) -> None:
        raise NotImplementedError

    def checkpoint(self) -> Any:
        return self.sink.checkpoint()

    def close(self) -> Any:
        return self.sink.close()

    def abort(self) -> None:
        self.sink.abort()


class JsonlWriter(Writer):
    def write(self, unit: Unit, texts: list[str | None], spans: list[list[dict[str, Any]] | None]) -> None:
        if self.reader.format == "jsonl":
            line, value_spans, obj = unit.payload
            keep = [(sp, dumps_string(t)) for sp, t in zip(value_spans, texts) if sp is not None and t is not None]
            line = splice(line, [k[0] for k in keep], [k[1] for k in keep])
            if self.options.annotations_field:
                ann = json.dumps(_annotations(spans, self.options.text_fields, texts, self.reader.record(unit)), ensure_ascii=False)
                line = append_member(line, self.options.annotations_field, ann, empty=not obj)
        else:
            record = self._as_object(unit, texts)
            if self.options.annotations_field:
                record[self.options.annotations_field] = _annotations(spans, self.options.text_fields, texts, self.reader.record(unit))
            line = dumps_json(record)
        self.sink.write(line.encode("utf-8") + b"\n")

    def _as_object(self, unit: Unit, texts: list[str | None]) -> dict[str, Any]:
        fmt = self.reader.format
        if fmt == "txt":
            return {"text": texts[0]}
        if fmt == "csv":
            record = dict(zip(self.reader.header, unit.payload))  # type: ignore[attr-defined]
        else:
            record = dict(unit.payload)
        for path, text in zip(self.options.text_fields, texts):
            if text is not None:
                set_path(record, path, text)
        return record


class TextWriter(Writer):
    def write(self, unit: Unit, texts: list[str | None], spans: list[list[dict[str, Any]] | None]) -> None:
        self.sink.write((texts[0] or "").encode("utf-8", "surrogateescape") + unit.payload)


class CsvWriter(Writer):
    def __init__(self, sink: Any, options: WriteOptions, reader: Reader) -> None:
        super().__init__(sink, options, reader)
        assert isinstance(reader, CsvReader)
        self._buf = io.StringIO()
        self._csv = csv.writer(self._buf, delimiter=reader.delimiter, lineterminator=reader.lineterminator)

    def _emit(self, row: list[str]) -> None:
        self._csv.writerow(row)
        data = self._buf.getvalue()
        self._buf.seek(0)
        self._buf.truncate()
        self.sink.write(data.encode("utf-8"))

    def begin(self) -> None:
        reader: CsvReader = self.reader  # type: ignore[assignment]
        if not reader.header:
            return
        header = list(reader.header)
        if self.options.annotations_field:
            header.append(self.options.annotations_field)
        if reader.bom:
            self.sink.write("\ufeff".encode("utf-8"))
        self._emit(header)

    def write(self, unit: Unit, texts: list[str | None], spans: list[list[dict[str, Any]] | None]) -> None:
        reader: CsvReader = self.reader  # type: ignore[assignment]
        row = list(unit.payload)
        for col, text in zip(reader.columns, texts):
            if text is not None:
                row[col] = text
        if self.options.annotations_field:
            row.append(json.dumps(_annotations(spans, self.options.text_fields, texts, self.reader.record(unit)), ensure_ascii=False))
        self._emit(row)


class ParquetSink:
    """Rows to Parquet. Each checkpoint writes the rows so far as one segment file (one row group); finishing
    concatenates the segments into the output. Resuming keeps the first ``n`` segments."""

    def __init__(self, final_tmp: Path, schema: Any, codec: str, resume_at: int | None = None) -> None:
        self.final_tmp = final_tmp
        self.dir = final_tmp.with_name(final_tmp.name + ".segments")
        self.schema = schema
        self.codec = codec
        self._rows: list[dict[str, Any]] = []
        if resume_at is None:
            if self.dir.exists():
                for f in self.dir.iterdir():
                    f.unlink()
            self.dir.mkdir(parents=True, exist_ok=True)
            self.segments = 0
        else:
            have = sorted(self.dir.glob("seg-*.parquet")) if self.dir.is_dir() else []
            if len(have) < resume_at:
                raise OSError(f"partial Parquet output {self.dir} has {len(have)} segments, checkpoint says {resume_at}")
            for f in have[resume_at:]:
                f.unlink()
            self.segments = resume_at

    def add(self, row: dict[str, Any]) -> None:
        self._rows.append(row)

    def checkpoint(self) -> int:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._rows:
            table = pa.Table.from_pylist(self._rows, schema=self.schema)
            seg = self.dir / f"seg-{self.segments + 1:06d}.parquet"
            tmp = seg.with_suffix(".tmp")
            pq.write_table(table, tmp, compression=self.codec, row_group_size=max(1, len(self._rows)))
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, seg)
            self.segments += 1
            self._rows = []
        return self.segments

    def close(self) -> int:
        import pyarrow.parquet as pq

        self.checkpoint()
        with pq.ParquetWriter(self.final_tmp, self.schema, compression=self.codec) as writer:
            for k in range(1, self.segments + 1):
                seg = self.dir / f"seg-{k:06d}.parquet"
                writer.write_table(pq.read_table(seg, schema=self.schema))
        with open(self.final_tmp, "rb") as fh:
            os.fsync(fh.fileno())
        for f in self.dir.iterdir():
            f.unlink()
        self.dir.rmdir()
        return self.segments

    def abort(self) -> None:
        self._rows = []


class ParquetWriter(Writer):
    def write(self, unit: Unit, texts: list[str | None], spans: list[list[dict[str, Any]] | None]) -> None:
        row = dict(unit.payload)
        for path, text in zip(self.options.text_fields, texts):
            if text is not None:
                set_path(row, path, text)
        if self.options.annotations_field:
            row[self.options.annotations_field] = _annotations(spans, self.options.text_fields, texts, self.reader.record(unit))
        self.sink.add(row)


def parquet_output_schema(reader: ParquetReader, annotations_field: str | None, many_fields: bool) -> Any:
    import pyarrow as pa

    schema = reader.schema
    if annotations_field:
        span = [pa.field("start", pa.int64()), pa.field("end", pa.int64()), pa.field("entity_type", pa.string())]
        if many_fields:
            span.append(pa.field("field", pa.string()))
        schema = schema.append(pa.field(annotations_field, pa.list_(pa.struct(span))))
    return schema.remove_metadata() if schema.metadata and b"pandas" in schema.metadata and annotations_field \
        else schema


def findings_line(source: str, location: str, number: int, findings: list[dict[str, Any]],
                  record: Any = None, id_fields: tuple[FieldPath, ...] = ()) -> bytes:
    """One line of ``privsynth detect`` output: where the record is, its ids, and its findings (never text)."""
    out: dict[str, Any] = {"source": source, location: number}
    for path in id_fields:
        value = get_path(record, path) if isinstance(record, dict) else MISSING
        if value is not MISSING:
            out[path_name(path)] = value
    out["findings"] = findings
    return json.dumps(out, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass") + b"\n"


WRITERS = {"jsonl": JsonlWriter, "txt": TextWriter, "csv": CsvWriter, "parquet": ParquetWriter}
