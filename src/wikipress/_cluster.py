"""The Dask cluster ``wikipress convert --scheduler ADDRESS`` converts on.

A ``distributed.Client`` keeps trying to connect until its timeout (Dask's
``distributed.comm.timeouts.connect``, 30 s by default): right while a
scheduler is still starting, since its port refuses connections until then,
but silent. So whoever waits can be told, once the wait passes a second, what
it waits for and for how long at most. Imported through :mod:`wikipress.dask`,
with the ``wikipress[dask]`` extra.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

__all__ = ["SchedulerUnreachable", "cluster_executor"]

_QUIET_WAIT = 1.0  # seconds of waiting for the scheduler before *waiting* is told


class SchedulerUnreachable(OSError):
    """No Dask scheduler answered at the address given."""


@contextmanager
def cluster_executor(address: str, timeout: str | None = None,
                     waiting: Callable[[str], None] | None = None) -> Iterator[tuple[Any, int]]:
    """A ``concurrent.futures`` executor on the Dask cluster at *address*, and its threads.

    *timeout* defaults to Dask's ``distributed.comm.timeouts.connect`` setting.
    If connecting takes longer than a second, *waiting* is called (from another
    thread) with a message that says so. Raises :class:`SchedulerUnreachable`
    when no scheduler answers.
    """
    import dask
    from distributed import Client

    limit = timeout or dask.config.get("distributed.comm.timeouts.connect")
    notice = threading.Timer(_QUIET_WAIT, waiting or (lambda message: None), args=(
        f"waiting for the Dask scheduler at {address} (at most {limit})",))
    notice.daemon = True
    notice.start()
    try:
        client = Client(address, **({"timeout": timeout} if timeout else {}))
    except (OSError, TimeoutError, ValueError, TypeError) as error:  # ValueError: a bad address
        raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {address}: {error}") from None
    finally:
        notice.cancel()
    try:
        workers = max(1, sum(client.nthreads().values()))
        yield client.get_executor(), workers
    finally:
        client.close()
