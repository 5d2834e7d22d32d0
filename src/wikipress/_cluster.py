"""The Dask cluster ``wikipress convert --scheduler ADDRESS`` converts on.

A ``distributed.Client`` keeps trying to connect until its timeout (30 s by
default), which is right while a scheduler is starting, but a command line
pointed at an address where nothing listens should say so at once. So a
``tcp://`` address is first tried with a plain connection: refused, it is an
error straight away; anything else (a timeout, a name that does not resolve
yet) is left to the client, which retries. Imported through
:mod:`wikipress.dask`, with the ``wikipress[dask]`` extra.
"""

from __future__ import annotations

import socket
from contextlib import contextmanager
from typing import Any, Iterator
from urllib.parse import urlsplit

__all__ = ["SchedulerUnreachable", "cluster_executor"]

_PROBE_SECONDS = 2.0


class SchedulerUnreachable(OSError):
    """No Dask scheduler answered at the address given."""


@contextmanager
def cluster_executor(address: str, timeout: str | None = None) -> Iterator[tuple[Any, int]]:
    """A ``concurrent.futures`` executor on the Dask cluster at *address*, and its threads.

    *timeout* defaults to Dask's ``distributed.comm.timeouts.connect`` setting.
    Raises :class:`SchedulerUnreachable` when no scheduler answers.
    """
    from distributed import Client

    refusal = _refusal(address)
    if refusal is not None:
        raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {address}: {refusal}")
    try:
        client = Client(address, **({"timeout": timeout} if timeout else {}))
    except (OSError, TimeoutError, ValueError, TypeError) as error:  # ValueError: a bad address
        raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {address}: {error}") from None
    try:
        workers = max(1, sum(client.nthreads().values()))
        yield client.get_executor(), workers
    finally:
        client.close()


def _refusal(address: str) -> str | None:
    """Why nothing can listen at a ``tcp://host:port`` *address* (the connection
    was refused), or None if a connection was made, or may be later."""
    try:
        parts = urlsplit(address)
        host, port = parts.hostname, parts.port
    except ValueError:  # a port that is no number: the client says what is wrong
        return None
    if parts.scheme != "tcp" or not host or port is None:
        return None
    try:
        socket.create_connection((host, port), timeout=_PROBE_SECONDS).close()
    except ConnectionRefusedError as error:
        return f"connection refused ({error.strerror or error})"
    except OSError:
        return None
    return None
