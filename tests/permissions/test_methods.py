"""How the matrix reads the methods a view answers, and what the views do with the others."""

import pytest
from django import forms
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import FormView, TemplateView
from rest_framework import viewsets
from rest_framework.routers import SimpleRouter

from core.views import FormPageMixin
from districts.models import Product
from tests.api.clients import assert_error
from tests.conftest import PERSONAS
from tests.permissions.methods import ADMIN_METHODS, url_views, view_methods

READ = {"get", "head", "options"}


class _Form(FormView):
    form_class = forms.Form


class _FormPage(FormPageMixin, FormView):
    form_class = forms.Form


class _Things(viewsets.ModelViewSet):
    pass


def _ok(request):
    raise AssertionError("never called")


def test_it_reads_a_class_based_view_from_its_handlers():
    assert view_methods(TemplateView.as_view()) == READ
    # Django's ProcessFormView.put is post: a plain FormView answers PUT.
    assert view_methods(_Form.as_view()) == READ | {"post", "put"}
    assert view_methods(_FormPage.as_view()) == READ | {"post"}


def test_it_reads_a_viewset_route_from_its_action_map():
    router = SimpleRouter()
    router.register("things", _Things, basename="thing")
    routes = {pattern.name: view_methods(pattern.callback) for pattern in router.urls}
    assert routes == {
        "thing-list": READ | {"post"},
        "thing-detail": READ | {"put", "patch", "delete"},
    }


def test_it_reads_a_function_view_from_its_method_decorator():
    assert view_methods(require_POST(_ok)) == {"post"}
    assert view_methods(require_safe(_ok)) == {"get", "head"}
    assert view_methods(_ok) == {"get", "head", "options", "post", "put", "patch", "delete"}


def test_it_gives_the_admin_views_get_head_and_post():
    assert {
        name: view_methods(callbacks[0])
        for name, callbacks in url_views().items()
        if name in {"admin:index", "admin:districts_product_change", "admin:login"}
    } == dict.fromkeys(
        ["admin:index", "admin:login", "admin:districts_product_change"], ADMIN_METHODS
    )


OTHER_METHODS = ["options", "put", "patch", "delete"]
ADMIN_PAGES = ["changelist", "add", "change", "history", "delete"]


def _admin_url(page, product):
    args = None if page in {"changelist", "add"} else [product.pk]
    return reverse(f"admin:districts_product_{page}", args=args)


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_the_admin_refuses_the_methods_it_does_not_offer(page, product, client, cell_officer):
    client.force_login(cell_officer)
    url = _admin_url(page, product)
    got = {method: getattr(client, method)(url).status_code for method in OTHER_METHODS}
    assert got == dict.fromkeys(OTHER_METHODS, 405)


def test_the_admin_writes_nothing_on_a_method_other_than_post(product, client, cell_officer):
    client.force_login(cell_officer)
    form = {"content_type": "application/x-www-form-urlencoded"}
    client.delete(_admin_url("delete", product), data="post=yes", **form)
    client.put(_admin_url("change", product), data="name_en=Changed", **form)
    client.patch(_admin_url("change", product), data="name_en=Changed", **form)
    assert Product.objects.get(pk=product.pk).name_en == product.name_en


@pytest.mark.parametrize(
    ("method", "name", "detail"),
    [
        # Records are kept: nobody has the delete permission, the officer included.
        ("delete", "v1:division-detail", True),
        # Meetings hide from district staff (404) on the methods they offer.
        ("put", "v1:meeting-list", False),
        ("patch", "v1:nomination-detail", True),
        ("post", "v1:notice-list", False),
    ],
)
def test_the_api_answers_405_to_anyone_signed_in_for_a_method_a_route_does_not_offer(
    method, name, detail, personas, division, nomination
):
    pk = {"v1:division-detail": division.pk, "v1:nomination-detail": nomination.pk}.get(name)
    url = reverse(name, args=[pk] if detail else None)
    for persona in PERSONAS:
        response = getattr(personas[persona], method)(url, content_type="application/json")
        if persona == "anonymous":
            assert_error(response, 401, "not_authenticated")
        else:
            assert_error(response, 405, "method_not_allowed")


def test_the_portal_admin_site_refuses_them(rf, cell_officer):
    from django.http import HttpResponse

    from core.admin_site import PortalAdminSite

    site = PortalAdminSite(name="portal_admin_test")
    page = site.admin_view(lambda request: HttpResponse("the page"))

    def answer(view, method, path):
        request = getattr(rf, method)(path)
        request.user = cell_officer
        request._dont_enforce_csrf_checks = True
        return view(request).status_code

    assert {method: answer(page, method, "/") for method in ["get", "post", *OTHER_METHODS]} == {
        "get": 200,
        "post": 200,
        **dict.fromkeys(OTHER_METHODS, 405),
    }
    assert answer(site.login, "put", "/login/") == 405
