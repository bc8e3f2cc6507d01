"""A map over groups of items (a month's report files) in forked worker processes, in order.

The workers are forked, so the function they run (and the resolved plan it holds) is shared
without pickling. Every group is handed to the workers one group ahead of the caller, so that
they work on the next month while the caller folds this one, and no more than two groups'
results wait in memory; results come back in the order asked for, so output is the same
whatever the number of processes.
"""

from __future__ import annotations

import collections
import contextlib
import gc
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from zwxt import interrupt

T = TypeVar("T")
R = TypeVar("R")

# Groups of results ``mapping`` gives: each group's in the order of its items.
Groups = Callable[[list[list[T]]], Iterator[list[R]]]

_CHUNK = 32

# Set in each worker process by the pool's initializer (inherited through fork, not pickled).
_function: Callable[[Any], Any] | None = None


@contextlib.contextmanager
def mapping(function: Callable[[T], R], workers: int) -> Iterator[Groups[T, R]]:
    """``function`` over groups of items, in ``workers`` processes when more than one."""
    # Loading allocates many long-lived objects and frees few: collecting meanwhile only rescans them.
    collecting = gc.isenabled()
    gc.disable()
    executor: Any = None
    try:
        if workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                           initializer=_start_worker, initargs=(function,))

        def groups(items: list[list[T]]) -> Iterator[list[R]]:
            ahead: collections.deque[Iterator[R]] = collections.deque()
            for i in range(len(items)):
                while len(ahead) < 2 and i + len(ahead) < len(items):
                    ahead.append(_run(executor, workers, function, items[i + len(ahead)]))
                yield list(ahead.popleft())

        yield groups
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
        if collecting:
            gc.enable()


def _run(executor: Any, workers: int, function: Callable[[T], R], items: list[T]) -> Iterator[R]:
    if executor is None:
        return (function(item) for item in items)
    # Chunks small enough that every worker stays busy to the last month, large enough that
    # handing them over costs little.
    chunk = max(1, min(_CHUNK, len(items) // (workers * 8)))
    return iter(executor.map(_in_worker, items, chunksize=chunk))


def _start_worker(function: Callable[[Any], Any]) -> None:
    global _function
    # Ctrl-C at a terminal reaches the whole process group: the parent answers it and
    # shuts the pool down; a worker that raised too would print its own traceback.
    interrupt.ignore()
    _function = function


def _in_worker(item: Any) -> Any:
    if _function is None:
        raise RuntimeError("worker started without its function")
    return _function(item)
