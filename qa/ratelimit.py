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
