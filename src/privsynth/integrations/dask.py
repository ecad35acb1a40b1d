"""Dask adapter: scrub a text column of a Dask DataFrame with ``map_partitions`` (works on any scheduler).

>>> from privsynth.integrations.dask import scrub_column                       # doctest: +SKIP
>>> ddf = scrub_column(ddf, "text", key=k, spans_col="pii_spans")               # doctest: +SKIP

Every partition runs :func:`privsynth.integrations.pandas.scrub_column`'s implementation, so Dask, pandas and
:func:`privsynth.scrub` agree byte for byte. The key is resolved on the client and travels as a task argument whose
``repr`` and Dask token show only the key fingerprint. Each worker process builds its engine once per option set.

With ``distributed`` prefer worker *processes* (``LocalCluster(processes=True, threads_per_worker=1)``): spaCy is
CPU-bound and holds the GIL. Scripts that start a ``LocalCluster`` need an ``if __name__ == "__main__":`` guard.
"""
from __future__ import annotations

from typing import Any

try:
    import dask.dataframe as dd
    import pandas as pd
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("privsynth.integrations.dask needs dask[dataframe]: pip install 'privsynth[dask]'") from exc

from ..config import Config
from ..errors import ConfigError
from ._core import Job
from .pandas import check_columns, scrub_frame

__all__ = ["scrub_column"]


def scrub_column(ddf: "dd.DataFrame", column: str, *, output_col: str | None = None, spans_col: str | None = None,
                 error_col: str | None = None, strict: bool = False, config: Config | None = None,
                 **options: Any) -> "dd.DataFrame":
    """``ddf`` with ``column`` scrubbed into ``output_col`` (default: ``column``, in place); lazy, like Dask.

    Arguments as in :func:`privsynth.integrations.pandas.scrub_column`: ``spans_col`` adds the surrogates' spans
    (a list of ``{"start", "end", "entity_type"}`` per row, ``object`` dtype), ``error_col`` the reason a row could
    not be scrubbed, ``strict=True`` fails the task instead of leaving bad rows null. Dask's ``retries=`` on
    ``compute`` then applies as usual.
    """
    if not isinstance(ddf, dd.DataFrame):
        raise ConfigError(f"scrub_column needs a dask.dataframe.DataFrame, not {type(ddf).__name__}; "
                          "for pandas use privsynth.integrations.pandas.")
    check_columns(ddf.columns, column, output_col, spans_col, error_col)
    job = Job.create(config, strict=strict, **options)
    # The output's schema, computed on the empty metadata frame (which builds no engine).
    meta = scrub_frame(ddf._meta, column, output_col, spans_col, error_col, job)
    return ddf.map_partitions(_scrub_partition, column, output_col, spans_col, error_col, job, meta=meta,
                              enforce_metadata=False, align_dataframes=False)


def _scrub_partition(df: "pd.DataFrame", column: str, output_col: str | None, spans_col: str | None,
                     error_col: str | None, job: Job, partition_info: dict[str, Any] | None = None) -> "pd.DataFrame":
    where = f"partition {partition_info['number']}" if partition_info else ""
    return scrub_frame(df, column, output_col, spans_col, error_col, job, where)
