"""Rate limits per participant, kept in the shared cache (Redis in production).

A window opens at a participant's first action and lasts a minute; within it
at most `per_minute` actions pass. add() and incr() are atomic in Redis, so
several server processes share one count. When the cache cannot be reached,
each process counts on its own for a while: a Redis outage makes limits
per process, never stops people from asking.
"""

import logging
import threading
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60


class LocalWindows:
    """In-process fixed windows, used only while the shared cache is unreachable."""

    def __init__(self):
        self.lock = threading.Lock()
        self.windows = {}

    def count(self, key, now=None):
        now = time.monotonic() if now is None else now
        with self.lock:
            opened, count = self.windows.get(key, (now, 0))
            if now - opened >= WINDOW_SECONDS:
                opened, count = now, 0
            self.windows[key] = (opened, count + 1)
            if len(self.windows) > 100_000:  # forget closed windows so memory stays bounded
                self.windows = {
                    k: v for k, v in self.windows.items() if now - v[0] < WINDOW_SECONDS
                }
            return count + 1


_local = LocalWindows()


def _shared_count(key):
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # the window closed between add() and incr()
        cache.add(key, 1, timeout=WINDOW_SECONDS)
        return 1


def allow(kind, participant_id, per_minute):
    """Count one action; False once the participant has used up this window's allowance."""
    key = f"qa:rate:{kind}:{participant_id}"
    try:
        count = _shared_count(key)
    except Exception:
        logger.warning("Rate-limit cache unreachable; counting in this process", exc_info=True)
        count = _local.count(key)
    return count <= per_minute


class FrameBudget:
    """Frames one socket may send per second and per minute, counted in the socket itself.

    Checked before a frame is parsed: a client looping pings must cost the room nothing
    but a short refusal.
    """

    def __init__(self, per_second, per_minute):
        self.limits = ((1.0, per_second), (float(WINDOW_SECONDS), per_minute))
        self.windows = [(0.0, 0), (0.0, 0)]  # per limit: (opened at, frames counted)

    def take(self, now=None):
        now = time.monotonic() if now is None else now
        allowed = True
        for index, (length, limit) in enumerate(self.limits):
            opened, count = self.windows[index]
            if now - opened >= length:
                opened, count = now, 0
            self.windows[index] = (opened, count + 1)
            allowed = allowed and count < limit
        return allowed


class StreamSlots:
    """Open sockets and event streams per client address in this process."""

    def __init__(self):
        self.open = {}

    def claim(self, address, limit):
        if self.open.get(address, 0) >= limit:
            return False
        self.open[address] = self.open.get(address, 0) + 1
        return True

    def release(self, address):
        left = self.open.get(address, 0) - 1
        if left > 0:
            self.open[address] = left
        else:
            self.open.pop(address, None)


# One event loop per process runs every stream, so a plain dict needs no lock.
stream_slots = StreamSlots()
