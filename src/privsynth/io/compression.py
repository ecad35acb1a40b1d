"""Compressed streams chosen by file extension (gzip, zstd, bz2), for reading and for resumable writing.

Reading wraps the raw file in a :class:`CountingReader` so that progress (bytes of the *file*, compressed or not)
and the input checksum come for free in the same pass.

Writing goes through :class:`SegmentWriter`. A *checkpoint* ends the current compression member (a gzip member,
a zstd frame, a bz2 stream; all three formats define a file as a concatenation of those, and ``zcat``, ``zstd -d``,
``bzcat``, Python's ``gzip``/``bz2``/``zstandard`` and pandas read them as one stream), flushes and fsyncs, and
returns the file length. A resumed run truncates the file to that length and continues with a fresh member, which
is exactly what an uninterrupted run does at the same (deterministic) checkpoint, so the finished files are
byte-identical.
"""
from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import os
import zlib
from typing import Any, BinaryIO

import zstandard

#: extension → compression name
COMPRESSION_EXTENSIONS = {".gz": "gzip", ".gzip": "gzip", ".zst": "zstd", ".zstd": "zstd", ".bz2": "bz2"}
COMPRESSIONS = ("gzip", "zstd", "bz2")
_MAGIC = ((b"\x1f\x8b", "gzip"), (b"\x28\xb5\x2f\xfd", "zstd"), (b"BZh", "bz2"))
_READ_BUFFER = 1 << 20


def split_compression(name: str) -> tuple[str, str | None]:
    """``"a.jsonl.gz"`` → ``("a.jsonl", "gzip")``; ``"a.csv"`` → ``("a.csv", None)``."""
    lower = name.lower()
    for ext, kind in COMPRESSION_EXTENSIONS.items():
        if lower.endswith(ext):
            return name[: -len(ext)], kind
    return name, None


