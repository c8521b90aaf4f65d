"""What a request must be before any view reads it: form bytes and query strings that are
UTF-8 text, a form body within the size limits; and ``whole_number`` for the views that
read an id or a number from the query string by hand.

Django decodes a form body and a query string with ``errors="replace"``: bytes that are not
UTF-8 become U+FFFD and reach the forms as if someone had typed them, to be stored, searched
for and shown back. Such bytes come from a broken client, not from a person, so the request
is refused with a clear 400 (the API's JSON shape under /api/, a page elsewhere), in the
language of the request (this middleware runs after LocaleMiddleware).
"""

from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _

from core.errors import Failure, failure_response

FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
# A bigint holds 19 digits: a longer number names no record.
ID_DIGITS = 19


def whole_number(raw, *, max_digits: int = ID_DIGITS) -> int | None:
    """``raw`` as a whole number, or None if it is not one.

    Only ASCII digits: ``str.isdigit()`` also says yes to "²", which ``int()`` refuses, and
    a number of thousands of digits is refused by ``int()`` too.
    """
    raw = str(raw or "")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > max_digits:
        return None
    return int(raw)


def _is_utf8_form(text: str) -> bool:
    try:
        parse_qsl(
            text,
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        )
    except UnicodeDecodeError:
        return False
    except ValueError:  # too many fields: Django's own check answers that when it parses
        return True
    return True


def _decodes(raw: bytes) -> bool:
    try:
        return _is_utf8_form(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return False


def _query_bytes(request) -> bytes:
    # WSGI hands the query string over as latin-1 text: encoding it back gives the bytes.
    query = request.META.get("QUERY_STRING", "")
    try:
        return query.encode("latin-1")
    except UnicodeEncodeError:
        return query.encode("utf-8")


def _refusal(request, *, status: int, code: str, message: str):
    title = _("The request could not be read")
    failure = Failure(status=status, code=code, title=title, message=message)
    return failure_response(request, failure)


class MalformedRequestMiddleware:
    """Refuse a query string or a form body that is not UTF-8 (400), and a form body over
    DATA_UPLOAD_MAX_MEMORY_SIZE (413), before CSRF or a view parses them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._check(request) or self.get_response(request)

    def _check(self, request):
        if not _decodes(_query_bytes(request)):
            return self._undecodable(request)
        if request.content_type != FORM_MEDIA_TYPE:
            return None  # JSON is the API parser's to check; multipart streams its files
        try:
            body = request.body
        except RequestDataTooBig:
            return _refusal(
                request, status=413, code="too_large", message=_("The request is too large.")
            )
        return None if _decodes(body) else self._undecodable(request)

    def _undecodable(self, request):
        message = _("The request holds characters that are not UTF-8 text; send it as UTF-8.")
        return _refusal(request, status=400, code="not_utf8", message=message)
