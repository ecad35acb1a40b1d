"""Atomic file replacement: write under a hidden temporary name in the same directory, fsync, rename.

A reader of the final name sees either the previous file or the complete new one, never half a file, even after
``kill -9`` (``os.replace`` is atomic on POSIX within one file system).
"""
from __future__ import annotations

import os
from pathlib import Path

PARTIAL_SUFFIX = ".privsynth-partial"
TMP_SUFFIX = ".privsynth-tmp"


def partial_path(final: str | os.PathLike[str]) -> Path:
    """Where the output for ``final`` grows while a run is in progress (kept for ``--resume``)."""
    final = Path(final)
    return final.with_name(f".{final.name}{PARTIAL_SUFFIX}")


def tmp_path(final: str | os.PathLike[str]) -> Path:
    """A short-lived sibling used by :func:`write_atomic`."""
    final = Path(final)
    return final.with_name(f".{final.name}.{os.getpid()}{TMP_SUFFIX}")


def fsync_dir(path: str | os.PathLike[str]) -> None:
    """Make a rename durable (best effort: not every platform can open a directory)."""
    try:
        fd = os.open(os.fspath(path), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def publish(src: str | os.PathLike[str], final: str | os.PathLike[str]) -> None:
    """Atomically move a finished temporary file to its final name."""
    os.replace(src, final)
    fsync_dir(Path(final).parent)


def write_atomic(final: str | os.PathLike[str], data: bytes | str, *, mode: int | None = None) -> None:
    """Replace ``final`` with ``data`` atomically (optionally with permission bits ``mode``)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = tmp_path(final)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd = os.open(tmp, flags, 0o666 if mode is None else mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        publish(tmp, final)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


LOCK_SUFFIX = ".privsynth-lock"


def lock_path(final: str | os.PathLike[str]) -> Path:
    """The lock file guarding ``final`` (a file or an output directory) while a run writes it."""
    trimmed = Path(str(final).rstrip("/" + os.sep) or "/")
    if trimmed.name in ("", ".", ".."):  # -o . : inside the directory, like the manifest
        return Path(final) / f".privsynth{LOCK_SUFFIX}"
    return trimmed.with_name(f".{trimmed.name}{LOCK_SUFFIX}")


class LockHeld(OSError):
    """Another process holds the lock."""


class OutputLock:
    """An exclusive, non-blocking lock on a lock file (``flock``: released by the kernel when the holder dies,
    so a ``kill -9`` leaves no stale lock). The file is removed on release.

    Removing the file opens a race (a second process may have opened the old file and lock it after we release);
    :meth:`acquire` therefore checks that the file it locked is still the one under the name, and retries.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> None:
        import fcntl

        for _ in range(20):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise LockHeld(f"{self.path} is locked by another process") from None
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
                self._fd = fd
                return
            os.close(fd)  # we locked a file its holder had just removed: try the new one
        raise LockHeld(f"{self.path} keeps changing")

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> "OutputLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
