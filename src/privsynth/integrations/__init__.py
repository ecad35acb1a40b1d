"""ETL adapters: privsynth as one step of a pandas, Spark, Dask or datatrove pipeline.

Each adapter is a thin layer over :meth:`privsynth.Scrubber.scrub_batch`, so every engine gives byte-identical
output to :func:`privsynth.scrub` for the same key and options::

    from privsynth.integrations.pandas import scrub_series                      # pip install 'privsynth[pandas]'
    from privsynth.integrations.spark import scrub_column as spark_scrub_column  # pip install 'privsynth[spark]'
    from privsynth.integrations.dask import scrub_column as dask_scrub_column    # pip install 'privsynth[dask]'
    from privsynth.integrations.datatrove import PrivsynthScrub                  # pip install datatrove

How the key travels: it is resolved once on the driver/client (``key=``, ``key_file=``, ``$PRIVSYNTH_KEY`` or
``$PRIVSYNTH_KEY_FILE``) and shipped to the workers inside the pickled task argument. Its ``repr``, the Spark plan,
the Dask graph's names and datatrove's ``executor.json`` show only the key *fingerprint*. Each worker process
builds its engine lazily, once per option set, and reuses it for every partition it runs.

The adapter modules import their engine (pandas, pyspark, dask, datatrove) on import; this package imports none.
"""
from __future__ import annotations

__all__: list[str] = []
