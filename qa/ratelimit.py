"""Fixed-window rate limits per participant, kept in the shared cache (Redis in production)."""

import time

from django.core.cache import cache

WINDOW_SECONDS = 60


def allow(kind, participant_id, per_minute):
    """Count one action; False once the participant has used up this minute's allowance."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"qa:rate:{kind}:{participant_id}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    return count <= per_minute
