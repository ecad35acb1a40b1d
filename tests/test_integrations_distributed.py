"""Spark (local[2], real JVM) and Dask (distributed LocalCluster, 2 worker processes) adapters.

The same texts must come out byte-identical through scrub(), pandas, Spark and Dask; the key must never show in
Spark's plan or Dask's graph; a partition that fails mid-job gives a clear error or a complete retried result.
Kept small (a few dozen short texts) so the whole module runs in about a minute on 2 cores.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys

import pytest

pd = pytest.importorskip("pandas")

import privsynth  # noqa: E402
from privsynth.integrations.pandas import scrub_series  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]

KEY = "privsynth-distributed-test-key"


def make_texts(n: int = 30) -> list[str]:
    """Short synthetic documents (Faker, fixed seed: never real people)."""
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(4321)
    templates = [
        lambda: f"Hi, I'm {fake.name()}; write to {fake.free_email()} or call {fake.phone_number()}.",
        lambda: f"{fake.name()} moved to {fake.street_address()}, {fake.city()} on {fake.date()}.",
        lambda: f"Card {fake.credit_card_number()} belongs to {fake.first_name()}. SSN {fake.ssn()}.",
        lambda: f"Login from {fake.ipv4_public()} by @{fake.user_name()} at {fake.url()}",
        lambda: f"Patient {fake.name()}, age {fake.random_int(20, 95)}, MRN {fake.random_number(8, True)}.",
    ]
    return [templates[i % len(templates)]() for i in range(n)] + ["", "No personal data. 😀 café"]


TEXTS = make_texts()
ROWS = [(i, t) for i, t in enumerate(TEXTS)] + [(len(TEXTS), None)]  # one null row


@pytest.fixture(scope="module")
def expected() -> dict[str, privsynth.ScrubResult]:
    return {t: privsynth.scrub(t, key=KEY) for t in TEXTS}


# -- Spark -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        pytest.skip("Spark needs a Java runtime (17 or 21): apt-get install openjdk-17-jre-headless")
    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as mp:
        # Spark's Python workers must run this interpreter (the venv with privsynth), not whatever `python3` is.
        mp.setenv("PYSPARK_PYTHON", sys.executable)
        mp.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
        session = (
            SparkSession.builder.master("local[2,2]")  # 2 threads; a failed task is retried once
            .appName("privsynth-tests")
            .config("spark.pyspark.python", sys.executable)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", "4")  # several Arrow batches per partition
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()


@pytest.fixture(scope="module")
def spark_df(spark):
    rdd = spark.sparkContext.parallelize(ROWS, 3)
    df = spark.createDataFrame(rdd, "id int, text string")
    assert df.rdd.getNumPartitions() == 3
    return df


def test_spark_matches_scrub_with_spans(spark_df, expected):
    from privsynth.integrations.spark import scrub_column

    out = scrub_column(spark_df, "text", key=KEY, output_col="clean", spans_col="spans", error_col="error")
    assert out.columns == ["id", "text", "clean", "spans", "error"]
    assert out.schema["spans"].dataType.simpleString() == "array<struct<start:int,end:int,entity_type:string>>"
    rows = sorted(out.collect(), key=lambda r: r.id)
    assert len(rows) == len(ROWS)
    for row in rows:
        if row.text is None:
            assert row.clean is None and row.spans is None and row.error is None
            continue
        assert row.clean == expected[row.text].text
        assert [s.asDict() for s in row.spans] == expected[row.text].annotations()
        assert row.error is None


def test_spark_in_place_by_default_and_options_pass_through(spark_df, expected):
    from privsynth.integrations.spark import scrub_column

    out = scrub_column(spark_df, "text", key=KEY)
    assert out.columns == ["id", "text"] and out.schema["text"].dataType.simpleString() == "string"
    got = {r.id: r.text for r in out.collect()}
    assert got == {i: (expected[t].text if t is not None else None) for i, t in ROWS}
    dotted = spark_df.limit(3).withColumnRenamed("text", "body.text")  # a column name with a dot
    only = scrub_column(dotted, "body.text", key=KEY, entities=["EMAIL_ADDRESS"]).collect()
    for row in only:
        assert row["body.text"] == privsynth.scrub(TEXTS[row.id], key=KEY, entities=["EMAIL_ADDRESS"]).text


def test_spark_plan_conf_and_logs_never_show_the_key(spark, spark_df, capsys, caplog):
    from privsynth.integrations.spark import scrub_column

    secret = "hunter2-spark-plan-secret"
    with caplog.at_level(logging.DEBUG):
        out = scrub_column(spark_df, "text", key=secret, spans_col="spans")
        for mode in ("simple", "extended", "codegen", "cost", "formatted"):
            out.explain(mode=mode)
        out.count()
    plans = capsys.readouterr().out
    assert "privsynth_scrub" in plans  # the plan names the UDF ...
    texts = [plans, caplog.text, out._jdf.queryExecution().toString(), str(out.schema),
             repr(spark.sparkContext.getConf().getAll())]
    for text in texts:  # ... but never the key, in clear or hex
        assert secret not in text and secret.encode().hex() not in text


def test_spark_engine_is_built_once_per_python_worker(spark, spark_df):
    from pyspark.sql import functions as F

    from privsynth.integrations.spark import scrub_column

    def probe():  # (python worker pid, engines built in it so far), from every worker that answers
        def report(batches):
            import os

            from privsynth.scrubber import default_scrubber
            for _ in batches:
                pass
            yield pd.DataFrame({"pid": [os.getpid()], "builds": [default_scrubber.cache_info().misses]})
        rows = spark.range(8, numPartitions=8).mapInPandas(report, "pid long, builds long").collect()
        return {r.pid: r.builds for r in rows}

    before = probe()
    many = spark_df.repartition(8, "id")
    out = scrub_column(many, "text", key="a-key-used-only-by-this-test").withColumn("n", F.length("text"))
    assert out.count() == len(ROWS)
    after = probe()
    for pid, builds in after.items():  # 8 partitions, yet at most one new engine per worker process
        assert builds - before.get(pid, 0) <= 1


# -- Dask --------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dask_client():
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def _dask_frame(npartitions: int = 3):
    import dask
    import dask.dataframe as dd

    with dask.config.set({"dataframe.convert-string": False}):  # keep the object column as given
        pdf = pd.DataFrame({"id": [i for i, _ in ROWS], "text": pd.Series([t for _, t in ROWS], dtype=object)})
        return dd.from_pandas(pdf, npartitions=npartitions)


def test_dask_matches_scrub_on_two_worker_processes(dask_client, expected):
    from privsynth.integrations.dask import scrub_column
    from privsynth.scrubber import default_scrubber

    ddf = _dask_frame()
    assert ddf.npartitions == 3
    out = scrub_column(ddf, "text", key=KEY, output_col="clean", spans_col="spans")
    assert list(out.columns) == ["id", "text", "clean", "spans"]
    got = out.compute().sort_values("id")
    assert len(got) == len(ROWS) and got["clean"].dtype == object
    for text, clean, spans in zip(got["text"], got["clean"], got["spans"]):
        if text is None:
            assert clean is None and spans is None
        else:
            assert clean == expected[text].text and spans == expected[text].annotations()
    builds = dask_client.run(lambda: default_scrubber.cache_info().misses)
    assert len(builds) == 2 and all(n == 1 for n in builds.values())  # both processes worked, one engine each


def test_dask_graph_never_shows_the_key(dask_client, capsys):
    from privsynth.integrations.dask import scrub_column

    secret = "hunter2-dask-graph-secret"
    out = scrub_column(_dask_frame(), "text", key=secret, spans_col="spans")
    out.pprint()
    shown = [capsys.readouterr().out, repr(out.expr), repr(dict(out.__dask_graph__())), out._name]
    for text in shown:
        assert secret not in text and secret.encode().hex() not in text


def test_dask_bad_rows_null_or_strict_error(dask_client):
    import dask
    import dask.dataframe as dd

    from privsynth.errors import RecordError
    from privsynth.integrations.dask import scrub_column

    pdf = pd.DataFrame({"text": pd.Series(["Call Ann Lee.", 42, None, "ok"], dtype=object)})
    with dask.config.set({"dataframe.convert-string": False}):  # else dask turns 42 into "42" itself
        ddf = dd.from_pandas(pdf, npartitions=2, sort=False)
    assert ddf["text"].dtype == object
    got = scrub_column(ddf, "text", key=KEY, error_col="why").compute()
    assert got["text"].isna().tolist() == [False, True, True, False]
    assert got["why"].tolist() == [None, "InputError: value is int, not str", None, None]
    with pytest.raises(RecordError, match=r"Row 1 of partition 0 is not text"):
        scrub_column(ddf, "text", key=KEY, strict=True).compute()


def test_dask_threaded_scheduler_is_deterministic(expected):
    from privsynth.integrations.dask import scrub_column

    out = scrub_column(_dask_frame(npartitions=6), "text", key=KEY).compute(scheduler="threads", num_workers=4)
    assert out.sort_values("id")["text"].tolist() == [expected[t].text if t is not None else None for _, t in ROWS]


# -- all engines at once -----------------------------------------------------------------------------------------

def test_every_engine_gives_byte_identical_output(spark_df, dask_client, expected):
    from privsynth.integrations.dask import scrub_column as dask_scrub_column
    from privsynth.integrations.spark import scrub_column as spark_scrub_column

    texts = TEXTS
    direct = [privsynth.scrub(t, key=KEY).text for t in texts]
    with_pandas = scrub_series(pd.Series(texts), key=KEY).tolist()
    with_spark = {r.id: r.text for r in spark_scrub_column(spark_df, "text", key=KEY).collect()}
    with_dask = dask_scrub_column(_dask_frame(), "text", key=KEY).compute().set_index("id")["text"].to_dict()
    assert with_pandas == direct
    assert [with_spark[i] for i in range(len(texts))] == direct
    assert [with_dask[i] for i in range(len(texts))] == direct
    assert [d.encode("utf-8") for d in direct] == [s.encode("utf-8") for s in with_pandas]
# -- failures last: a Python worker that raised is not reused, so later jobs would rebuild engines ---------------

def test_spark_failing_partition_is_retried_to_a_complete_result(spark_df, expected):
    from privsynth.integrations.spark import scrub_column

    def fail_first_attempt(batches):
        from pyspark import TaskContext

        ctx = TaskContext.get()
        for n, batch in enumerate(batches):
            if n == 1 and ctx.partitionId() == 1 and ctx.attemptNumber() == 0:
                raise RuntimeError("injected failure in the middle of partition 1")
            yield batch

    flaky = spark_df.mapInPandas(fail_first_attempt, spark_df.schema)
    rows = scrub_column(flaky, "text", key=KEY, output_col="clean").collect()
    assert sorted(r.id for r in rows) == [i for i, _ in ROWS]  # no row missing
    assert all(r.clean == (expected[r.text].text if r.text is not None else None) for r in rows)


def test_spark_failing_partition_fails_the_job_clearly(spark_df):
    from privsynth.integrations.spark import scrub_column

    def always_fail(batches):
        from pyspark import TaskContext

        for batch in batches:
            if TaskContext.get().partitionId() == 2:
                raise RuntimeError("injected permanent failure in partition 2")
            yield batch

    broken = scrub_column(spark_df.mapInPandas(always_fail, spark_df.schema), "text", key=KEY)
    with pytest.raises(Exception, match="injected permanent failure in partition 2"):
        broken.collect()


def test_spark_job_level_errors_fail_even_when_not_strict(spark_df):
    from privsynth.errors import ConfigError
    from privsynth.integrations.spark import scrub_column

    with pytest.raises(Exception, match=r"E004.*no_such_spacy_model"):
        scrub_column(spark_df.coalesce(1), "text", key=KEY, spacy_model="no_such_spacy_model").collect()
    with pytest.raises(ConfigError, match="not string"):
        scrub_column(spark_df, "id", key=KEY)
    with pytest.raises(ConfigError, match="Unknown option"):
        scrub_column(spark_df, "text", key=KEY, profle="reserved")


def test_dask_failing_partition_is_retried_or_fails_clearly(dask_client, tmp_path, expected):
    from privsynth.integrations.dask import scrub_column

    def fail_once(df, marker, partition_info=None):
        import pathlib

        if partition_info and partition_info["number"] == 1 and not pathlib.Path(marker).exists():
            pathlib.Path(marker).touch()
            raise RuntimeError("injected failure in partition 1")
        return df

    ddf = _dask_frame()
    flaky = ddf.map_partitions(fail_once, str(tmp_path / "failed-once"), meta=ddf._meta)
    out = scrub_column(flaky, "text", key=KEY)
    got = out.compute(retries=1).sort_values("id")
    assert got["id"].tolist() == [i for i, _ in ROWS]  # complete: no row missing
    assert got["text"].tolist() == [expected[t].text if t is not None else None for _, t in ROWS]
    again = scrub_column(ddf.map_partitions(fail_once, str(tmp_path / "fails"), meta=ddf._meta), "text", key=KEY)
    with pytest.raises(RuntimeError, match="injected failure in partition 1"):
        again.compute()


