"""One JSON shape for every error answer of the API (4xx and 5xx).

    {"error": {"status": 409, "code": "stall_taken", "message": "…", "fields": {"stall": ["…"]}}}

``code`` is machine-readable and stable; ``message`` is in the language of the request
(Accept-Language: hi gives Hindi); ``fields`` names the fields a message concerns.
"""

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import RETRY_AFTER_SECONDS, error_body, failure_of
from core.exceptions import ApplicationError

CODES = {
    exceptions.ParseError: "parse_error",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
    exceptions.ValidationError: "invalid",
}


def error_response(*, status_code: int, code: str, message, fields=None, headers=None) -> Response:
    body = error_body(status_code=status_code, code=code, message=message, fields=fields)
    return Response(body, status=status_code, headers=headers)


def _messages(detail) -> list[str]:
    """Every message of a DRF error detail as text: a list field's errors come as
    {index: [messages]}, each named by its position, never as Python's repr."""
    if isinstance(detail, dict):
        return [_at(key, m) for key, value in detail.items() for m in _messages(value)]
    if isinstance(detail, list):
        return [m for item in detail for m in _messages(item)]
    return [str(detail)]


def _at(key, message: str) -> str:
    where = key + 1 if isinstance(key, int) else key
    return _("Item %(item)s: %(message)s") % {"item": where, "message": message}


def _fields(detail) -> dict:
    if isinstance(detail, dict):
        return {name: _messages(value) for name, value in detail.items()}
    return {"non_field_errors": _messages(detail)}


def api_exception_handler(exc, context):
    """DRF's exception handler, reshaped; also turns the services' errors into answers, and
    an unreachable database or document store into 503/507 (core/errors.py)."""
    if isinstance(exc, ApplicationError):
        fields = {exc.field: [str(exc.message)]} if exc.field else None
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if exc.status == 503 else None
        return error_response(
            status_code=exc.status,
            code=exc.code,
            message=exc.message,
            fields=fields,
            headers=headers,
        )
    failure = failure_of(exc, path=context["request"].path)
    if failure is not None:
        return error_response(
            status_code=failure.status,
            code=failure.code,
            message=failure.message,
            headers=failure.headers,
        )
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail)
    if isinstance(exc, (RequestDataTooBig, TooManyFieldsSent)):
        return error_response(
            status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            code="too_large",
            message=_("The request is too large."),
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = next((c for kind, c in CODES.items() if isinstance(exc, kind)), "error")
    if isinstance(exc, exceptions.ValidationError):
        return error_response(
            status_code=response.status_code,
            code=code,
            message=_("The request has errors; see the fields."),
            fields=_fields(exc.detail),
            headers=response.headers,
        )
    return error_response(
        status_code=response.status_code,
        code=code,
        message=exc.detail if isinstance(exc.detail, str) else str(exc),
        headers={
            k: v
            for k, v in response.headers.items()
            if k in ("WWW-Authenticate", "Retry-After", "Allow")
        },
    )
