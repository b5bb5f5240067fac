"""Rate limits per participant, kept in the shared cache (Redis in production).

A window opens at a participant's first action and lasts a minute; within it
at most `per_minute` actions pass. add() and incr() are atomic in Redis, so
several server processes share one count.
"""

from django.core.cache import cache

WINDOW_SECONDS = 60


def allow(kind, participant_id, per_minute):
    """Count one action; False once the participant has used up this window's allowance."""
    key = f"qa:rate:{kind}:{participant_id}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the window closed between add() and incr()
        cache.add(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= per_minute
