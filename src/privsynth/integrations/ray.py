"""Ray Data adapter: scrub a text column with ``map_batches`` over a pool of actors, one engine per actor.

>>> from privsynth.integrations.ray import scrub_column                          # doctest: +SKIP
>>> ds = scrub_column(ds, "text", key=k, concurrency=4, spans_col="pii_spans")  # doctest: +SKIP

* Each actor builds its engine (spaCy model, recognizers) once, in its constructor, and reuses it for every batch
  it is given: the cost per record is the engine's alone.
* The key is resolved here, on the driver, and reaches the actors as a constructor argument of the actor task
  (:class:`privsynth.integrations._core.Job`, pickled by Ray). Its ``repr`` shows only the key fingerprint; the
  dataset's plan shows ``MapBatches(ScrubBatches)``, never an argument.
* Every batch goes through :func:`privsynth.integrations.pandas.scrub_frame`, so Ray, pandas and
  :func:`privsynth.scrub` agree byte for byte.

Needs ``pip install 'privsynth[ray]'``. spaCy is CPU-bound: give each actor one CPU (``num_cpus=1``, the default)
and as many actors as cores (``concurrency=``). Actors hold their CPUs for the whole run: when they take every CPU
of the cluster, read tasks that still have to run cannot start (``ray.init(num_cpus=2)`` with ``concurrency=2``
over ``read_json``) — leave a CPU for reading, or ``materialize()`` the input first.
"""
from __future__ import annotations

from typing import Any

try:
    import pandas as pd
    import pyarrow as pa
    import ray.data
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("privsynth.integrations.ray needs ray[data] and pandas: pip install 'privsynth[ray]'") from exc

from ..config import Config
from ..errors import ConfigError
from ._core import Job
from .pandas import check_columns, scrub_frame

__all__ = ["ScrubBatches", "scrub_column", "SPANS_TYPE"]

#: Arrow type of ``spans_col``: the surrogates' spans in the output text (offsets in code points).
SPANS_TYPE = pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64()), ("entity_type", pa.string())]))


class ScrubBatches:
    """The actor's callable: ``pandas.DataFrame`` batch in, ``pyarrow.Table`` out (spans with a fixed type, so
    blocks whose rows have no spans at all still share one schema)."""

    def __init__(self, job: Job, column: str, output_col: str | None, spans_col: str | None,
                 error_col: str | None) -> None:
        self._args = (column, output_col, spans_col, error_col)
        self._job = job
        job.scrubber()  # build the engine now, once per actor, not inside the first batch

    def __call__(self, batch: "pd.DataFrame") -> "pa.Table":
        column, output_col, spans_col, error_col = self._args
        out = scrub_frame(batch, column, output_col, spans_col, error_col, self._job)
        typed = {spans_col: SPANS_TYPE, error_col: pa.string(), output_col or column: pa.string()}
        arrays, names = [], []
        for name in out.columns:
            values = out[name]
            if name in typed:
                arrays.append(pa.array([None if _null(v) else v for v in values.tolist()], type=typed[name]))
            else:
                arrays.append(pa.Array.from_pandas(values))
            names.append(name)
        return pa.Table.from_arrays(arrays, names=names)

    def __repr__(self) -> str:
        return f"ScrubBatches({self._job!r})"


def _null(value: object) -> bool:
    from ._core import is_null

    return not isinstance(value, (str, list)) and is_null(value)


def scrub_column(ds: "ray.data.Dataset", column: str, *, output_col: str | None = None,
                 spans_col: str | None = None, error_col: str | None = None, strict: bool = False,
                 concurrency: int | tuple[int, int] = 1, batch_size: int = 256, num_cpus: float = 1,
                 config: Config | None = None, **options: Any) -> "ray.data.Dataset":
    """``ds`` with the string column ``column`` scrubbed into ``output_col`` (default: ``column``, in place); lazy.

    ``concurrency``: number of actors (or ``(min, max)`` for an autoscaling pool), each with its own engine and
    ``num_cpus`` CPUs. ``batch_size``: rows per batch. ``spans_col``, ``error_col``, ``strict`` and ``options``
    as in :func:`privsynth.integrations.pandas.scrub_column`.
    """
    if not isinstance(ds, ray.data.Dataset):
        raise ConfigError(f"scrub_column needs a ray.data.Dataset, not {type(ds).__name__}.")
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ConfigError(f"batch_size must be a positive whole number of rows; got {batch_size!r}.")
    schema = ds.schema(fetch_if_missing=False)
    if schema is not None:
        check_columns(schema.names, column, output_col, spans_col, error_col)
    else:
        check_columns([column], column, output_col, spans_col, error_col)
    if isinstance(concurrency, tuple):
        pool = ray.data.ActorPoolStrategy(min_size=concurrency[0], max_size=concurrency[1])
    elif isinstance(concurrency, int) and not isinstance(concurrency, bool) and concurrency >= 1:
        pool = ray.data.ActorPoolStrategy(size=concurrency)
    else:
        raise ConfigError(f"concurrency must be a number of actors or (min, max); got {concurrency!r}.")
    job = Job.create(config, strict=strict, **options)
    return ds.map_batches(ScrubBatches, fn_constructor_args=(job, column, output_col, spans_col, error_col),
                          batch_format="pandas", batch_size=batch_size, compute=pool, num_cpus=num_cpus)
