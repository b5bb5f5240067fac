"""Database work from async code."""

import functools

from channels.db import database_sync_to_async
from django.db import connections


def on_read_threads(function):
    """Run a read-only database function on a pool of threads, off the one write thread.

    Channels runs every database call of a process on one thread by default; a
    reconnect storm's reads would queue ahead of the room's writes there.
    """
    return on_pool_threads(function)


def on_pool_threads(function):
    """Run a database function on a pool of threads, off the one write thread: for reads,
    and for a short write that must not wait behind a storm of others (a poll's results
    while hundreds of answers queue on the write thread)."""

    @functools.wraps(function)
    def read_and_close(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        finally:
            # Django keeps connections per thread and per context, and each call on the
            # pool runs in a fresh context: a connection left open here is never reused.
            connections.close_all()

    return database_sync_to_async(read_and_close, thread_sensitive=False)
