"""Where a scrub's time goes, by pipeline stage — collected only when asked, free when not.

    with stage_timer() as times:
        list(scrubber.scrub_batch(texts))
    print(times.table())

The engine marks stage boundaries with ``clock = timing.clock()`` … ``if clock: clock.lap("patterns")``: without an
active :func:`stage_timer`, ``clock()`` is one context-variable read returning ``None``. The timer belongs to the
calling context (thread or task); work in other processes or threads is not counted. ``stage_timer(cpu=True)``
books the calling thread's CPU seconds instead of wall seconds: on a shared, loaded machine wall time mostly
measures the neighbours, CPU time what each stage costs (the thread's, not the process's: a monitoring thread's
work landed in whichever stage was running).
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

#: The stages the engine reports, in pipeline order.
STAGES = ("patterns", "gazetteers", "ner", "resolve", "surrogates", "render")
_ACTIVE: ContextVar["StageTimes | None"] = ContextVar("privsynth_stage_times", default=None)


class StageTimes:
    """Seconds spent per stage (accumulated over every call while the timer was active)."""

    def __init__(self, cpu: bool = False) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu = cpu
        self.now = time.thread_time if cpu else time.perf_counter

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def table(self, wall: float | None = None) -> str:
        """A Markdown table of the stages (and, given the run's wall time — its CPU time for a ``cpu`` timer —,
        what no stage accounts for)."""
        rows = dict(sorted(self.seconds.items(), key=lambda kv: STAGES.index(kv[0]) if kv[0] in STAGES else 99))
        total = wall if wall is not None else sum(rows.values())
        if wall is not None:
            rows["other (I/O, batching, glue)"] = max(0.0, wall - sum(self.seconds.values()))
        lines = ["| stage | seconds | share |", "|---|---|---|"]
        lines += [f"| {name} | {secs:.2f} | {secs / total:.1%} |" for name, secs in rows.items() if total > 0]
        return "\n".join(lines)


class Lap:
    """A stopwatch inside one call: each :meth:`lap` books the time since the previous one to a stage."""

    __slots__ = ("_times", "_last", "_now")

    def __init__(self, times: StageTimes) -> None:
        self._times = times
        self._now = times.now
        self._last = self._now()

    def lap(self, stage: str) -> None:
        now = self._now()
        self._times.add(stage, now - self._last)
        self._last = now


def clock() -> Lap | None:
    """A :class:`Lap` booking into the active timer, or ``None`` when no :func:`stage_timer` is active."""
    times = _ACTIVE.get()
    return Lap(times) if times is not None else None


@contextmanager
def stage_timer(cpu: bool = False) -> Iterator[StageTimes]:
    """Collect per-stage times of every scrub run in this context until the block ends (CPU seconds of this
    thread with ``cpu=True``, else wall seconds)."""
    times = StageTimes(cpu)
    token = _ACTIVE.set(times)
    try:
        yield times
    finally:
        _ACTIVE.reset(token)
