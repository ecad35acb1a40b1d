"""pandas adapter: scrub a text column, vectorized over :meth:`privsynth.Scrubber.scrub_batch`.

>>> from privsynth.integrations.pandas import scrub_series, scrub_column      # doctest: +SKIP
>>> df["clean"] = scrub_series(df["text"], key=k)                              # doctest: +SKIP
>>> df = scrub_column(df, "text", key=k, spans_col="pii_spans")                # doctest: +SKIP

The index, the name and the string dtype (``object``, ``string``, pandas 3's ``str``, Arrow strings) are kept;
nulls (``None``, ``NaN``, ``pd.NA``) stay null. The Dask adapter runs :func:`scrub_column` on every partition.
"""
from __future__ import annotations

from typing import Any

try:
    import pandas as pd
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("privsynth.integrations.pandas needs pandas: pip install 'privsynth[pandas]'") from exc

from ..config import Config
from ..errors import ConfigError
from ._core import Job, Outcome, scrub_values

__all__ = ["scrub_series", "scrub_column"]


def scrub_series(series: "pd.Series", *, strict: bool = False, config: Config | None = None,
                 **options: Any) -> "pd.Series":
    """A copy of ``series`` with every text scrubbed (same index, name and dtype; nulls stay null).

    ``options`` are :class:`privsynth.Config` options (``key``, ``language``, ``entities``, ``profile``, …).
    Not ``strict`` (default): a value that is not a ``str``, or that the engine fails on, becomes null and is
    counted in one logged warning (without its value); ``strict=True`` raises :class:`privsynth.errors.RecordError`.
    """
    if not isinstance(series, pd.Series):
        raise ConfigError(f"scrub_series needs a pandas Series, not {type(series).__name__}; "
                          "for a DataFrame use scrub_column(df, column).")
    job = Job.create(config, strict=strict, **options)
    _check_dtype(series, "the Series")
    return _text_series(series, scrub_values(_values(series), job))


def scrub_column(df: "pd.DataFrame", column: str, *, output_col: str | None = None, spans_col: str | None = None,
                 error_col: str | None = None, strict: bool = False, config: Config | None = None,
                 **options: Any) -> "pd.DataFrame":
    """A copy of ``df`` with ``column`` scrubbed into ``output_col`` (default: ``column`` itself, in place).

    ``spans_col``: also add, per row, the list of surrogate spans in the output text
    (``{"start", "end", "entity_type"}``, offsets in code points; null where the text is null).
    ``error_col``: also add, per row, why it could not be scrubbed (null for good rows; never the value).
    Other arguments as in :func:`scrub_series`.
    """
    job = Job.create(config, strict=strict, **options)
    return scrub_frame(df, column, output_col, spans_col, error_col, job)


def scrub_frame(df: "pd.DataFrame", column: str, output_col: str | None, spans_col: str | None,
                error_col: str | None, job: Job, where: str = "") -> "pd.DataFrame":
    """Implementation of :func:`scrub_column` with a prepared :class:`Job` (what each Dask partition runs)."""
    check_columns(df.columns, column, output_col, spans_col, error_col)
    series = df[column]
    _check_dtype(series, f"column {column!r}")
    outcome = scrub_values(_values(series), job, where)
    out = df.copy(deep=False)
    out[output_col or column] = _text_series(series, outcome)
    if spans_col:
        out[spans_col] = pd.Series(outcome.spans, index=df.index, dtype=object)
    if error_col:
        out[error_col] = pd.Series(outcome.errors, index=df.index, dtype=object)
    return out


def check_columns(columns: Any, column: str, output_col: str | None, spans_col: str | None,
                  error_col: str | None) -> None:
    """Clear errors for a missing input column or clashing output columns (shared with Spark and Dask)."""
    names = list(columns)
    if column not in names:
        raise ConfigError(f"Column {column!r} not found; the columns are {names}.")
    added = [c for c in (output_col, spans_col, error_col) if c]
    if len(set(added)) != len(added) or spans_col == column or error_col == column:
        raise ConfigError("output_col, spans_col and error_col must be different names, and only output_col may "
                          f"be the input column; got {output_col!r}, {spans_col!r}, {error_col!r}.")


def _check_dtype(series: "pd.Series", what: str) -> None:
    dtype = series.dtype
    if dtype == object or isinstance(dtype, (pd.StringDtype, pd.CategoricalDtype)):
        return
    if isinstance(dtype, pd.ArrowDtype) and str(dtype.pyarrow_dtype) in ("string", "large_string", "string_view"):
        return
    raise ConfigError(f"{what} has dtype {dtype}, which cannot hold text; cast it with .astype('string') first.")


def _values(series: "pd.Series") -> list[object]:
    return series.tolist()


def _text_series(series: "pd.Series", outcome: Outcome) -> "pd.Series":
    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype) or isinstance(dtype, pd.ArrowDtype):
        # The dtype's own missing value (pd.NA or NaN) marks nulls and bad rows.
        return pd.Series(outcome.texts, index=series.index, name=series.name, dtype=dtype)
    # object (and categorical) columns: keep each null exactly as it was (None, NaN, pd.NA); bad rows -> None.
    texts: list[object] = list(outcome.texts)
    for i, null in enumerate(outcome.nulls):
        if null:
            texts[i] = series.iat[i]
    return pd.Series(texts, index=series.index, name=series.name, dtype=object)
