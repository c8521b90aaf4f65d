"""Brute-force protection for the login page and the API token endpoint.

Failures are counted per (user name, client address) pair: after LOGIN_FAILURE_LIMIT failures
within LOGIN_LOCKOUT_MINUTES that pair is refused until the window ends. Keying on the pair means
an attacker elsewhere cannot lock a user (the Principal Secretary, say) out of their own office.
The counts live in the cache (Redis in production), shared by every web process.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


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


def login_failed(*, username: str, address: str) -> None:
    key = _key(username, address)
    cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_MINUTES * 60)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_MINUTES * 60)


def login_succeeded(*, username: str, address: str) -> None:
    cache.delete(_key(username, address))
