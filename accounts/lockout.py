"""Brute-force protection for the login page and the API token endpoint.

Failures are counted per (user name, client address) pair: after LOGIN_FAILURE_LIMIT failures
within LOGIN_LOCKOUT_MINUTES that pair is refused until the window ends. Keying on the pair means
an attacker elsewhere cannot lock a user (the Principal Secretary, say) out of their own office.
The counts live in the cache (Redis in production), shared by every web process.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

# Sign-in events, shared by the login page and the API token endpoint. The user name tried is
# logged (masked if it is a mobile number), never the password.
auth_logger = logging.getLogger("odop.auth")


def client_address(request) -> str:
    """The client's address; behind TRUSTED_PROXY_COUNT proxies, taken from X-Forwarded-For."""
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def _key(username: str, address: str) -> str:
    digest = hashlib.sha256(f"{username.strip().casefold()}|{address}".encode()).hexdigest()
    return f"login-failures:{digest}"


def login_is_locked(*, username: str, address: str) -> bool:
    return cache.get(_key(username, address), 0) >= settings.LOGIN_FAILURE_LIMIT


def login_failed(*, username: str, address: str, channel: str = "page") -> None:
    key = _key(username, address)
    cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_MINUTES * 60)
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between add and incr
        failures = 1
        cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_MINUTES * 60)
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
    cache.delete(_key(username, address))
