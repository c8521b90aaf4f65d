"""The permission matrix: every URL of the project, for every persona.

A URL pattern without a row here fails ``test_every_url_has_a_row``: adding a page means
deciding, in a table, who may open it. Rows for the project's shared pages live below; each
app adds its own in ``tests/<app>/permission_rows.py`` (``ROWS`` and ``ADMIN_MODELS``).

A row is ``name: (method, args, query string, {persona: status})``. ``args`` is None or a
function of ``objs``, which hands out pytest fixtures by name (``objs["lucknow"]``); the object
under test belongs to Lucknow, so ``varanasi_staff`` is the "other district" case.
"""

import importlib
import pkgutil

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from districts.models import Division, Product
from tests.conftest import PERSONAS

ALL_200 = dict.fromkeys(PERSONAS, 200)
LOGIN_REQUIRED = {**ALL_200, "anonymous": 302}
ALL_302 = dict.fromkeys(PERSONAS, 302)
ADMIN_ONLY = {**ALL_302, "cell_officer": 200}
OWN_DISTRICT = {**LOGIN_REQUIRED, "varanasi_staff": 404}


def pk_of(fixture):
    return lambda objs: [objs[fixture].pk]


PORTAL_ROWS = {
    "dashboard:home": ("get", None, "", LOGIN_REQUIRED),
    "districts:list": ("get", None, "", LOGIN_REQUIRED),
    "districts:detail": ("get", pk_of("lucknow"), "", OWN_DISTRICT),
    "accounts:login": ("get", None, "", {**ALL_302, "anonymous": 200}),
    "accounts:logout": ("post", None, "", ALL_302),
    "accounts:language": ("post", None, "", ALL_302),
    "accounts:password_change": ("get", None, "", LOGIN_REQUIRED),
    "accounts:password_change_done": ("get", None, "", LOGIN_REQUIRED),
    "accounts:password_reset": ("get", None, "", ALL_200),
    "accounts:password_reset_done": ("get", None, "", ALL_200),
    "accounts:password_reset_confirm": ("get", lambda objs: ["MQ", "bad-token"], "", ALL_200),
    "accounts:password_reset_complete": ("get", None, "", ALL_200),
    "healthz": ("get", None, "", ALL_200),
    "livez": ("get", None, "", ALL_200),
    "api-not-found": ("get", None, "", dict.fromkeys(PERSONAS, 404)),
    "admin:index": ("get", None, "", ADMIN_ONLY),
    "admin:login": ("get", None, "", {**ALL_200, "cell_officer": 302}),
    "admin:logout": ("post", None, "", ALL_302),
    "admin:password_change": ("get", None, "", ADMIN_ONLY),
    "admin:password_change_done": ("get", None, "", ADMIN_ONLY),
    "admin:jsi18n": ("get", None, "", ADMIN_ONLY),
    "admin:autocomplete": (
        "get",
        None,
        "?app_label=districts&model_name=product&field_name=district",
        ADMIN_ONLY,
    ),
    "admin:view_on_site": (
        "get",
        lambda objs: [ContentType.objects.get_for_model(objs["lucknow"]).pk, objs["lucknow"].pk],
        "",
        ALL_302,
    ),
    "admin:auth_user_password_change": ("get", pk_of("lucknow_staff"), "", ADMIN_ONLY),
    "admin:app_list": ("get", lambda objs: ["districts"], "", ADMIN_ONLY),
}

# What a cell officer may do in the admin, per model: (fixture of an object, rights), rights
# being v(iew) a(dd) c(hange) d(elete). Everyone else is sent to the admin's login page.
ADMIN_MODELS = {
    "accounts_user": ("lucknow_staff", "vac"),
    "districts_division": ("division", "vac"),
    "districts_district": ("lucknow", "vac"),
    "districts_product": ("product", "vacd"),
    "auth_group": ("group", ""),
}


def admin_rows(models: dict) -> dict:
    rows = {}
    for model, (fixture, rights) in models.items():
        can = {
            "changelist": "v" in rights,
            "add": "a" in rights,
            "change": "v" in rights or "c" in rights,
            "history": "v" in rights or "c" in rights,
            "delete": "d" in rights,
        }
        for page, allowed in can.items():
            args = None if page in {"changelist", "add"} else pk_of(fixture)
            expected = {**ALL_302, "cell_officer": 200 if allowed else 403}
            rows[f"admin:{model}_{page}"] = ("get", args, "", expected)
    return rows


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


def _url_names(patterns, namespace=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespace, pattern.namespace) if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield ":".join((*namespace, pattern.name))


def test_every_url_has_a_row():
    names = set(_url_names(get_resolver().url_patterns))
    missing = sorted(names - set(ROWS))
    assert not missing, f"URLs without a permission-matrix row: {missing}"
    stale = sorted(set(ROWS) - names)
    assert not stale, f"rows for URLs that no longer exist: {stale}"


@pytest.fixture
def division(lucknow):
    return Division.objects.get(pk=lucknow.division_id)


@pytest.fixture
def product(lucknow):
    return Product.objects.filter(district=lucknow).first()


@pytest.fixture
def group(db):
    from django.contrib.auth.models import Group

    return Group.objects.order_by("pk").first()


class _Fixtures:
    def __init__(self, request):
        self.request = request

    def __getitem__(self, name):
        return self.request.getfixturevalue(name)


@pytest.mark.parametrize("name", sorted(ROWS))
def test_permission_matrix(name, personas, request):
    method, args, query, expected = ROWS[name]
    url = reverse(name, args=args(_Fixtures(request)) if args else None) + query
    extra = (
        {"content_type": "application/json"} if url.startswith("/api/") and method == "post" else {}
    )
    got = {
        persona: getattr(personas[persona], method)(url, **extra).status_code
        for persona in PERSONAS
    }
    assert got == expected, f"{name} ({url})"
