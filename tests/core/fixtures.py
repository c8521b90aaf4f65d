"""Fixtures for outages: a broker and a cache on which nothing listens."""

import pytest

from odop_portal.celery import app as celery_app

UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"
UNREACHABLE_CACHE = "redis://127.0.0.1:1/1"


@pytest.fixture
def unreachable_broker():
    """Eager mode off and a broker URL on which nothing listens."""
    keys = ["task_always_eager", "broker_url", "broker_write_url", "broker_read_url"]
    previous = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(
        task_always_eager=False,
        broker_url=UNREACHABLE_BROKER,
        broker_write_url=UNREACHABLE_BROKER,
        broker_read_url=UNREACHABLE_BROKER,
    )
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        celery_app.conf.update(previous)
        celery_app._pool = None
        celery_app.amqp._producer_pool = None


@pytest.fixture
def unreachable_cache(settings):
    """The production cache (fail-open Redis) pointed at a port on which nothing listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": UNREACHABLE_CACHE,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }


@pytest.fixture
def redis_down(unreachable_broker, unreachable_cache):
    """Redis is the cache and the broker: both gone."""