def sniff_compression(head: bytes) -> str | None:
    """The compression of a stream from its first bytes (used for stdin, which has no name)."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


class CountingReader(io.RawIOBase):
    """A raw reader that counts (and optionally hashes) the bytes read through it."""

    def __init__(self, raw: BinaryIO, *, hash_bytes: bool = True) -> None:
        self._raw = raw
        self.count = 0
        self._hash = hashlib.sha256() if hash_bytes else None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._account(data)
        return n

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self._account(data)
        return data

    def _account(self, data: bytes) -> None:
        self.count += len(data)
        if self._hash is not None and data:
            self._hash.update(data)

    def drain(self) -> None:
        """Read (and hash) the rest of the raw file, e.g. after a reader stopped before the end."""
        while self.read(_READ_BUFFER):
            pass

    def sha256(self) -> str | None:
        return None if self._hash is None else self._hash.hexdigest()

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


class TolerantReader(io.RawIOBase):
    """Decompressed bytes that end cleanly where a truncated or corrupt stream stops being readable.

    Everything decoded before the damage is delivered; the error is kept in :attr:`error` so the batch layer can
    quarantine "the rest of this input" instead of losing the readable part with it.
    """

    def __init__(self, inner: BinaryIO) -> None:
        self._inner = inner
        self._read = getattr(inner, "read1", inner.read)
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self.error is not None:
            return 0
        try:
            # read1: one decompression step, so the bytes before a damaged spot are returned, not discarded
            data = self._read(len(buffer))
        except (EOFError, OSError, zlib.error, zstandard.ZstdError) as exc:
            self.error = exc
            return 0
        n = len(data)
        buffer[:n] = data
        return n

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            super().close()


class ZstdFrameReader(io.RawIOBase):
    """Zstandard frames read one after another with a truncation check.

    ``zstandard``'s ``stream_reader`` reports a cut-off frame as a clean end of file; this reader raises
    :class:`EOFError` instead, so a truncated ``.zst`` input is quarantined rather than silently shortened.
    """

    _STEP = 1 << 13  # compressed bytes per step: keeps each step's output small even for very repetitive data

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._dctx = zstandard.ZstdDecompressor()
        self._obj: Any = None
        self._pending = b""
        self._out = b""
        self._started = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while not self._out:
            data = self._pending or self._raw.read(self._STEP)
            self._pending = b""
            if not data:
                if self._obj is not None and self._started:
                    raise EOFError("the zstd stream ends in the middle of a frame")
                return 0
            if self._obj is None:
                self._obj, self._started = self._dctx.decompressobj(), False
            self._started = True
            self._out = self._obj.decompress(data)
            if self._obj.eof:
                self._pending = self._obj.unused_data
                self._obj = None
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        self._out = self._out[n:]
        return n

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


def open_decompressed(raw: CountingReader, compression: str | None) -> BinaryIO:
    """A buffered binary stream of the decompressed bytes read through ``raw``."""
    if compression is None:
        return io.BufferedReader(raw, buffer_size=_READ_BUFFER)
    if compression == "gzip":
        inner: Any = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[arg-type]
    elif compression == "bz2":
        inner = bz2.BZ2File(raw, mode="rb")  # type: ignore[arg-type]
    elif compression == "zstd":
        inner = io.BufferedReader(ZstdFrameReader(raw), buffer_size=_READ_BUFFER)
    else:
        raise ValueError(f"unknown compression {compression!r}")
    return io.BufferedReader(TolerantReader(inner), buffer_size=_READ_BUFFER)


class _Member:
    """One compression member/frame/stream: ``compress`` then ``finish``."""

    def __init__(self, compression: str) -> None:
        if compression == "gzip":
            # wbits=31: gzip container; zlib writes mtime 0 and no file name, so the bytes are reproducible.
            self._obj = zlib.compressobj(6, zlib.DEFLATED, 31)
        elif compression == "bz2":
            self._obj = bz2.BZ2Compressor(9)
        elif compression == "zstd":
            self._obj = zstandard.ZstdCompressor(level=3, write_checksum=True).compressobj()
        else:
            raise ValueError(f"unknown compression {compression!r}")

    def compress(self, data: bytes) -> bytes:
        return self._obj.compress(data)

    def finish(self) -> bytes:
        return self._obj.flush()


class SegmentWriter:
    """Append-only byte sink with optional compression and durable, resumable checkpoints.

    ``SegmentWriter(path, compression)`` starts a new file; ``SegmentWriter(path, compression, resume_at=n)``
    truncates an existing partial file to ``n`` bytes (a previous :meth:`checkpoint`) and appends after it.
    """

    def __init__(self, path: str | os.PathLike[str], compression: str | None, *, resume_at: int | None = None) -> None:
        self.path = os.fspath(path)
        self.compression = compression
        if resume_at is None:
            self._file = open(self.path, "wb")
        else:
            self._file = open(self.path, "r+b")
            size = os.fstat(self._file.fileno()).st_size
            if size < resume_at:
                self._file.close()
                raise OSError(f"partial output {self.path!r} is shorter than its checkpoint ({size} < {resume_at})")
            self._file.truncate(resume_at)
            self._file.seek(resume_at)
        self._member: _Member | None = None
        self.uncompressed_bytes = 0

    def write(self, data: bytes) -> None:
        if not data:
            return
        self.uncompressed_bytes += len(data)
        if self.compression is None:
            self._file.write(data)
            return
        if self._member is None:
            self._member = _Member(self.compression)
        out = self._member.compress(data)
        if out:
            self._file.write(out)

    def _end_member(self) -> None:
        if self._member is not None:
            self._file.write(self._member.finish())
            self._member = None

    def checkpoint(self) -> int:
        """End the current member, make everything durable, and return the file length."""
        self._end_member()
        self._file.flush()
        os.fsync(self._file.fileno())
        return self._file.tell()

    def close(self) -> int:
        """Finish the file (an empty compressed file still gets one valid, empty member)."""
        if self.compression is not None and self._member is None and self._file.tell() == 0:
            self._member = _Member(self.compression)
        size = self.checkpoint()
        self._file.close()
        return size

    def abort(self) -> None:
        """Close without finishing (the partial file stays for ``--resume``)."""
        try:
            self._file.close()
        except OSError:
            pass
