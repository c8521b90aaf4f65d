"""The API's JSON parser: a body is UTF-8 JSON holding one object, nested at most
MAX_DEPTH levels, and every refusal is a sentence in the reader's language.

DRF's parser answers with Python's own exception text ("JSON parse error - Expecting value:
line 1 column 1 (char 0)", "'utf-8' codec can't decode byte 0xff…"), lets a body of
100 000 opening brackets exhaust the recursion limit (a 500), and leaves a body that is a
list or a string to each serializer's English "Expected a dictionary". The size limit
(DATA_UPLOAD_MAX_MEMORY_SIZE, 413) stays DRF's and Django's: DRF reads a JSONParser's body
through ``request.body``, which enforces it.
"""

import json

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# No request of the API nests deeper than a few levels; 32 leaves room and stops a body
# built to make every later step (validation, logging) walk thousands of levels.
MAX_DEPTH = 32


def _depth(value) -> int:
    """How deeply ``value`` nests lists and objects (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack and deepest <= MAX_DEPTH:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list):
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in item)
    return deepest


def _reject_constant(name):
    raise ValueError(name)  # NaN and Infinity are not JSON


class JSONObjectParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        # JSON is UTF-8 (RFC 8259 §8.1), whatever charset the Content-Type names.
        try:
            text = stream.read().decode("utf-8")
        except UnicodeDecodeError:
            raise ParseError(_("The request body is not UTF-8 text; send JSON as UTF-8.")) from None
        data = self._load(text)
        if _depth(data) > MAX_DEPTH:
            raise ParseError(self._too_deep())
        if not isinstance(data, dict):
            raise ParseError(_("Send the request body as a JSON object, between { and }."))
        return data

    def _load(self, text: str):
        try:
            return json.loads(text, parse_constant=_reject_constant)
        except RecursionError:
            raise ParseError(self._too_deep()) from None
        except json.JSONDecodeError as error:
            message = _("The request body is not valid JSON (line %(line)s, column %(column)s).")
            raise ParseError(message % {"line": error.lineno, "column": error.colno}) from None
        except ValueError:  # NaN, Infinity, or a number of thousands of digits
            raise ParseError(_("The request body holds a number JSON cannot carry.")) from None

    @staticmethod
    def _too_deep() -> str:
        return _("The request body nests lists and objects more than %(max)s levels deep.") % {
            "max": MAX_DEPTH
        }
