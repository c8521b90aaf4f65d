"""Session idle timeout without a database write on every request."""

import time

from django.conf import settings

LAST_SEEN_KEY = "_last_seen"


class SessionIdleTimeoutMiddleware:
    """Extend a signed-in session's expiry at most once per SESSION_REFRESH_SECONDS.

    The session expires SESSION_COOKIE_AGE seconds after it was last saved; touching it on
    every request would cost a write per page, so it is refreshed only when the last refresh
    is older than the refresh interval. The idle timeout is therefore exact to that interval.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(LAST_SEEN_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[LAST_SEEN_KEY] = now
        return response


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: CSP (no inline script), Permissions-Policy, and
    no caching of pages shown to a signed-in user (they hold personal and district data)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
        return response
