"""Structured logs: one JSON object per line, with the request id and the user.

``JsonFormatter`` writes the message, the level, the logger, the request id and source (from
core.audit.context), the user name, and whatever the call passed in ``extra``. Secrets never get
out: fields named like a password, token, key or secret are dropped, and anything that looks
like an Indian mobile number is masked to its last four digits, in the message and in every
field, whoever wrote the log call.
"""

import datetime
import json
import logging
import re

from core.audit.context import current

# The attributes every LogRecord has; anything else came from ``extra``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}
_SECRET = re.compile(r"pass(word)?|token|secret|key|authorization|cookie|session", re.I)
# Ten digits starting 6-9 (spaces or dashes between them allowed), optionally after +91, 91
# or 0, not inside a longer word or number.
_MOBILE = re.compile(r"(?<![\w+])(?:\+?91[\s-]?|0)?[6-9](?:[\s-]?\d){9}(?![\w])")


def mask_mobile(text: str) -> str:
    """``9876543210`` → ``******3210`` (any Indian mobile number inside ``text``)."""
    return _MOBILE.sub(lambda m: "******" + re.sub(r"\D", "", m.group())[-4:], text)


def _username(user) -> str | None:
    if user is None:
        return None
    if isinstance(user, str):
        return user
    if getattr(user, "is_authenticated", False):
        return user.get_username()
    return None


def _request_user(request):
    """The signed-in user of the request, only if already loaded (never a query from here)."""
    user = getattr(request, "__dict__", {}).get("user")
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or type(wrapped).__name__ == "object":
        return None
    return wrapped


def _clean(value):
    if isinstance(value, str):
        return mask_mobile(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if not _SECRET.search(str(k))}
    if isinstance(value, list | tuple | set):
        return [_clean(v) for v in value]
    return mask_mobile(str(value))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        origin = current()
        user = record.__dict__.get("user") or _request_user(origin.request)
        data = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": mask_mobile(record.getMessage()),
            "request_id": record.__dict__.get("request_id") or origin.request_id or None,
            "source": origin.source,
            "user": _clean(_username(user)),
        }
        for name, value in record.__dict__.items():
            if name in _STANDARD or name in data or name.startswith("_"):
                continue
            if _SECRET.search(name):
                continue
            data[name] = _clean(value)
        if record.exc_info:
            data["exc"] = mask_mobile(self.formatException(record.exc_info))
        return json.dumps(data, ensure_ascii=False, default=str)
