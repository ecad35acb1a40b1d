"""One policy for "run a chunk; if it fails, redo it item by item" shared by batch runs and the integrations.

A batch call (``Scrubber.scrub_batch``/``detect_batch``) is much faster than one call per text, but one bad text
spoils the whole call. :func:`run_isolated` keeps the results the batch produced before it failed and redoes the
rest one at a time, so a failure is pinned to its own item and every other item gets its result.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Generic, Iterable, Sequence, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Isolated(Generic[R]):
    """The result of one item, or the exception it raised on its own."""

    value: R | None = None
    error: BaseException | None = None


def run_isolated(run_batch: Callable[[Sequence[T]], Iterable[R]], items: Sequence[T], *,
                 run_one: Callable[[T], R] | None = None,
                 fatal: tuple[type[BaseException], ...] = ()) -> list[Isolated[R]]:
    """``run_batch(items)``; on an error, the items it had not yet returned are redone one by one.

    ``run_one`` defaults to ``run_batch([item])``. Exceptions of a ``fatal`` type (whole-run problems such as a
    missing model or key) are raised at once instead of being pinned on an item.
    """
    one = run_one if run_one is not None else (lambda item: next(iter(run_batch([item]))))
    out: list[Isolated[R]] = []
    try:
        for value in run_batch(items):
            out.append(Isolated(value))
    except fatal:
        raise
    except Exception as exc:
        log.debug("a chunk failed (%s); redoing its %d remaining items one by one", type(exc).__name__,
                  len(items) - len(out))
        for item in items[len(out):]:
            try:
                out.append(Isolated(one(item)))
            except fatal:
                raise
            except Exception as item_exc:
                out.append(Isolated(error=item_exc))
    return out
