"""Query-count assertions that print the SQL when the count is wrong."""

from collections.abc import Callable
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


def _listing(context) -> str:
    return "\n".join(f"{n}. {q['sql']}" for n, q in enumerate(context.captured_queries, 1))


@contextmanager
def assert_num_queries(expected: int):
    with CaptureQueriesContext(connection) as context:
        yield context
    if len(context) != expected:
        raise AssertionError(f"{len(context)} queries, expected {expected}:\n{_listing(context)}")


def count_queries(action: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context)


def assert_constant_queries(action: Callable[[], object], grow: Callable[[], object]) -> int:
    """The query count of ``action`` stays the same after ``grow`` adds rows; returns it.

    ``action`` runs once before counting, so one-off work (a session refresh) is not counted.
    """
    action()
    before = count_queries(action)
    grow()
    with CaptureQueriesContext(connection) as context:
        action()
    if len(context) != before:
        raise AssertionError(
            f"queries grew from {before} to {len(context)} with more rows:\n{_listing(context)}"
        )
    return before
