"""Honest answers when something the portal depends on fails.

A database that does not answer is 503 with ``Retry-After`` (the portal reconnects by itself
on the next request); a document store that is full or read-only is 507/503 with its message;
anything else unexpected is 500. Under ``/api/`` each is the API's JSON error shape, elsewhere
a page that reads nothing from the database. Unknown addresses under ``/api/`` answer 404 in
the same JSON shape.

``DegradedServiceMiddleware`` answers for the views, the API's exception handler for its
views; ``handler500`` is the safety net for a failure anywhere else in the request (a
middleware reading the session, say).
"""

import logging
import sys
from dataclasses import dataclass

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.exceptions import StorageUnavailable

logger = logging.getLogger(__name__)

# Errors of a database that cannot be reached (down, restarting, connection dropped).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def error_body(*, status_code: int, code: str, message, fields=None) -> dict:
    """The API's error shape: {"error": {"status", "code", "message", "fields"}}."""
    body = {"status": status_code, "code": code, "message": str(message)}
    if fields:
        body["fields"] = fields
    return {"error": body}


@dataclass(frozen=True)
class Failure:
    status: int
    code: str
    title: str
    message: str
    retry_after: int | None = None

    @property
    def headers(self) -> dict:
        return {"Retry-After": str(self.retry_after)} if self.retry_after else {}


def failure_of(error, *, path: str = "") -> Failure | None:
    """What to answer for a dependency that failed; None for an error that is a bug."""
    if isinstance(error, DATABASE_UNAVAILABLE):
        logger.warning(
            "database unavailable",
            extra={"event": "database_unavailable", "path": path, "error": str(error)},
        )
        return Failure(
            status=503,
            code="database_unavailable",
            title=_("Temporarily unavailable"),
            message=_(
                "The portal cannot reach its database at the moment. Nothing was lost; "
                "please try again shortly."
            ),
            retry_after=RETRY_AFTER_SECONDS,
        )
    if isinstance(error, StorageUnavailable):
        return Failure(
            status=error.status,
            code=error.code,
            title=_("The file could not be stored"),
            message=str(error.message),
            retry_after=RETRY_AFTER_SECONDS if error.status == 503 else None,
        )
    return None


def is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def failure_response(request, failure: Failure):
    if is_api(request):
        body = error_body(status_code=failure.status, code=failure.code, message=failure.message)
        response = JsonResponse(body, status=failure.status)
    else:
        context = {
            "title": failure.title,
            "message": failure.message,
            "retry_after": failure.retry_after,
        }
        response = render(request, "errors/unavailable.html", context, status=failure.status)
    for name, value in failure.headers.items():
        response[name] = value
    return response


class DegradedServiceMiddleware:
    """Turn a view's failed dependency into its answer (see ``failure_of``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        failure = failure_of(exception, path=request.path)
        return failure_response(request, failure) if failure else None


def handler400(request, exception=None):
    """Django's own refusals of a request (too many fields, a forged Host): 400, in the
    API's shape under /api/."""
    return failure_response(
        request,
        Failure(
            status=400,
            code="bad_request",
            title=_("The request could not be read"),
            message=_("The request could not be read. Check what was sent and try again."),
        ),
    )


def handler404(request, exception=None):
    if is_api(request):
        body = error_body(status_code=404, code="not_found", message=_("Not found."))
        return JsonResponse(body, status=404)
    return render(request, "404.html", status=404)


def handler500(request):
    error = sys.exc_info()[1]
    failure = failure_of(error, path=request.path) if error is not None else None
    if failure is None:
        failure = Failure(
            status=500,
            code="server_error",
            title=_("Something went wrong"),
            message=_(
                "The portal could not complete this request because of an unexpected error, "
                "which has been recorded. If you were saving something, check whether it was "
                "saved before trying again."
            ),
        )
    return failure_response(request, failure)
