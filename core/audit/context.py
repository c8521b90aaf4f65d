"""Where a write comes from, carried beside the code that makes it.

A middleware sets the request's id, the client's address and the kind of entry point (page,
admin, API); Celery tasks set "task". Services read it when they write an audit row, so they
need not pass it along. Anything that is neither a request nor a task (``manage.py`` commands,
the shell, data migrations) is a "command".
"""

import contextvars
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, replace

from celery import signals


@dataclass(frozen=True)
class Origin:
    source: str = "command"
    request_id: str = ""
    address: str | None = None
    request: object = None  # the HttpRequest, for the logs' user (never stored)


COMMAND = Origin()
_origin: contextvars.ContextVar[Origin | None] = contextvars.ContextVar(
    "audit_origin", default=None
)


def current() -> Origin:
    return _origin.get() or COMMAND


def new_request_id() -> str:
    return uuid.uuid4().hex


@contextmanager
def origin(**values):
    """Run the block with these origin values changed (``source="import"``, say)."""
    token = _origin.set(replace(current(), **values))
    try:
        yield current()
    finally:
        _origin.reset(token)


# --- Celery: a task's writes come from "task", identified by the task's id ------------------

_task_tokens: dict[str, contextvars.Token] = {}


def _task_started(task_id=None, **kwargs):
    _task_tokens[task_id] = _origin.set(Origin(source="task", request_id=task_id or ""))


def _task_finished(task_id=None, **kwargs):
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        _origin.reset(token)


def connect_task_signals() -> None:
    signals.task_prerun.connect(_task_started, weak=False, dispatch_uid="audit-task-prerun")
    signals.task_postrun.connect(_task_finished, weak=False, dispatch_uid="audit-task-postrun")
