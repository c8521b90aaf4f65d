"""Session idle timeout without a database write on every request; security headers; the
request's id and origin for the audit trail and the logs."""

import logging
import re
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY

from core.audit.context import new_request_id, origin
from core.http import client_address

LAST_SEEN_KEY = "_last_seen"


class SessionIdleTimeoutMiddleware:
    """Extend a signed-in session's expiry at most once per SESSION_REFRESH_SECONDS.

    The session expires SESSION_COOKIE_AGE seconds after it was last saved; touching it on
    every request would cost a write per page, so it is refreshed only when the last refresh
    is older than the refresh interval. The idle timeout is therefore exact to that interval.

    Only a user signed in through the session has one to refresh: an API request
    authenticated by its token must not create a session (a row and a cookie per call).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        signed_in = session is not None and SESSION_KEY in session
        if signed_in and user is not None and user.is_authenticated:
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


REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
access_logger = logging.getLogger("odop.access")


def _source(path: str) -> str:
    if path.startswith("/admin/"):
        return "admin"
    if path.startswith("/api/"):
        return "api"
    return "page"


class RequestContextMiddleware:
    """Give every request an id and note where it comes from, for the audit trail and logs.

    The id is taken from an X-Request-ID header set by the proxy in front (when well formed)
    or made here, and is sent back in the response. Services read the id, the client's
    address and the entry point (page, admin, API) from core.audit.context when they write audit
    rows. A 403 or 404 answered to a signed-in user is logged as denied access.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _REQUEST_ID.match(incoming) else new_request_id()
        request.request_id = request_id
        with origin(
            source=_source(request.path_info),
            request_id=request_id,
            address=client_address(request),
            request=request,
        ):
            response = self.get_response(request)
            self._log_denied(request, response)
        response.headers[REQUEST_ID_HEADER] = request_id
        return response

    def _log_denied(self, request, response) -> None:
        if response.status_code not in (403, 404):
            return
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        access_logger.warning(
            "access denied",
            extra={
                "event": "access_denied",
                "status": response.status_code,
                "method": request.method,
                "path": request.path,
                "user": user,
            },
        )
