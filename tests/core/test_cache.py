"""The fail-open Redis cache: an outage is a miss, never an error, and what was written or
deleted during it is dropped from Redis once it answers again."""

import time

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from core import cache as fail_open
from core.cache import FailOpenRedisCache

UNREACHABLE = "redis://127.0.0.1:1/1"


class FakeRedis:
    """Stands in for Django's Redis client; ``down`` makes every call fail like a dead server."""

    def __init__(self):
        self.data = {}
        self.down = False

    def _check(self):
        if self.down:
            raise RedisConnectionError("Connection refused")

    def get(self, key, default):
        self._check()
        return self.data.get(key, default)

    def set(self, key, value, timeout):
        self._check()
        self.data[key] = value

    def delete(self, key):
        self._check()
        return self.data.pop(key, None) is not None

    def delete_many(self, keys):
        self._check()
        for key in keys:
            self.data.pop(key, None)


@pytest.fixture
def fake():
    backend = FailOpenRedisCache("redis://fake:6379/1", {})
    backend.__dict__["_cache"] = FakeRedis()
    return backend


def test_an_unreachable_redis_is_a_miss_and_writes_are_skipped_without_error():
    backend = FailOpenRedisCache(UNREACHABLE, {"OPTIONS": {"socket_connect_timeout": 0.5}})
    assert backend.get("key", "default") == "default"
    assert backend.set("key", 1) is None
    assert backend.add("key", 1) is False
    assert backend.get_many(["a", "b"]) == {}
    assert backend.delete("key") is False
    assert "key" not in backend
    with pytest.raises(ValueError):
        backend.incr("counter")
    assert not backend.is_available


def test_after_a_failure_redis_is_left_alone_for_a_few_seconds(fake):
    fake._cache.down = True
    fake.get("key")
    fake._cache.down = False
    fake._cache.data[fake.make_key("key")] = "fresh"
    assert fake.get("key") is None  # not asked again yet
    fail_open._outages["redis://fake:6379/1"].down_until = time.monotonic() - 1
    assert fake.get("key") == "fresh"
    assert fake.is_available


def test_keys_written_or_deleted_during_an_outage_are_dropped_when_redis_is_back(fake):
    fake.set("session", "signed in")
    fake.set("other", "kept")
    fake._cache.down = True
    fake.delete("session")  # signed out while Redis was away: Redis still holds the session
    fake.set("master-data-version", "new")
    assert fake._cache.data[fake.make_key("session")] == "signed in"
    fake._cache.down = False
    fail_open._outages["redis://fake:6379/1"].down_until = 0.0
    assert fake.get("session") is None
    assert fake.make_key("master-data-version") not in fake._cache.data
    assert fake.get("other") == "kept"


def test_invalidation_waits_while_redis_is_still_down(fake):
    fake.set("session", "signed in")
    fake._cache.down = True
    fake.delete("session")
    fail_open._outages["redis://fake:6379/1"].down_until = 0.0
    assert fake.get("session") is None  # still down: a miss, and the key still remembered
    assert fail_open._outages["redis://fake:6379/1"].pending
    fake._cache.down = False
    fail_open._outages["redis://fake:6379/1"].down_until = 0.0
    assert fake.get("session") is None
    assert not fail_open._outages["redis://fake:6379/1"].pending


@pytest.mark.redis
def test_it_is_an_ordinary_redis_cache_while_redis_answers(settings):
    location = settings.CELERY_BROKER_URL.rsplit("/", 1)[0] + "/13"
    backend = FailOpenRedisCache(location, {})
    backend.set("fail-open-test", {"x": 1}, 30)
    backend.set("fail-open-counter", 1, 30)
    assert backend.get("fail-open-test") == {"x": 1}
    assert backend.incr("fail-open-counter") == 2
    backend.delete_many(["fail-open-test", "fail-open-counter"])
    assert backend.get("fail-open-test") is None
    assert backend.is_available
