"""The permission matrix: every URL of the project × every method it answers, for every persona.

A table maps (URL name, method) to the status each persona gets (``tests/permissions/rows.py``
says how rows are written). Rows for the project's shared pages and Django's admin site live
below; each app adds its pages in ``tests/<app>/permission_rows.py`` (``ROWS`` and
``ADMIN_MODELS``), and every API route is in ``tests/api/permission_rows.py``.

``test_every_url_has_a_row`` fails when a URL pattern has no row or answers a method without
one; the methods come from the views themselves (``tests/permissions/methods.py``). A row for
a method the view does not offer is fine if it says 405, and ``tests/permissions`` checks that
every method the views do not offer is 405 for a cell officer.

Objects belong to Lucknow, so ``varanasi_staff`` is the "other district" case. The objects of
each set of fixtures are built once for the module (``tests/permissions/fixtures.py``); each
case runs in a savepoint of its own, and its personas ask one after the other, so a write by
one (the officer withdraws a nomination) is what the next one sees.
"""

import importlib
import pkgutil

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

import tests
from tests.conftest import PERSONAS
from tests.permissions.methods import METHODS, url_methods
from tests.permissions.rows import (
    ADMIN_ONLY,
    ALL_200,
    ALL_302,
    ALL_405,
    LOGIN_REQUIRED,
    OWN_DISTRICT,
    Args,
    admin_rows,
    fixed,
    pk_of,
    url,
)

ADMIN_POST_405 = {**ALL_302, "cell_officer": 405}

PORTAL_ROWS = {
    **url("dashboard:home", get=LOGIN_REQUIRED, options=LOGIN_REQUIRED),
    **url("dashboard:search", query="?q=lucknow", get=LOGIN_REQUIRED, options=LOGIN_REQUIRED),
    **url("districts:list", get=LOGIN_REQUIRED, options=LOGIN_REQUIRED),
    # OPTIONS looks up no record: the other district gets 200 (and learns nothing).
    **url("districts:detail", pk_of("lucknow"), get=OWN_DISTRICT, options=LOGIN_REQUIRED),
    **url(
        "accounts:login",
        get={**ALL_302, "anonymous": 200},
        options={**ALL_302, "anonymous": 200},
        post={**ALL_302, "anonymous": 200},
        put=ALL_405,
    ),
    **url("accounts:logout", post=ALL_302, options=ALL_200),
    **url("accounts:language", post=ALL_302),
    **url(
        "accounts:password_change",
        get=LOGIN_REQUIRED,
        options=LOGIN_REQUIRED,
        post=LOGIN_REQUIRED,
        put=ALL_405,
    ),
    **url("accounts:password_change_done", get=LOGIN_REQUIRED, options=LOGIN_REQUIRED),
    **url("accounts:password_reset", get=ALL_200, options=ALL_200, post=ALL_200, put=ALL_405),
    **url("accounts:password_reset_done", get=ALL_200, options=ALL_200),
    # Django's view answered a link it could not use with its page, whatever the method.
    **url(
        "accounts:password_reset_confirm",
        fixed("MQ", "bad-token"),
        get=ALL_200,
        options=ALL_200,
        post=ALL_200,
        put=ALL_405,
        patch=ALL_405,
        delete=ALL_405,
    ),
    **url("accounts:password_reset_complete", get=ALL_200, options=ALL_200),
    **url("healthz", get=ALL_200),
    **url("livez", get=ALL_200),
    **url("favicon", get=dict.fromkeys(ALL_200, 301)),
    # Django's admin site. Its login page redirects a signed-in GET, not a HEAD.
    **url("admin:index", get=ADMIN_ONLY, post=ADMIN_ONLY),
    **url(
        "admin:login",
        get={**ALL_200, "cell_officer": 302},
        head=ALL_200,
        post=ALL_200,
    ),
    **url("admin:logout", get={**ALL_302, "cell_officer": 405}, post=ALL_302),
    **url("admin:password_change", get=ADMIN_ONLY, post=ADMIN_ONLY),
    **url("admin:password_change_done", get=ADMIN_ONLY, post=ADMIN_POST_405),
    **url("admin:jsi18n", get=ADMIN_ONLY, post=ADMIN_POST_405),
    **url(
        "admin:autocomplete",
        query="?app_label=districts&model_name=product&field_name=district",
        get=ADMIN_ONLY,
        post=ADMIN_POST_405,
    ),
    **url(
        "admin:view_on_site",
        Args(
            ("lucknow",),
            lambda objs: [
                ContentType.objects.get_for_model(objs["lucknow"]).pk,
                objs["lucknow"].pk,
            ],
        ),
        get=ALL_302,
        post=ALL_302,
    ),
    **url(
        "admin:auth_user_password_change",
        pk_of("lucknow_staff"),
        get=ADMIN_ONLY,
        post=ADMIN_ONLY,
    ),
    **url("admin:app_list", fixed("districts"), get=ADMIN_ONLY, post=ADMIN_ONLY),
}

