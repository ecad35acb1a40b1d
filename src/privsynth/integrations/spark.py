"""PySpark adapter: scrub a string column with an Arrow-based iterator pandas UDF.

>>> from privsynth.integrations.spark import scrub_column                      # doctest: +SKIP
>>> out = scrub_column(df, "text", key=k, output_col="clean", spans_col="pii_spans")   # doctest: +SKIP

* Only the text column crosses to Python (through Arrow, in batches of ``spark.sql.execution.arrow.
  maxRecordsPerBatch`` rows); every other column stays in the JVM.
* Each Python worker builds its engine once (spaCy model, recognizers) and reuses it for every batch and, with
  Spark's default ``spark.python.worker.reuse=true``, every later task.
* The key is resolved on the driver and travels inside the UDF's pickled closure (a task argument). The plan
  shows ``privsynth_scrub(text#…)``, never the key.
* Spark's Python workers must run an interpreter with privsynth installed: set ``PYSPARK_PYTHON`` (or
  ``spark.pyspark.python``) to it, e.g. ``sys.executable`` when the driver runs in the same virtualenv.

Needs pyspark 4.x, pandas and pyarrow: ``pip install 'privsynth[spark]'`` (Java 17 or 21 for Spark itself).
"""
# No ``from __future__ import annotations`` here: pyspark reads the UDF's type hints at runtime.
import logging
import os
import shutil
import sys
import warnings
from typing import Any, Iterator, Optional

try:
    import pandas as pd
    from pyspark.sql import DataFrame
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("privsynth.integrations.spark needs pyspark, pandas and pyarrow: "
                      "pip install 'privsynth[spark]'") from exc

from ..config import Config
from ..errors import ConfigError
from ._core import Job, scrub_values
from .pandas import check_columns

__all__ = ["scrub_column", "SPANS_TYPE"]

log = logging.getLogger(__name__)

#: Spark type of ``spans_col``: the surrogates' spans in the output text (offsets in code points, 0-based).
SPANS_TYPE = T.ArrayType(T.StructType([
    T.StructField("start", T.IntegerType(), False),
    T.StructField("end", T.IntegerType(), False),
    T.StructField("entity_type", T.StringType(), False),
]))
_RESULT = "__privsynth_result"


def scrub_column(df: DataFrame, column: str, *, output_col: Optional[str] = None, spans_col: Optional[str] = None,
                 error_col: Optional[str] = None, strict: bool = False, config: Optional[Config] = None,
                 **options: Any) -> DataFrame:
    """``df`` with the string column ``column`` scrubbed into ``output_col`` (default: ``column``, in place).

    Lazy like any transformation: nothing runs until an action. ``spans_col`` adds ``array<struct<start:int,
    end:int, entity_type:string>>`` (the surrogates' spans in the output); ``error_col`` adds a string column with
    the reason a row could not be scrubbed (never its value). ``options`` are :class:`privsynth.Config` options.

    Nulls stay null. Not ``strict`` (default): a row the engine fails on is left null, counted in a warning in the
    worker's log, and explained in ``error_col`` if given. ``strict=True``: the task fails with
    :class:`privsynth.errors.RecordError` (Spark reports it as a ``PythonException`` naming it); Spark's task
    retries then apply. Errors about the whole job (options, key, spaCy model) always fail it.
    """
    if not isinstance(df, DataFrame):
        raise ConfigError(f"scrub_column needs a pyspark.sql.DataFrame, not {type(df).__name__}.")
    check_columns(df.columns, column, output_col, spans_col, error_col)
    dtype = df.schema[column].dataType
    if not isinstance(dtype, (T.StringType, T.VarcharType, T.CharType)):
        raise ConfigError(f"Column {column!r} has Spark type {dtype.simpleString()}, not string; cast it first "
                          f"(F.col({column!r}).cast('string')).")
    job = Job.create(config, strict=strict, **options)
    _check_worker_python(df)
    extras = [name for name, wanted in (("spans", spans_col), ("error", error_col)) if wanted]
    udf = _make_udf(job, extras)
    target = output_col or column
    source = df["`" + column.replace("`", "``") + "`"]  # quoted: a name with dots is one column, not a path
    if not extras:
        return df.withColumn(target, udf(source))
    # One UDF evaluation per row yields a struct; its fields become the requested columns.
    staged = df.withColumn(_RESULT, udf(source))
    result = F.col(_RESULT)
    staged = staged.withColumn(target, result.getField("text"))
    if spans_col:
        staged = staged.withColumn(spans_col, result.getField("spans"))
    if error_col:
        staged = staged.withColumn(error_col, result.getField("error"))
    return staged.drop(_RESULT)


def _make_udf(job: Job, extras: list):
    """An iterator pandas UDF closing over ``job``: called once per partition, engine fetched once per worker."""
    if not extras:
        def privsynth_scrub(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
            for n, batch in enumerate(batches):
                outcome = scrub_values(batch.tolist(), job, f"Arrow batch {n} of this task")
                yield pd.Series(outcome.texts, dtype=object)

        return F.pandas_udf(privsynth_scrub, T.StringType())  # type: ignore[call-overload]

    fields = [T.StructField("text", T.StringType())]
    if "spans" in extras:
        fields.append(T.StructField("spans", SPANS_TYPE))
    if "error" in extras:
        fields.append(T.StructField("error", T.StringType()))

    def privsynth_scrub(batches: Iterator[pd.Series]) -> Iterator[pd.DataFrame]:  # type: ignore[no-redef]
        for n, batch in enumerate(batches):
            outcome = scrub_values(batch.tolist(), job, f"Arrow batch {n} of this task")
            frame = {"text": pd.Series(outcome.texts, dtype=object)}
            if "spans" in extras:
                frame["spans"] = pd.Series(outcome.spans, dtype=object)
            if "error" in extras:
                frame["error"] = pd.Series(outcome.errors, dtype=object)
            yield pd.DataFrame(frame)

    return F.pandas_udf(privsynth_scrub, T.StructType(fields))  # type: ignore[call-overload]


_warned_python = False


def _check_worker_python(df: DataFrame) -> None:
    """Warn once when local Spark would start Python workers without privsynth (a common first-run trap)."""
    global _warned_python
    if _warned_python:
        return
    try:
        sc = df.sparkSession.sparkContext  # classic Spark only; Spark Connect has no SparkContext here
        master, python = sc.master, sc.pythonExec
    except Exception:  # noqa: BLE001 - Spark Connect or an unusual session: nothing to check
        return
    if not master.startswith("local"):
        return
    resolved = shutil.which(python) or python
    # Compare directories, not resolved links: a virtualenv's python is a symlink to the base interpreter.
    if os.path.dirname(os.path.abspath(resolved)) != os.path.dirname(os.path.abspath(sys.executable)):
        _warned_python = True
        warnings.warn(f"Spark's Python workers run {python!r}, not this interpreter ({sys.executable}); if "
                      "privsynth is not installed there, tasks fail with ModuleNotFoundError. Set PYSPARK_PYTHON "
                      "(or spark.pyspark.python) to sys.executable before creating the SparkSession.",
                      RuntimeWarning, stacklevel=3)
