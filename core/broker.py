"""Handing tasks to the broker without ever turning a saved write into an error.

Work that a request starts in the background (a report, an e-mail) is a database row first;
the task only carries its id. Sending is tried once, after commit, and a broker that does not
answer is logged and left alone for ``RETRY_SECONDS``: the row stays queued and a sweeper
(Celery beat) sends it again once Redis is back. So with Redis down a request that saved its
rows still answers at once, with what it did.
"""

import logging
import threading
import time

from django.db import transaction
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What sending raises when Redis is down or unreachable.
BROKER_ERRORS = (KombuError, RedisError, OSError)
# Seconds during which this process does not try the broker again after a failed send.
RETRY_SECONDS = 10
_lock = threading.Lock()
_state = {"down_until": 0.0}


def _mark_down(error) -> None:
    with _lock:
        was_up = time.monotonic() >= _state["down_until"]
        _state["down_until"] = time.monotonic() + RETRY_SECONDS
    if was_up:
        logger.warning(
            "broker unavailable; work stays queued in the database",
            extra={"event": "broker_unavailable", "error": str(error)},
        )


def broker_is_down() -> bool:
    """True while a send or a check failed in this process less than RETRY_SECONDS ago."""
    return time.monotonic() < _state["down_until"]


def task_send(task, *, args: list) -> bool:
    """Send a task now; False (logged) if the broker does not take it. Never raises for an
    unreachable broker."""
    app = task.app
    if app.conf.task_always_eager:
        task.apply_async(args=args)
        return True
    if broker_is_down():
        return False
    try:
        with app.producer_or_acquire() as producer:
            # One try to connect: kombu would otherwise retry for the connect timeout.
            producer.connection.ensure_connection(max_retries=0, timeout=1)
            task.apply_async(args=args, retry=False, producer=producer)
    except BROKER_ERRORS as error:
        _mark_down(error)
        return False
    return True


def task_send_on_commit(task, *, args: list) -> None:
    """Send a task once the current transaction commits (at once outside one).

    Robust: whatever the send raises is logged, never answered to the user, whose rows are
    saved by then.
    """
    transaction.on_commit(lambda: task_send(task, args=args), robust=True)


def broker_state() -> str | None:
    """ "ok" or "unreachable" for a Redis broker; None when tasks run in-process."""
    from celery import current_app as app

    # Where tasks are sent (Celery falls back to broker_url; the environment wins over both).
    url = app.conf.broker_write_url or ""
    if app.conf.task_always_eager or not url.startswith(("redis://", "rediss://")):
        return None
    if broker_is_down():
        return "unreachable"
    # Asked every time: a web server runs several processes, and one that believed an earlier
    # "ok" would say so while another had just failed to send (a ping takes well under 1 ms).
    import redis

    try:
        with redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5) as client:
            client.ping()
    except BROKER_ERRORS as error:
        _mark_down(error)
        return "unreachable"
    return "ok"
