"""Brute-force protection for the login page and the API token endpoint.

Failures are counted per (user name, client address) pair: after LOGIN_FAILURE_LIMIT failures
within LOGIN_LOCKOUT_MINUTES that pair is refused until the window ends. Keying on the pair means
an attacker elsewhere cannot lock a user (the Principal Secretary, say) out of their own office.
The counts live in the database (``LoginFailure``), shared by every web process and kept
through a cache outage.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import LoginFailure

# Sign-in events, shared by the login page and the API token endpoint. The user name tried is
# logged (masked if it is a mobile number), never the password.
auth_logger = logging.getLogger("odop.auth")


def _key(username: str, address: str) -> str:
    return hashlib.sha256(f"{username.strip().casefold()}|{address}".encode()).hexdigest()


def login_is_locked(*, username: str, address: str) -> bool:
    return LoginFailure.objects.filter(
        key=_key(username, address),
        window_ends_at__gt=timezone.now(),
        failures__gte=settings.LOGIN_FAILURE_LIMIT,
    ).exists()


def _count_failure(key: str) -> int:
    """One more failure of the pair; a window that has ended starts again at one."""
    now = timezone.now()
    window_end = now + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    with transaction.atomic():
        # The row lock makes two failures at once count as two.
        row, created = LoginFailure.objects.select_for_update().get_or_create(
            key=key, defaults={"failures": 1, "window_ends_at": window_end}
        )
        if not created:
            if row.window_ends_at <= now:
                row.failures, row.window_ends_at = 1, window_end
            else:
                row.failures += 1
            row.save(update_fields=["failures", "window_ends_at"])
    return row.failures


def login_failed(*, username: str, address: str, channel: str = "page") -> None:
    failures = _count_failure(_key(username, address))
    details = {"username": username, "address": address, "channel": channel}
    auth_logger.warning(
        "login failed", extra={"event": "login_failed", "failures": failures, **details}
    )
    if failures == settings.LOGIN_FAILURE_LIMIT:
        auth_logger.warning(
            "login locked",
            extra={
                "event": "login_locked",
                "minutes": settings.LOGIN_LOCKOUT_MINUTES,
                **details,
            },
        )


def login_refused(*, username: str, address: str, channel: str = "page") -> None:
    """Log an attempt refused because the pair is locked out."""
    auth_logger.warning(
        "login refused: locked out",
        extra={
            "event": "login_refused_locked",
            "username": username,
            "address": address,
            "channel": channel,
        },
    )


def login_logged(*, user, address: str, channel: str = "page") -> None:
    auth_logger.info(
        "login succeeded",
        extra={"event": "login", "user": user, "address": address, "channel": channel},
    )


def login_succeeded(*, username: str, address: str) -> None:
    LoginFailure.objects.filter(key=_key(username, address)).delete()


def login_failures_purge() -> int:
    """Forget the windows that have ended (Celery beat, hourly); returns how many."""
    deleted, _ = LoginFailure.objects.filter(window_ends_at__lte=timezone.now()).delete()
    return deleted
