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
manage the collector themselves are left as they were.

The collector is the whole process's. In a threaded program (Dask's threaded
and distributed workers) it is off while any thread parses or exports, and on
again when one of them ends; a program that calls ``gc.disable()`` from another
thread meanwhile may find it enabled again. Pausing only in the main thread was
tried and dropped: a large document parsed, exported and loaded back in a
worker thread took 2.8 times as long.
"""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
