"""Inputs and outputs as URLs (``s3://``, ``gs://``, ``hf://``, ``memory://``, ``file://`` or local paths), via fsspec.

Two layers:

* :func:`open_input` / :func:`atomic_output`: a readable stream of a URL, and a writable one whose data appears at
  the URL only when the ``with`` block ends without an error. How "only when complete" is kept, per store:

  ==================  ===========================================================================================
  local / file://     temporary sibling file, fsync, ``os.replace`` (atomic, survives ``kill -9``)
  s3://, gs://, az:// spooled locally, then **one PUT** of the whole object at close (single or multipart upload):
                      S3 and GCS make an object visible only when its upload completes, so readers see the old
                      object or the new one, never a part
  memory:// & others  written under a temporary key beside the target, then moved (copy + delete): *not* atomic —
                      a reader may briefly see no object, and a crash between copy and delete leaves the
                      temporary key behind (named ``.NAME.privsynth-partial-PID``)
  ==================  ===========================================================================================

* :class:`Staging` (used by ``privsynth scrub``/``detect``): remote inputs are downloaded to a local staging folder
  and remote outputs are written there first, so the batch runner keeps every guarantee it has on local files
  (partial outputs, ``--resume``, quarantine, manifest); on success each output file is published to its URL with
  :func:`atomic_output`. The staging folder (``$PRIVSYNTH_STAGING``, default ``~/.cache/privsynth/staging``) is
  keyed by the URL, so a rerun with ``--resume`` on the same machine continues where the last run stopped; a
  staged input is downloaded again only when the object's size or ETag/mtime changed.

Credentials come from each store's usual places (``AWS_*`` variables and ``~/.aws`` for s3fs, …) or from
``FSSPEC_<PROTOCOL>`` variables (``FSSPEC_S3='{"endpoint_url": "http://127.0.0.1:9000"}'``); privsynth never
prints them, and never prints a URL's query string or user info.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterator
from urllib.parse import urlsplit

from ..errors import InputError
from .atomic import publish, tmp_path

#: Stores where a single PUT makes the object visible only when complete.
ATOMIC_PUT = frozenset({"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")
_SPOOL = 16 << 20  # bytes kept in memory before an upload spools to a temporary file
_PACKAGES = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "az": "adlfs", "abfs": "adlfs",
             "abfss": "adlfs", "hf": "huggingface_hub"}


def scheme(path: str | os.PathLike[str]) -> str | None:
    """``"s3"`` for ``s3://b/k``; ``None`` for a local path (``file://`` URLs count as local)."""
    m = _SCHEME.match(os.fspath(path))
    if not m or m.group(1).lower() == "file":
        return None
    return m.group(1).lower()


def is_remote(path: str | os.PathLike[str] | None) -> bool:
    return path is not None and path != "-" and scheme(path) is not None


def display(url: str) -> str:
    """A URL for messages: without user info, query string or fragment (they may hold credentials)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    return f"{parts.scheme}://{host}{parts.path}"


def local_path(path: str | os.PathLike[str]) -> Path:
    text = os.fspath(path)
    return Path(text[len("file://"):] if text.startswith("file://") else text)


def filesystem(url: str, **storage_options: Any) -> tuple[Any, str]:
    """``(fsspec filesystem, path within it)``, with a clear error when the store's package is missing."""
    import fsspec

    proto = scheme(url) or "file"
    try:
        fs, path = fsspec.core.url_to_fs(url, **storage_options)
    except ImportError:
        package = _PACKAGES.get(proto, f"the fsspec implementation for {proto}://")
        raise InputError(f"{proto}:// URLs need {package}: pip install {package} "
                         "(s3fs comes with 'privsynth[remote]').") from None
    except ValueError as exc:
        if "protocol" in str(exc).lower():
            raise InputError(f"{proto}:// is not a storage protocol fsspec knows.") from None
        raise
    return fs, path


