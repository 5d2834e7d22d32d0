"""Stopping a run in order: Ctrl-C and SIGTERM, never in the middle of an article.

A run that is stopped keeps every output it finished and leaves nothing
half-done. Python raises ``KeyboardInterrupt`` for Ctrl-C wherever the main
thread happens to be, and a plain SIGTERM (what service managers, batch
schedulers and Kubernetes send) ends the process on the spot. So:

* :func:`terminate_in_order` makes SIGTERM raise :class:`Stopped` (a
  ``KeyboardInterrupt``), so that it takes the very path Ctrl-C takes: files
  being written are discarded, workers finish what they hold, and the command
  line exits with 128 + the signal's number;
* :func:`held` holds both signals off while an article's outputs are put in
  place, and delivers them right after: an article has all of its formats or
  none, and no temporary file is left between its naming and its rename.

Both act only in the main thread, where Python runs signal handlers, and
:func:`held` only on a signal whose handler is one of the two that stop a run
(Python's for Ctrl-C, ours for SIGTERM): not on one a worker process ignores,
nor on an application's own handler when the library is embedded.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

__all__ = ["Stopped", "terminate_in_order", "held"]

_SIGNALS = (signal.SIGINT, signal.SIGTERM) if hasattr(signal, "SIGTERM") else (signal.SIGINT,)


class Stopped(KeyboardInterrupt):
    """The run was asked to stop by a signal other than Ctrl-C's."""

    def __init__(self, number: int):
        super().__init__(number)
        self.number = number


def _raise_stopped(number: int, frame) -> None:
    raise Stopped(number)


_STOPPING = (signal.default_int_handler, _raise_stopped)  # the handlers held() holds


def _is_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def terminate_in_order() -> Iterator[None]:
    """Within, SIGTERM raises :class:`Stopped` (in the main thread)."""
    if not hasattr(signal, "SIGTERM") or not _is_main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_stopped)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Recorder:
    """A handler that notes a signal for later instead of acting on it."""

    def __init__(self) -> None:
        self.caught: list[int] = []

    def __call__(self, number: int, frame) -> None:
        self.caught.append(number)


@contextmanager
def held() -> Iterator[None]:
    """Within, Ctrl-C and SIGTERM wait; on leaving, the first that came acts."""
    if not _is_main_thread():
        yield
        return
    recorder = _Recorder()
    saved = {}
    for number in _SIGNALS:
        if signal.getsignal(number) in _STOPPING:  # not ignored, not held, not someone else's
            saved[number] = signal.signal(number, recorder)
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
        if recorder.caught:  # even after an error: the user asked to stop
            first = recorder.caught[0]
            saved[first](first, None)
