"""privsynth as a PySpark step (local[2]): scrub the `body` column of the bundled sample CSV.

    .venv/bin/python examples/etl_spark.py             # needs Java 17+; key from $PRIVSYNTH_KEY, else a fresh one

Spark's Python workers must run an interpreter that has privsynth installed, hence PYSPARK_PYTHON below.
"""
import os
import secrets
import sys
from pathlib import Path

if __name__ == "__main__":
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from privsynth.integrations.spark import scrub_column as spark_scrub_column

    key = os.environ.get("PRIVSYNTH_KEY") or secrets.token_hex(32)
    spark = (SparkSession.builder.master("local[2]").appName("privsynth-example")
             .config("spark.pyspark.python", sys.executable)
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    spark_df = spark.read.csv(str(Path(__file__).with_name("sample_en.csv")), header=True, multiLine=True,
                              escape='"').repartition(2)

    out = spark_scrub_column(spark_df, "body", key=key, output_col="clean", spans_col="pii_spans")
    out.explain()                                  # shows privsynth_scrub(body#..), never the key
    for row in out.select("id", "clean", "pii_spans").limit(3).collect():
        print(row.id, row.clean)
        print("   ", [(s.entity_type, row.clean[s.start:s.end]) for s in row.pii_spans])
    spark.stop()
