"""Pausing Python's cyclic garbage collector while a large tree is built or written.

Parsing, exporting and loading make many small objects and no reference
cycles, so the cyclic collector has nothing to find there; yet CPython runs it
every few hundred allocations, and with a large document alive each of its
full collections walks that whole document again. Measured on 50,000 headings
(benchmarks/bench_linear.py), that made YAML export and a second parse grow
two to three times faster than the input. Paused, they grow linearly; objects
are still freed by reference counting as soon as they are dropped.

:func:`collector_paused` is a context manager and a decorator. It restores the
collector only if it was enabled on entry, so nested uses and callers that
manage the collector themselves are left as they were. Only the main thread
pauses it: the collector is the whole process's, so a pause from one thread
holds it off for every other thread's garbage, and with a few threads parsing
at once it was off most of the time (and a program's own ``gc.disable()`` in
another thread was undone when a parse ended). Work in other threads (a thread
pool, Dask's threaded workers) runs with the collector as the program left it.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from typing import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    if not gc.isenabled() or threading.current_thread() is not threading.main_thread():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
