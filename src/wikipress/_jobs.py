"""Running conversions on several processes, with results in input order.

The command line hands work to :func:`ordered_results`: an iterable of
``(context, payload)`` pairs goes in, ``(context, result)`` pairs come out in
the same order, whatever finishes first. Payloads are grouped into small
batches (fewer round trips to the workers) and only a bounded window of
batches is in flight, so a corpus of any size streams through in constant
memory. With no executor everything runs here, one after another, through the
very same function, which is why ``--jobs 1`` and ``--jobs N`` give identical
output. Any ``concurrent.futures.Executor`` works: a process pool on this
machine (:func:`process_pool`), or a Dask cluster's executor.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator, Sized, TypeVar

__all__ = ["ordered_results", "process_pool", "cpu_count"]

C = TypeVar("C")
_BATCH_ITEMS = 32
_BATCH_BYTES = 1 << 20
_WINDOW_PER_WORKER = 4


def cpu_count() -> int:
    """CPUs this process may run on (its affinity, where the system says)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _ignore_interrupts(parent: int | None = None) -> None:
    """Workers leave Ctrl-C to the main process, which stops them and cleans up.

    On Linux they also die with it (``PR_SET_PDEATHSIG``): a command killed
    with SIGKILL leaves no worker finishing its batch and writing files. A
    worker whose *parent* died before it got here ends at once.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass  # no libc to ask: workers end when they next find the pool gone
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of worker processes, all started now.

    On Linux they are forked, so they start in milliseconds with wikipress
    already imported; they are forked at once, before this process starts any
    thread (the pool's own, a progress bar's), which is what makes forking
    safe. Elsewhere the platform's default (spawn) is used.
    """
    forking = sys.platform == "linux"
    if forking:
        _prepare_to_fork()
    context = multiprocessing.get_context("fork" if forking else None)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_ignore_interrupts, initargs=(os.getpid(),))
    pool.submit(int).result()  # with fork, starts every worker before any thread
    return pool


def _prepare_to_fork() -> None:
    """Build what every worker needs once, here, so that the forks inherit it.

    Parsing a tiny article compiles the grammar; ``gc.freeze`` keeps the
    collector from touching (and so copying) the inherited objects in each
    worker.
    """
    from .reading import parse

    parse("= Warm-up =\n")
    gc.freeze()


def apply_all(function: Callable[[Any], Any], payloads: list[Any]) -> list[Any]:
    """One batch's work, in a worker: the function applied to each payload."""
    return [function(payload) for payload in payloads]


def ordered_results(function: Callable[[Any], Any], items: Iterable[tuple[C, Any]],
                    executor: Executor | None, workers: int = 1) -> Iterator[tuple[C, Any]]:
    """``(context, function(payload))`` for each item, in order.

    *function* must be picklable (a module-level function) when an executor is
    given. A payload of None is not sent anywhere; its result is None.
    """
    if executor is None:
        for context, payload in items:
            yield context, None if payload is None else function(payload)
        return
    window: deque[tuple[list[C], list[int], Future | None]] = deque()
    limit = max(1, workers) * _WINDOW_PER_WORKER
    for contexts, sent, payloads in _batches(items):
        future = executor.submit(apply_all, function, payloads) if payloads else None
        window.append((contexts, sent, future))
        while len(window) >= limit:
            yield from _collect(window.popleft())
    while window:
        yield from _collect(window.popleft())


def _collect(entry) -> Iterator[tuple[Any, Any]]:
    contexts, sent, future = entry
    results = future.result() if future is not None else []
    position = 0
    for context, was_sent in zip(contexts, sent):
        if was_sent:
            yield context, results[position]
            position += 1
        else:
            yield context, None


def _batches(items: Iterable[tuple[C, Any]]) -> Iterator[tuple[list[C], list[int], list[Any]]]:
    contexts: list[C] = []
    sent: list[int] = []
    payloads: list[Any] = []
    size = 0
    for context, payload in items:
        contexts.append(context)
        sent.append(payload is not None)
        if payload is not None:
            payloads.append(payload)
            size += _size(payload)
        if len(payloads) >= _BATCH_ITEMS or size >= _BATCH_BYTES:
            yield contexts, sent, payloads
            contexts, sent, payloads, size = [], [], [], 0
    if contexts:
        yield contexts, sent, payloads


def _size(payload: Any) -> int:
    data = getattr(payload, "data", payload)
    return len(data) if isinstance(data, Sized) else 0
