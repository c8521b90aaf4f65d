"""The Redis cache, failing open: when Redis is down the portal works from the database.

Everything the portal caches (sessions' copies, master data, unread counts) is also in the
database, so a cache that cannot be reached is treated as empty: reads miss, writes are
skipped, and each request goes to the database instead. Sessions use the ``cached_db``
engine, so signing in and every page keep working through an outage.

After a failure the cache is left alone for ``RETRY_SECONDS`` (a page makes several cache
calls; each must not wait for a dead server). Keys this process wrote or deleted while Redis
was unreachable may hold stale values there (a session signed out during the outage, a master
data version that was not dropped); they are deleted as soon as Redis answers again, before
anything else is read.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Seconds between attempts to reach Redis after it failed.
RETRY_SECONDS = 5
# Keys remembered for invalidation after an outage; past this the rest expire by themselves.
PENDING_LIMIT = 10_000
UNAVAILABLE = (RedisError, OSError)


class _Outage:
    """This process's view of one Redis server, shared by every thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.since = None
        self.pending: set[str] = set()
        self.overflow = False

    def is_open(self) -> bool:
        return time.monotonic() < self.down_until


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class FailOpenRedisCache(RedisCache):
    """Django's Redis cache whose every operation falls back to "nothing cached"."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._outage = _outage_for(str(server))

    @property
    def is_available(self) -> bool:
        """False while this process treats Redis as down (it tries again after a pause)."""
        return not self._outage.is_open()

    def _call(self, operation, fallback, *, written=()):
        outage = self._outage
        if outage.is_open() or not self._invalidate_pending():
            self._remember(written)
            return fallback
        try:
            return operation()
        except UNAVAILABLE as error:
            self._failed(error)
            self._remember(written)
            return fallback

    def _failed(self, error) -> None:
        outage = self._outage
        with outage.lock:
            first = outage.since is None
            outage.down_until = time.monotonic() + RETRY_SECONDS
            if first:
                outage.since = time.monotonic()
        if first:
            logger.warning(
                "cache unavailable, serving from the database",
                extra={"event": "cache_unavailable", "error": str(error)},
            )

    def _remember(self, keys) -> None:
        if not keys:
            return
        outage = self._outage
        with outage.lock:
            room = PENDING_LIMIT - len(outage.pending)
            outage.pending.update(list(keys)[: max(room, 0)])
            if len(keys) > room and not outage.overflow:
                outage.overflow = True
                logger.error(
                    "cache outage: too many keys to invalidate; the rest expire by themselves",
                    extra={"event": "cache_invalidation_overflow"},
                )

    def _invalidate_pending(self) -> bool:
        """Delete what may be stale, once Redis answers again; False if it still does not."""
        outage = self._outage
        if outage.since is None and not outage.pending:
            return True
        with outage.lock:
            keys = list(outage.pending)
        try:
            if keys:
                self._cache.delete_many(keys)
        except UNAVAILABLE as error:
            self._failed(error)
            return False
        with outage.lock:
            outage.pending.difference_update(keys)
            seconds = time.monotonic() - outage.since if outage.since is not None else 0
            outage.since = None
            outage.overflow = False
        logger.warning(
            "cache available again",
            extra={"event": "cache_recovered", "invalidated": len(keys), "seconds": seconds},
        )
        return True

    def _keys(self, keys, version=None) -> list[str]:
        return [self.make_and_validate_key(key, version=version) for key in keys]

    # Reads: a miss.

    def get(self, key, default=None, version=None):
        base = super()
        return self._call(lambda: base.get(key, default, version), default)

    def get_many(self, keys, version=None):
        base = super()
        return self._call(lambda: base.get_many(keys, version), {})

    def has_key(self, key, version=None):
        base = super()
        return self._call(lambda: base.has_key(key, version), False)

    def incr(self, key, delta=1, version=None):
        base = super()
        written = self._keys([key], version)
        result = self._call(lambda: base.incr(key, delta, version), None, written=written)
        if result is None:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable)")
        return result

    # Writes: skipped, and the key forgotten once Redis is back.

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        base = super()
        written = self._keys([key], version)
        return self._call(lambda: base.set(key, value, timeout, version), None, written=written)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        base = super()
        written = self._keys([key], version)
        return self._call(lambda: base.add(key, value, timeout, version), False, written=written)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        base = super()
        written = self._keys(data, version)
        return self._call(
            lambda: base.set_many(data, timeout, version), list(data), written=written
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        base = super()
        written = self._keys([key], version)
        return self._call(lambda: base.touch(key, timeout, version), False, written=written)

    def delete(self, key, version=None):
        base = super()
        written = self._keys([key], version)
        return self._call(lambda: base.delete(key, version), False, written=written)

    def delete_many(self, keys, version=None):
        base = super()
        written = self._keys(keys, version)
        return self._call(lambda: base.delete_many(keys, version), None, written=written)

    def clear(self):
        base = super()
        return self._call(base.clear, False)
