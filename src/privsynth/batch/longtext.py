"""One long text over several processes: the named-entity model runs on its pieces in worker processes, and
everything else (patterns, resolution and person linking, surrogates, rendering) runs once in this process over
the whole text, so the result is exactly the one-process result for the same key.

The pieces are those the model cuts every long text into anyway (:func:`privsynth.detect.ner.split_points`, at
paragraph/sentence boundaries, at most ``piece_chars`` long), so a worker sees the same pieces one process would.
While the workers run the model, this process finds the patterns (:meth:`privsynth.detect.Detector.detect_batch`
with ``ner=``), so on N cores the text takes about ``CPU / N`` plus what cannot be shared (resolve, surrogates).

:class:`ParallelScrubber` is the Python API; ``privsynth scrub --workers N`` splits a record longer than
``--split-above`` characters the same way over its worker pool (:class:`privsynth.batch.workers.PoolEngine`).
"""
from __future__ import annotations

import math
from concurrent.futures import Executor
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..config import Config
from ..detect.ner import text_pieces
from ..types import Finding, ScrubResult

#: Most pieces in one task: small enough that the workers finish together (the last task is the idle tail),
#: large enough that a task is a few hundred milliseconds of model time, not pickling.
MAX_PIECES_PER_TASK = 4


# ------------------------------------------------------------------------------------------ worker side
def _worker_scrubber() -> Any:
    from .workers import _WORKER

    if "error" in _WORKER:
        raise _WORKER["error"]
    return _WORKER["scrubber"]


def named_task(language: str, views: list[str]) -> list[list[Finding]]:
    """In a worker: the model's named entities in each piece."""
    return _worker_scrubber().named_entities(views, language)


def piece_chars_task(language: str) -> int | None:
    """In a worker: the piece length its model cuts long texts into."""
    return _worker_scrubber().ner_piece_chars(language)


# ------------------------------------------------------------------------------------------ parent side
class NerPool:
    """Runs the named-entity stage of :meth:`privsynth.Scrubber.scrub_batch` (``ner=``) in the worker processes
    of ``executor`` (each built with a Scrubber of the same config, as :class:`.workers.PoolEngine` does)."""

    def __init__(self, executor: Executor, workers: int) -> None:
        self.executor = executor
        self.workers = workers
        self._piece_chars: dict[str, int | None] = {}

    def for_language(self, language: str) -> "_LanguageNer":
        if language not in self._piece_chars:
            self._piece_chars[language] = self.executor.submit(piece_chars_task, language).result()
        return _LanguageNer(self, language, self._piece_chars[language])


class _LanguageNer:
    def __init__(self, pool: NerPool, language: str, piece_chars: int | None) -> None:
        self.pool, self.language, self.piece_chars = pool, language, piece_chars

    def submit(self, texts: Sequence[str], batch_size: int) -> Callable[[], list[list[Finding]]]:
        """Send the pieces of every text to the workers now; the returned function waits for them and gives the
        findings per text in the offsets of the text, in the order one process finds them."""
        # A model that cuts texts its own way (piece_chars None) gets each text whole: same result, one worker.
        pieces = text_pieces(texts, self.piece_chars)
        per_task = max(1, min(MAX_PIECES_PER_TASK, math.ceil(len(pieces) / (4 * self.pool.workers))))
        tasks = []
        for g in range(0, len(pieces), per_task):
            group = pieces[g:g + per_task]
            tasks.append((group, self.pool.executor.submit(named_task, self.language, [p for _, _, p in group])))

        def collect() -> list[list[Finding]]:
            results: list[list[Finding]] = [[] for _ in texts]
            for group, future in tasks:
                for (i, offset, _), found in zip(group, future.result()):
                    results[i].extend(Finding(f.start + offset, f.end + offset, f.entity_type, f.score,
                                              f.recognizer) for f in found)
            return results

        return collect

    def detect_batch(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Finding]]:
        return self.submit(texts, batch_size)()


class ParallelScrubber:
    """Scrub texts of any length with ``workers`` processes; the same output as :class:`privsynth.Scrubber` in
    one process for the same key. Start it once (each worker loads the model) and reuse it::

        with ParallelScrubber(workers=2, language="en", key_file="corpus.key") as ps:
            result = ps.scrub(huge_text)

    Worth it for long texts (hundreds of thousands of characters and more); for many short texts use
    ``privsynth scrub --workers N`` or the integrations, which give each worker whole texts.
    """

    def __init__(self, config: Config | None = None, *, workers: int = 2, start_method: str = "spawn",
                 **options: Any) -> None:
        from ..errors import ConfigError
        from ..scrubber import Scrubber
        from .workers import PoolEngine

        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise ConfigError(f"workers must be a positive whole number; got {workers!r}.")
        self.scrubber = Scrubber(config, **options)  # this process: patterns, resolve, surrogates, render
        worker_config = self.scrubber.config
        if worker_config.key is None and worker_config.key_file is None:
            # The workers only run the model, but each would draw (and warn about) a random key of its own.
            worker_config = Config.from_options(worker_config, key=self.scrubber._key.secret)
        self._engine = PoolEngine(worker_config, "detect", workers, start_method)
        try:
            self._engine.start()
        except BaseException:
            self._engine.close(cancel=True)
            raise
        self.ner = NerPool(self._engine.executor, workers)

    def scrub(self, text: str) -> ScrubResult:
        return next(self.scrub_batch([text]))

    def scrub_batch(self, texts: Iterable[str]) -> Iterator[ScrubResult]:
        """Scrub many texts in order, the pieces of each batch of texts spread over the workers."""
        return self.scrubber.scrub_batch(texts, ner=self.ner)

    def detect(self, text: str) -> tuple[Finding, ...]:
        return next(self.scrubber.detect_batch([text], ner=self.ner))

    def bias_report(self, reset: bool = False) -> dict[str, dict[str, dict[str, int]]]:
        return self.scrubber.bias_report(reset)

    @property
    def key_fingerprint(self) -> str:
        return self.scrubber.key_fingerprint

    def close(self) -> None:
        self._engine.close()

    def __enter__(self) -> "ParallelScrubber":
        return self

    def __exit__(self, *exc: object) -> None:
        self._engine.close(cancel=exc[0] is not None)


def scrub_long(text: str, *, workers: int = 2, config: Config | None = None, **options: Any) -> ScrubResult:
    """Scrub one long text with ``workers`` processes (started and stopped for this call; keep a
    :class:`ParallelScrubber` to scrub several)."""
    with ParallelScrubber(config, workers=workers, **options) as ps:
        return ps.scrub(text)
