"""One Scrubber shared by threads gives the same output as a single thread (Dask and Spark run threads)."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import privsynth


def test_threads_share_a_scrubber_deterministically(test_key):
    texts = [f"Write to Anna Kovacs {i} at anna{i}@acme-widgets.com, 10 Main St, Springfield, IL 6270{i % 10}."
             for i in range(40)]
    scrubber = privsynth.Scrubber(key=test_key, ner=False)
    expected = [r.text for r in scrubber.scrub_batch(texts)]
    fresh = privsynth.Scrubber(key=test_key, ner=False)
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: fresh.scrub(t).text, texts))
    assert got == expected
