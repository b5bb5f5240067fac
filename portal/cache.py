"""A Redis cache that degrades to a miss while Redis is unreachable.

Pages, sessions and site lookups only use the cache to go faster: with Redis
down they are served uncached instead of answering 500. Counting (`incr`)
still raises, so a rate limiter can tell that the shared count is gone.
"""

import logging
import threading

from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _soft(name, fallback):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
        except UNREACHABLE:
            logger.warning("Cache unreachable during %s; going on uncached", name)
            return fallback(*args, **kwargs)

    method.__name__ = name
    return method


_clients = {}
_clients_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    get = _soft("get", lambda key, default=None, version=None: default)
    get_many = _soft("get_many", lambda keys, version=None: {})
    has_key = _soft("has_key", lambda key, version=None: False)
    set = _soft("set", lambda *args, **kwargs: None)
    set_many = _soft("set_many", lambda data, *args, **kwargs: list(data))
    add = _soft("add", lambda *args, **kwargs: False)
    touch = _soft("touch", lambda *args, **kwargs: False)
    delete = _soft("delete", lambda *args, **kwargs: False)
    delete_many = _soft("delete_many", lambda *args, **kwargs: None)

    @cached_property
    def _cache(self):
        """One client, and so one connection pool, per process and server list.

        Django makes a cache object per asyncio context, so under Daphne each request had a
        pool of its own and left its connections to the garbage collector."""
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        with _clients_lock:
            if key not in _clients:
                _clients[key] = self._class(self._servers, **self._options)
            return _clients[key]


def counter_key(kind, *parts):
    """A cache key for a counter of `kind` about `parts`; hashed, since parts are user input
    (usernames, e-mails, addresses) and may hold anything a cache key cannot."""
    import hashlib

    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"counter:{kind}:{digest}"


def increment(key, timeout):
    """Count one more in a window that starts with the first count and return the count.

    add + incr are atomic in every cache backend, so parallel requests cannot slip past a
    limit. With the cache unreachable it returns 0: a limit fails open, the page still works.
    """
    from django.core.cache import cache

    try:
        if cache.add(key, 1, timeout):
            return 1
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, timeout)
        return 1
    except UNREACHABLE:
        logger.warning("Cache unreachable: %s is not counted", key.split(":")[1])
        return 0
