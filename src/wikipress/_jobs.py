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

import functools
import gc
import os
import signal
import sys
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, TypeVar

if TYPE_CHECKING:  # imported when a pool is made: a run on one process needs neither
    from concurrent.futures import Executor, Future, ProcessPoolExecutor

__all__ = ["ordered_results", "process_pool", "cpu_count"]

C = TypeVar("C")
# Every batch costs the main process a few thread wake-ups, which take a core from
# the workers (on a virtual machine, each wake-up across cores is dear): 64 per
# batch and a tail of halves made --jobs 2 about 4% faster than 32 and quarters,
# with 50 ms less CPU per 1000 articles (docs/benchmarks.md).
_BATCH_ITEMS = 64
_BATCH_BYTES = 1 << 20
_WINDOW_PER_WORKER = 4
_TAIL_SHARE = 2  # near the end, a batch is at most 1/(workers * this) of what is left


def cpu_count() -> int:
    """CPUs this process may run on (its affinity, where the system says)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _ignore_interrupts(parent: int | None = None) -> None:
    """Workers leave Ctrl-C and SIGTERM to the main process, which lets them
    finish the batches they hold and stops them.

    On Linux they also die with it (``PR_SET_PDEATHSIG``): a command killed
    with SIGKILL leaves no worker finishing its batch and writing files. A
    worker whose *parent* died before it got here ends at once.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):  # a SIGTERM to the whole group: the main process stops them
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass  # no libc to ask: workers end when they next find the pool gone
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def process_pool(workers: int, warm_up: Callable[[], Any] | None = None) -> ProcessPoolExecutor:
    """A pool of worker processes, all started now, each calling *warm_up* first.

    *warm_up* loads what the work needs (imports, the grammar): the workers do
    it while this process goes on with its own work (finding and planning the
    inputs), so on two cores the two overlap. On Linux the workers are forked,
    at once, before this process starts any thread (the pool's own, a progress
    bar's), which is what makes forking safe, and ``gc.freeze`` keeps the
    collector from touching, and so copying, what they inherit. Elsewhere the
    platform's default (spawn) is used. *warm_up* must be picklable (a
    module-level function or a partial of one).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    forking = sys.platform == "linux"
    if forking:
        import ctypes  # noqa: F401 - for _ignore_interrupts: imported once, inherited

        gc.freeze()
    context = multiprocessing.get_context("fork" if forking else None)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_start_worker, initargs=(os.getpid(), warm_up))
    pool.submit(int)  # with fork, starts every worker now, before the pool's own thread
    return pool


def _start_worker(parent: int, warm_up: Callable[[], Any] | None) -> None:
    _ignore_interrupts(parent)
    if warm_up is not None:
        try:
            warm_up()
        except Exception:  # noqa: BLE001 - a warm-up only saves time: the real work reports
            pass           # the problem for its input, where an initializer's error would
                           # break the whole pool


def apply_all(function: Callable[[Any], Any], payloads: list[Any]) -> list[Any]:
    """One batch's work, in a worker: the function applied to each payload."""
    return [function(payload) for payload in payloads]


def ordered_results(function: Callable[[Any], Any], items: Iterable[tuple[C, Any]],
                    executor: Executor | None, workers: int = 1,
                    total: int | None = None,
                    total_size: int | None = None) -> Iterator[tuple[C, Any]]:
    """``(context, function(payload))`` for each item, in order.

    *function* must be picklable (a module-level function) when an executor is
    given. A payload of None is not sent anywhere; its result is None. When the
    number of items (*total*) or the bytes the payloads carry (*total_size*: a
    corpus's articles are counted only as they are found, its files' sizes are
    known) is known, batches shrink towards the end, so the workers finish
    together rather than one converting a last full batch while the others wait.
    """
    if executor is None:
        for context, payload in items:
            yield context, None if payload is None else function(payload)
        return
    window: deque[tuple[list[C], list[int], Future | None]] = deque()
    workers = max(1, workers)
    in_flight = workers * _WINDOW_PER_WORKER  # batches sent and not yet collected, at most
    limits = functools.partial(_batch_limit, total, total_size, workers)
    for contexts, sent, payloads in _batches(items, limits):
        future = executor.submit(apply_all, function, payloads) if payloads else None
        window.append((contexts, sent, future))
        while len(window) >= in_flight:
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


def _batch_limit(total: int | None, total_size: int | None, workers: int,
                 taken: int, taken_size: int) -> tuple[int, int]:
    """How many payloads, and about how many of their bytes, the next batch may
    hold, *taken* items and *taken_size* bytes in.

    Guided scheduling: full batches while much is left, then a share of what is
    left per worker, down to single items for the last few.
    """
    share = workers * _TAIL_SHARE
    items = _BATCH_ITEMS if total is None else min(_BATCH_ITEMS, (total - taken) // share)
    size = _BATCH_BYTES if total_size is None else min(_BATCH_BYTES, (total_size - taken_size) // share)
    return max(1, items), max(1, size)


def _batches(items: Iterable[tuple[C, Any]], limit: Callable[[int, int], tuple[int, int]]
             ) -> Iterator[tuple[list[C], list[int], list[Any]]]:
    """Items grouped into batches of at most ``limit(items, bytes taken so far)``
    payloads and bytes (a batch ends with the payload that reaches the bytes);
    items without a payload ride along."""
    contexts: list[C] = []
    sent: list[int] = []
    payloads: list[Any] = []
    size, taken, taken_size = 0, 0, 0
    most, most_size = limit(taken, taken_size)
    for context, payload in items:
        contexts.append(context)
        sent.append(payload is not None)
        if payload is not None:
            payloads.append(payload)
            size += _size(payload)
        if len(payloads) >= most or size >= most_size:
            taken, taken_size = taken + len(contexts), taken_size + size
            yield contexts, sent, payloads
            contexts, sent, payloads, size = [], [], [], 0
            most, most_size = limit(taken, taken_size)
    if contexts:
        yield contexts, sent, payloads


def _size(payload: Any) -> int:
    """Bytes a payload carries, as far as it says (``Work.size``); 0 if it does not."""
    size = getattr(payload, "size", 0)
    return size if isinstance(size, int) else 0
