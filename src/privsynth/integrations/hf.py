"""Hugging Face ``datasets`` adapter: scrub text columns of a ``Dataset``, ``DatasetDict`` or ``IterableDataset``.

>>> from privsynth.integrations.hf import scrub_dataset                          # doctest: +SKIP
>>> ds = scrub_dataset(ds, "text", key=k, num_proc=2, spans_column="pii_spans")  # doctest: +SKIP

It runs ``ds.map(ScrubFunction(...), batched=True)``. :class:`ScrubFunction` is a small frozen callable that
holds the options and the resolved key (a :class:`privsynth.integrations._core.Job`), so:

* it pickles into ``num_proc`` worker processes (each builds its engine once, on its first batch);
* ``datasets`` fingerprints it from the options and the key *fingerprint* only (a reducer registered with
  ``datasets``' hashing pickler), so the cache of ``Dataset.map`` is reused by the next run with the same options
  and key, in any process, and the key never enters a fingerprint, a cache file name or a log;
* every value goes through :meth:`privsynth.Scrubber.scrub_batch`, byte-identical to :func:`privsynth.scrub`.

Needs ``pip install 'privsynth[hf]'``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

try:
    import datasets
    from datasets.utils._dill import pklregister
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("privsynth.integrations.hf needs datasets: pip install 'privsynth[hf]'") from exc

from ..config import Config
from ..errors import ConfigError
from ..scrubber import Scrubber
from ._core import Job, scrub_values

__all__ = ["ScrubFunction", "scrub_dataset", "SPANS_FEATURE"]

#: ``datasets`` feature of a spans column: the surrogates' spans in the output text (offsets in code points).
SPANS_FEATURE = datasets.List({"start": datasets.Value("int64"), "end": datasets.Value("int64"),
                               "entity_type": datasets.Value("string")})


@dataclass(frozen=True)
class ScrubFunction:
    """``batch -> batch`` for ``Dataset.map(batched=True)``: scrubs ``columns`` in place and, for each column in
    ``spans_columns`` (``{text column: spans column}``), adds the surrogates' spans.

    Null values stay null. A value that is not text, or that the engine fails on, becomes null (``strict=False``)
    or raises :class:`privsynth.errors.RecordError` (``strict=True``).
    """

    job: Job
    columns: tuple[str, ...]
    spans_columns: tuple[tuple[str, str], ...] = ()

    def __call__(self, batch: Mapping[str, list[Any]]) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        spans = dict(self.spans_columns)
        for column in self.columns:
            outcome = scrub_values(batch[column], self.job, f"column {column!r}")
            out[column] = outcome.texts
            if column in spans:
                out[spans[column]] = outcome.spans
        return out

    def fingerprint_token(self) -> tuple[Any, ...]:
        """What ``datasets`` hashes for this function: options and key fingerprint, never the key."""
        options = {k: v for k, v in self.job.config.public_options().items() if k != "key_file"}
        return ("privsynth.ScrubFunction", self.job.fingerprint, self.job.strict, self.columns, self.spans_columns,
                repr(sorted(options.items())))


def _fingerprint_only(*token: Any) -> None:  # pragma: no cover - only named in the hash pickle, never called
    raise TypeError("a privsynth fingerprint token is not a function to call")


# ``datasets.fingerprint.Hasher`` hashes a dill pickle made by ``datasets.utils._dill.Pickler``, whose dispatch table
# is its own copy: these reducers change what is *hashed*, not what is pickled for the worker processes (which must
# and do carry the key).
@pklregister(ScrubFunction)
def _save_scrub_function(pickler: Any, obj: ScrubFunction) -> None:
    pickler.save_reduce(_fingerprint_only, obj.fingerprint_token(), obj=obj)


@pklregister(Job)
def _save_job(pickler: Any, obj: Job) -> None:
    pickler.save_reduce(_fingerprint_only, obj.__dask_tokenize__(), obj=obj)


@pklregister(Scrubber)
def _save_scrubber(pickler: Any, obj: Scrubber) -> None:
    # A user's own ``ds.map(lambda b: ..., scrubber ...)`` closure: hash its options and key fingerprint too.
    options = {k: v for k, v in obj.config.public_options().items() if k != "key_file"}
    pickler.save_reduce(_fingerprint_only, ("privsynth.Scrubber", obj.key_fingerprint, repr(sorted(options.items()))),
                        obj=obj)


def scrub_dataset(ds: Any, columns: str | Sequence[str], *, num_proc: int | None = None,
                  spans_column: str | Mapping[str, str] | None = None, batch_size: int = 256, strict: bool = False,
                  config: Config | None = None, desc: str | None = "privsynth scrub", **options: Any) -> Any:
    """``ds`` with the text ``columns`` scrubbed in place (a ``Dataset``, ``DatasetDict``, ``IterableDataset`` or
    ``IterableDatasetDict``; the result is of the same kind, lazy for the iterable ones).

    ``num_proc``: worker processes for ``Dataset.map`` (ignored by iterable datasets, which stream).
    ``spans_column``: a column name (one text column) or ``{text column: spans column}``: add per row the
    surrogates' spans ``[{"start", "end", "entity_type"}]`` (:data:`SPANS_FEATURE`). ``batch_size``: rows per
    ``map`` batch. ``options`` are :class:`privsynth.Config` options (``key``, ``language``, ``entities``, …);
    the key is resolved here, once, so every worker uses the same one.
    """
    cols = (columns,) if isinstance(columns, str) else tuple(columns)
    if not cols or not all(isinstance(c, str) for c in cols):
        raise ConfigError(f"columns must be a column name or a list of names; got {columns!r}.")
    spans = _spans_columns(cols, spans_column)
    fn = ScrubFunction(Job.create(config, strict=strict, **options), cols, spans)
    if isinstance(ds, (datasets.DatasetDict, datasets.IterableDatasetDict)):
        return type(ds)({name: _map(split, fn, num_proc, batch_size, desc) for name, split in ds.items()})
    if isinstance(ds, (datasets.Dataset, datasets.IterableDataset)):
        return _map(ds, fn, num_proc, batch_size, desc)
    raise ConfigError(f"scrub_dataset needs a datasets.Dataset, DatasetDict or IterableDataset, "
                      f"not {type(ds).__name__}.")


def _spans_columns(cols: tuple[str, ...], spans_column: str | Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    if spans_column is None:
        return ()
    if isinstance(spans_column, str):
        if len(cols) != 1:
            raise ConfigError("spans_column as one name needs exactly one text column; for several pass "
                              "{text column: spans column}.")
        pairs = ((cols[0], spans_column),)
    else:
        pairs = tuple(dict(spans_column).items())
    unknown = [c for c, _ in pairs if c not in cols]
    names = [s for _, s in pairs]
    if unknown or len(set(names)) != len(names) or set(names) & set(cols):
        raise ConfigError(f"spans_column must map scrubbed columns {list(cols)} to new, distinct column names; "
                          f"got {spans_column!r}.")
    return pairs


def _map(ds: Any, fn: ScrubFunction, num_proc: int | None, batch_size: int, desc: str | None) -> Any:
    features = ds.features
    if features is not None:
        missing = [c for c in fn.columns if c not in features]
        if missing:
            raise ConfigError(f"Column(s) {missing} not found; the columns are {list(features)}.")
        clash = [s for _, s in fn.spans_columns if s in features]
        if clash:
            raise ConfigError(f"Spans column(s) {clash} already exist; choose new names.")
        for column in fn.columns:
            feature = features[column]
            if not (isinstance(feature, datasets.Value) and feature.dtype in ("string", "large_string")):
                raise ConfigError(f"Column {column!r} has feature {feature}, which is not text; "
                                  "cast it with ds.cast_column(column, datasets.Value('string')) first.")
        features = datasets.Features({**features, **{s: SPANS_FEATURE for _, s in fn.spans_columns}})
    if isinstance(ds, datasets.IterableDataset):
        return ds.map(fn, batched=True, batch_size=batch_size, features=features)
    return ds.map(fn, batched=True, batch_size=batch_size, num_proc=num_proc, features=features, desc=desc)