# What a cell officer may do in the admin, per model (see ``admin_rows``).
ADMIN_MODELS = {
    "accounts_user": ("lucknow_staff", "vac"),
    "districts_division": ("division", "vac"),
    "districts_district": ("lucknow", "vac"),
    "districts_product": ("product", "vacd"),
    "auth_group": ("group", ""),
}


def app_rows() -> dict:
    """Rows from every ``tests/<app>/permission_rows.py``."""
    rows = {}
    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg:
            continue
        try:
            app = importlib.import_module(f"tests.{module.name}.permission_rows")
        except ModuleNotFoundError:
            continue
        rows.update(getattr(app, "ROWS", {}))
        rows.update(admin_rows(getattr(app, "ADMIN_MODELS", {})))
    return rows


ROWS = {**PORTAL_ROWS, **admin_rows(ADMIN_MODELS), **app_rows()}


def test_every_url_has_a_row():
    answered = url_methods()
    missing = sorted(
        f"{name} {method.upper()}"
        for name, methods in answered.items()
        for method in methods
        if (name, method) not in ROWS
    )
    assert not missing, f"URLs and methods without a permission-matrix row: {missing}"
    stale = sorted({name for name, _method in ROWS} - set(answered))
    assert not stale, f"rows for URLs that no longer exist: {stale}"


def test_a_row_for_a_method_a_view_does_not_offer_says_405():
    answered = url_methods()
    wrong = sorted(
        f"{name} {method.upper()}"
        for (name, method), row in ROWS.items()
        if name in answered and method not in answered[name] and row.expected["cell_officer"] != 405
    )
    assert not wrong, f"rows expecting an answer from a method the view does not offer: {wrong}"


def _cases() -> list:
    cases = []
    for (name, method), row in sorted(ROWS.items(), key=lambda item: item[1].fixtures):
        marks = [pytest.mark.xfail(strict=True, reason=row.pending)] if row.pending else []
        cases.append(
            pytest.param(row.fixtures, name, method, marks=marks, id=f"{name} {method.upper()}")
        )
    return cases


def _url(name, objects) -> str:
    """The URL of ``name``: the rows of one URL share its arguments."""
    args = {(row.args, row.query) for (row_name, _method), row in ROWS.items() if row_name == name}
    assert len(args) == 1, f"{name}: its rows give different arguments"
    ((row_args, query),) = args
    return reverse(name, args=row_args.make(objects) if row_args else None) + query


def _request(client, method, url):
    api_write = url.startswith("/api/") and method in {"post", "put", "patch"}
    return getattr(client, method)(
        url, **({"content_type": "application/json"} if api_write else {})
    )


@pytest.mark.parametrize(
    ("matrix_objects", "name", "method"), _cases(), indirect=["matrix_objects"]
)
def test_permission_matrix(matrix_objects, name, method, matrix_clients, db):
    row = ROWS[(name, method)]
    url = _url(name, matrix_objects)
    got = {
        persona: _request(matrix_clients[persona], method, url).status_code for persona in PERSONAS
    }
    assert got == row.expected, f"{method.upper()} {url}"


def _unanswered() -> list:
    """Per URL outside the admin (whose views read any method as a GET, see
    tests/permissions/test_methods.py), the methods its view does not offer."""
    cases = []
    for name, methods in sorted(url_methods().items()):
        others = [method for method in METHODS if method not in methods]
        rows = [row for (row_name, _method), row in ROWS.items() if row_name == name]
        # A URL without rows is test_every_url_has_a_row's to report.
        if others and rows and not name.startswith("admin:"):
            cases.append(pytest.param(rows[0].fixtures, name, others, id=name))
    return cases


@pytest.mark.parametrize(
    ("matrix_objects", "name", "methods"), _unanswered(), indirect=["matrix_objects"]
)
def test_a_method_a_view_does_not_offer_is_405(matrix_objects, name, methods, matrix_clients, db):
    """What ``test_every_url_has_a_row`` reads from the views is what they answer: a method
    they do not offer is 405 for a cell officer, who has every right."""
    url = _url(name, matrix_objects)
    client = matrix_clients["cell_officer"]
    got = {method: _request(client, method, url).status_code for method in methods}
    assert got == dict.fromkeys(methods, 405), url
