"""datatrove adapter: a ``PipelineStep`` that replaces personal data in ``Document.text`` with surrogates.

>>> from datatrove.executor import LocalPipelineExecutor                            # doctest: +SKIP
>>> from datatrove.pipeline.readers import JsonlReader                              # doctest: +SKIP
>>> from datatrove.pipeline.writers import JsonlWriter                              # doctest: +SKIP
>>> from privsynth.integrations.datatrove import PrivsynthScrub                     # doctest: +SKIP
>>> LocalPipelineExecutor([JsonlReader("in/"), PrivsynthScrub(key_file="privsynth.key"), JsonlWriter("out/")],
...                       tasks=4, workers=2).run()                                  # doctest: +SKIP

Unlike datatrove's ``PIIFormatter`` (two regexes, fixed placeholders), this runs the whole privsynth engine:
consistent, format-valid surrogates for every entity type, with the surrogates' spans in
``doc.metadata["privsynth_spans"]``. Documents are scrubbed in batches (``nlp.pipe``); the engine is built once
per worker process. The key is resolved when the step is created; ``executor.json`` shows only its fingerprint.
"""
from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import Any

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("privsynth.integrations.datatrove needs datatrove: pip install datatrove") from exc

from ..config import Config
from ..errors import ConfigError
from ._core import Job, scrub_values

__all__ = ["PrivsynthScrub"]


class PrivsynthScrub(PipelineStep):
    """Scrub ``doc.text`` in place; record the surrogates' spans in ``doc.metadata[spans_key]``.

    ``options`` are :class:`privsynth.Config` options (``key``/``key_file``, ``language``, ``entities``, …).
    ``spans_key=None`` skips the spans. Not ``strict`` (default): a document the engine fails on is dropped, counted
    in the step's ``scrub_failed`` stat and logged (never its text), so no unscrubbed text flows on;
    ``strict=True`` raises instead. Stats also count replacements per entity type (``pii_PERSON``, …).
    """

    name = "🕵 privsynth"
    type = "✂️ - FORMAT"

    def __init__(self, *, spans_key: str | None = "privsynth_spans", strict: bool = False,
                 config: Config | None = None, **options: Any) -> None:
        super().__init__()
        if spans_key is not None and not isinstance(spans_key, str):
            raise ConfigError(f"spans_key must be a string or None; got {spans_key!r}.")
        self.job = Job.create(config, strict=strict, **options)
        self.spans_key = spans_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        docs = iter(data)
        size = self.job.config.batch_size
        chunk_no = 0
        while chunk := list(islice(docs, size)):
            with self.track_time(unit="batch"):
                outcome = scrub_values([doc.text for doc in chunk], self.job, f"rank {rank} batch {chunk_no}")
            chunk_no += 1
            for doc, text, spans, error, null in zip(chunk, outcome.texts, outcome.spans, outcome.errors,
                                                    outcome.nulls):
                self.stat_update(StatHints.total)
                if error is not None or null:
                    self.stat_update("scrub_failed")
                    continue
                doc.text = text
                if self.spans_key is not None:
                    doc.metadata[self.spans_key] = spans
                for entity_type, count in Counter(s["entity_type"] for s in spans or ()).items():
                    self.stat_update(f"pii_{entity_type}", value=count)
                self.update_doc_stats(doc)
                self.stat_update(StatHints.forwarded)
                yield doc