def open_input(url: str | os.PathLike[str], mode: str = "rb", **storage_options: Any) -> IO[Any]:
    """A readable stream of ``url`` (compression is left to the caller). :class:`InputError` if it is missing."""
    if not is_remote(url):
        try:
            return open(local_path(url), mode)
        except FileNotFoundError:
            raise InputError(f"input {os.fspath(url)!r} does not exist") from None
    fs, path = filesystem(os.fspath(url), **storage_options)
    try:
        return fs.open(path, mode)
    except FileNotFoundError:
        raise InputError(f"input {display(os.fspath(url))!r} does not exist") from None


class _Output:
    """The writable end of :func:`atomic_output` for remote stores: a spooled temporary file."""

    def __init__(self) -> None:
        self.file = tempfile.SpooledTemporaryFile(max_size=_SPOOL, mode="w+b")


@contextlib.contextmanager
def atomic_output(url: str | os.PathLike[str], **storage_options: Any) -> Iterator[IO[bytes]]:
    """A binary stream whose content appears at ``url`` only if the ``with`` block completes (see the module doc
    for what each store guarantees). On an error nothing is published and the previous object, if any, stays."""
    if not is_remote(url):
        final = local_path(url)
        tmp = tmp_path(final)
        try:
            with open(tmp, "wb") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            publish(tmp, final)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return
    text = os.fspath(url)
    fs, path = filesystem(text, **storage_options)
    out = _Output()
    try:
        yield out.file  # type: ignore[misc]
        out.file.flush()
        out.file.seek(0)
        _upload(fs, out.file, path, scheme(text) or "")
    finally:
        out.file.close()


def _upload(fs: Any, data: IO[bytes], path: str, proto: str) -> None:
    if proto in ATOMIC_PUT:
        with fs.open(path, "wb") as dst:  # one (multipart) upload, completed at close
            shutil.copyfileobj(data, dst, 8 << 20)
        return
    parent, _, name = path.rpartition("/")
    temp = f"{parent}/.{name}.privsynth-partial-{os.getpid()}" if parent else f".{name}.privsynth-partial-{os.getpid()}"
    with fs.open(temp, "wb") as dst:
        shutil.copyfileobj(data, dst, 8 << 20)
    try:
        fs.mv(temp, path)
    except BaseException:
        with contextlib.suppress(Exception):
            fs.rm(temp)
        raise


def publish_file(local: str | os.PathLike[str], url: str, **storage_options: Any) -> None:
    """Copy a finished local file to ``url`` with :func:`atomic_output`."""
    with open(local, "rb") as src, atomic_output(url, **storage_options) as dst:
        shutil.copyfileobj(src, dst, 8 << 20)


# --------------------------------------------------------------------------------------------------- staging
def staging_root() -> Path:
    env = os.environ.get("PRIVSYNTH_STAGING")
    return Path(env) if env else Path.home() / ".cache" / "privsynth" / "staging"


def _slot(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:20]


def _stamp(info: dict[str, Any]) -> dict[str, Any]:
    keep = ("size", "ETag", "etag", "mtime", "LastModified", "last_modified", "md5Hash", "generation")
    return {k: str(info[k]) for k in keep if k in info}


