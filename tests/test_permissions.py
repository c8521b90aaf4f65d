"""The permission matrix: every URL of the project, for every persona.

A URL pattern without a row here fails ``test_every_url_has_a_row``: adding a page means
deciding, in this table, who may open it.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from districts.models import Division, Product
from tests.conftest import PERSONAS

# Personas: anonymous, cell_officer, lucknow_staff (owner of the object under test),
# varanasi_staff (another district), principal_secretary.
ALL_200 = dict.fromkeys(PERSONAS, 200)
LOGIN_REQUIRED = {**ALL_200, "anonymous": 302}
ALL_302 = dict.fromkeys(PERSONAS, 302)
ADMIN_ONLY = {**ALL_302, "cell_officer": 200}


def _district(objs):
    return [objs["lucknow"].pk]


def _reset_confirm(objs):
    return ["MQ", "invalid-token"]


def _admin_object(model_key):
    return lambda objs: [objs[model_key].pk]


# name: (method, args factory or None, query string, {persona: status})
PORTAL_ROWS = {
    "dashboard:home": ("get", None, "", LOGIN_REQUIRED),
    "districts:list": ("get", None, "", LOGIN_REQUIRED),
    "districts:detail": (
        "get",
        _district,
        "",
        {**LOGIN_REQUIRED, "varanasi_staff": 404},
    ),
    "accounts:login": ("get", None, "", {**ALL_302, "anonymous": 200}),
    "accounts:logout": ("post", None, "", ALL_302),
    "accounts:language": ("post", None, "", ALL_302),
    "accounts:password_change": ("get", None, "", LOGIN_REQUIRED),
    "accounts:password_change_done": ("get", None, "", LOGIN_REQUIRED),
    "accounts:password_reset": ("get", None, "", ALL_200),
    "accounts:password_reset_done": ("get", None, "", ALL_200),
    "accounts:password_reset_confirm": ("get", _reset_confirm, "", ALL_200),
    "accounts:password_reset_complete": ("get", None, "", ALL_200),
    "healthz": ("get", None, "", ALL_200),
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
        lambda objs: [objs["district_ct"], objs["lucknow"].pk],
        "",
        {**ALL_302},
    ),
    "admin:auth_user_password_change": ("get", _admin_object("lucknow_staff"), "", ADMIN_ONLY),
    "admin:app_list": ("get", lambda objs: ["districts"], "", ADMIN_ONLY),
}

# What a cell officer may do in the admin, per model: v(iew) a(dd) c(hange) d(elete).
# Everyone else is sent to the admin's login page.
ADMIN_MODELS = {
    "accounts_user": ("lucknow_staff", "vac"),
    "districts_division": ("division", "vac"),
    "districts_district": ("lucknow", "vac"),
    "districts_product": ("product", "vacd"),
    "auth_group": ("group", ""),
}


def _admin_rows():
    rows = {}
    for model, (obj, rights) in ADMIN_MODELS.items():
        can = {
            "changelist": "v" in rights,
            "add": "a" in rights,
            "change": "v" in rights or "c" in rights,
            "history": "v" in rights or "c" in rights,
            "delete": "d" in rights,
        }
        for page, allowed in can.items():
            args = None if page in {"changelist", "add"} else _admin_object(obj)
            expected = {**ALL_302, "cell_officer": 200 if allowed else 403}
            rows[f"admin:{model}_{page}"] = ("get", args, "", expected)
    return rows


ROWS = {**PORTAL_ROWS, **_admin_rows()}


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
def objects(lucknow, lucknow_staff):
    from django.contrib.contenttypes.models import ContentType

    return {
        "lucknow": lucknow,
        "lucknow_staff": lucknow_staff,
        "division": Division.objects.get(pk=lucknow.division_id),
        "product": Product.objects.filter(district=lucknow).first(),
        "group": Group.objects.first(),
        "district_ct": ContentType.objects.get_for_model(lucknow).pk,
    }


@pytest.mark.parametrize("name", sorted(ROWS))
def test_permission_matrix(name, personas, objects):
    method, args, query, expected = ROWS[name]
    url = reverse(name, args=args(objects) if args else None) + query
    got = {}
    for persona in PERSONAS:
        response = getattr(personas[persona], method)(url)
        got[persona] = response.status_code
    assert got == expected, f"{name} ({url})"
