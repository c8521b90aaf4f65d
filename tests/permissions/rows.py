"""How a permission-matrix table is written.

A table maps (URL name, method) to a ``Row``: the URL's arguments, a query string and the
status each persona gets. ``url()`` writes the rows of one URL::

    **url("exhibitors:update", pk_of("lucknow_exhibitor"), get=OWN_DISTRICT, post=...)

``get=`` stands for HEAD too (Django and DRF answer HEAD by running ``get``) unless ``head=``
says otherwise. ``pending(expected, reason)`` marks a row whose right answer waits for a fix
someone else applies: the case is a strict xfail, so it fails the day the fix lands and the
mark must go.

Arguments name the pytest fixtures whose objects they read (``pk_of("nomination")``), so the
matrix builds each set of objects once (``tests/permissions/objects.py``).
"""

from collections.abc import Callable
from dataclasses import dataclass

from tests.conftest import PERSONAS
from tests.permissions.methods import METHODS

ALL_200 = dict.fromkeys(PERSONAS, 200)
LOGIN_REQUIRED = {**ALL_200, "anonymous": 302}
ALL_302 = dict.fromkeys(PERSONAS, 302)
ADMIN_ONLY = {**ALL_302, "cell_officer": 200}
OWN_DISTRICT = {**LOGIN_REQUIRED, "varanasi_staff": 404}
ALL_404 = dict.fromkeys(PERSONAS, 404)
ALL_405 = dict.fromkeys(PERSONAS, 405)
# A page that needs a sign-in and does not take the method: sign in first, then 405.
NOT_OFFERED = {**ALL_405, "anonymous": 302}


@dataclass(frozen=True)
class Args:
    """A URL's arguments, made from the objects of the fixtures it names."""

    fixtures: tuple[str, ...]
    make: Callable[[dict], list]


def pk_of(fixture: str) -> Args:
    return Args((fixture,), lambda objs: [objs[fixture].pk])


def pks_of(*fixtures: str) -> Args:
    return Args(fixtures, lambda objs: [objs[fixture].pk for fixture in fixtures])


def fixed(*values) -> Args:
    return Args((), lambda objs: list(values))


@dataclass(frozen=True)
class Pending:
    expected: dict
    reason: str


def pending(expected: dict, reason: str) -> Pending:
    return Pending(expected, reason)


@dataclass(frozen=True)
class Row:
    args: Args | None
    query: str
    expected: dict
    pending: str | None = None

    @property
    def fixtures(self) -> tuple[str, ...]:
        return self.args.fixtures if self.args else ()


def url(name: str, args: Args | None = None, query: str = "", **by_method) -> dict:
    """The rows of one URL, one per method given (``get``, ``head``, ``post``, …)."""
    unknown = set(by_method) - set(METHODS)
    assert not unknown, f"{name}: no such method {unknown}"
    if "get" in by_method:
        by_method.setdefault("head", by_method["get"])
    rows = {}
    for method, expected in by_method.items():
        reason = None
        if isinstance(expected, Pending):
            expected, reason = expected.expected, expected.reason
        assert set(expected) == set(PERSONAS), f"{name} {method}: a status for every persona"
        rows[(name, method)] = Row(args, query, expected, reason)
    return rows


def admin_rows(models: dict) -> dict:
    """The admin's pages of each model, from the cell officer's rights on it.

    ``models`` maps ``app_model`` to (fixture of an object, rights), rights being v(iew)
    a(dd) c(hange) d(elete), and s when the change form has no field left to fill (all
    read-only), so that an empty POST saves it (302). Everyone else is sent to the admin's
    login page. Django's admin reads a POST as a submission and any other method as a GET;
    an empty POST is refused at the form's fields (200), and the delete page deletes only
    on a confirmation (200).
    """
    rows = {}
    for model, (fixture, rights) in models.items():
        view = "v" in rights or "c" in rights
        can = {
            "changelist": (view, view),
            "add": ("a" in rights, "a" in rights),
            "change": (view, "c" in rights),
            "history": (view, view),
            "delete": ("d" in rights, "d" in rights),
        }
        for page, (get, post) in can.items():
            args = None if page in {"changelist", "add"} else pk_of(fixture)
            posted = 302 if page == "change" and "s" in rights else 200
            rows |= url(
                f"admin:{model}_{page}",
                args,
                get={**ALL_302, "cell_officer": 200 if get else 403},
                post={**ALL_302, "cell_officer": posted if post else 403},
            )
    return rows