@dataclass
class Staging:
    """Local stand-ins for remote inputs and outputs of one batch run (see the module doc).

    ``inputs``/``output``: what the batch runner should use. After a successful run call :meth:`publish`; the
    local copies of outputs are then removed (staged inputs are kept for a later ``--resume``; :meth:`cleanup`
    removes them).
    """

    inputs: list[str]
    output: str | None
    remote_output: str | None = None
    root: Path = field(default_factory=staging_root)
    storage_options: dict[str, Any] = field(default_factory=dict)
    _input_dirs: list[Path] = field(default_factory=list)

    @classmethod
    def prepare(cls, inputs: list[str] | tuple[str, ...], output: str | None,
                **storage_options: Any) -> "Staging":
        staging = cls(list(inputs), output, storage_options=storage_options)
        staging.inputs = [staging._stage_input(i) if is_remote(i) else i for i in inputs]
        if is_remote(output):
            staging.remote_output = output
            staging.output = staging._stage_output(output)  # type: ignore[arg-type]
        return staging

    @property
    def active(self) -> bool:
        return self.remote_output is not None or bool(self._input_dirs)

    def _stage_input(self, url: str) -> str:
        fs, path = filesystem(url, **self.storage_options)
        try:
            if fs.isdir(path):
                files = [f for f in sorted(fs.find(path)) if not f.rsplit("/", 1)[-1].startswith(".")]
            elif fs.exists(path):
                files = [path]
            else:
                files = []
        except FileNotFoundError:
            files = []
        if not files:
            raise InputError(f"input {display(url)!r} does not exist")
        base = self.root / "in" / _slot(url)
        self._input_dirs.append(base)
        folder = fs.isdir(path)
        for f in files:
            rel = f[len(path.rstrip("/")) + 1:] if folder else f.rsplit("/", 1)[-1]
            target = base / "data" / rel
            self._download(fs, f, target)
        return str(base / "data") if folder else str(base / "data" / files[0].rsplit("/", 1)[-1])

    def _download(self, fs: Any, path: str, target: Path) -> None:
        stamp = _stamp(fs.info(path))
        marker = target.with_name(f".{target.name}.privsynth-stamp")
        if target.exists() and marker.exists() and stamp and json.loads(marker.read_text()) == stamp:
            return  # unchanged since it was staged
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = tmp_path(target)
        fs.get_file(path, str(tmp))
        publish(tmp, target)
        marker.write_text(json.dumps(stamp))

    def _stage_output(self, url: str) -> str:
        filesystem(url, **self.storage_options)  # the store's package is there, or a clear error now
        name = url.rstrip("/").rsplit("/", 1)[-1]
        base = self.root / "out" / _slot(url)
        base.mkdir(parents=True, exist_ok=True)
        if url.endswith("/"):
            (base / "data").mkdir(exist_ok=True)
            return str(base / "data") + "/"
        return str(base / name)

    def publish(self) -> list[str]:
        """Upload every finished output file (data first, then manifest and quarantine) to the remote output."""
        if self.remote_output is None or self.output is None:
            return []
        local = Path(self.output)
        if self.remote_output.endswith("/"):
            files = sorted(p for p in local.rglob("*") if p.is_file() and not p.name.startswith("."))
            pairs = [(p, self.remote_output + p.relative_to(local).as_posix()) for p in files]
        else:
            siblings = sorted(p for p in local.parent.iterdir()
                              if p.is_file() and p.name.startswith(local.name + ".") and not p.name.startswith("."))
            pairs = [(local, self.remote_output)] if local.exists() else []
            base = self.remote_output[:len(self.remote_output) - len(local.name)]
            pairs += [(p, base + p.name) for p in siblings]
        sidecar = (".manifest.json", ".quarantine.jsonl", ".html")
        pairs.sort(key=lambda pair: pair[0].name.endswith(sidecar))
        done = []
        for path, url in pairs:
            publish_file(path, url, **self.storage_options)
            done.append(display(url))
        return done

    def cleanup(self, inputs: bool = False) -> None:
        """Remove the staged outputs (after :meth:`publish`) and, with ``inputs=True``, the staged inputs."""
        if self.remote_output is not None and self.output is not None:
            shutil.rmtree(self.root / "out" / _slot(self.remote_output), ignore_errors=True)
        if inputs:
            for d in self._input_dirs:
                shutil.rmtree(d, ignore_errors=True)


def stage(inputs: list[str] | tuple[str, ...], output: str | None, **storage_options: Any) -> Staging | None:
    """:meth:`Staging.prepare` when an input or the output is a URL, else ``None`` (nothing to do)."""
    if not any(is_remote(i) for i in inputs) and not is_remote(output):
        return None
    return Staging.prepare(inputs, output, **storage_options)
