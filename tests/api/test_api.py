"""The API: tokens, the one error shape, strict input, scoping, workflows, query counts, schema."""

import datetime
import io
import json
from decimal import Decimal

import pytest
import yaml
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.services import api_token_create
from stalls.models import Allocation, DailySale, Nomination
from stalls.services import nomination_approve
from tests import factories
from tests.api.clients import api_client as _client
from tests.api.clients import assert_error as _error
from tests.queries import assert_constant_queries

# --- Tokens ----------------------------------------------------------------------------------


def test_a_newcomer_gets_a_token_and_uses_it(cell_officer):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "officer", "password": factories.PASSWORD},
        format="json",
    )
    assert response.status_code == 201
    key = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/auth/me/").json()["username"] == "officer"
    assert ApiToken.objects.get().key_hash != key  # only a hash is stored


def test_a_wrong_password_gets_no_token(cell_officer):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "officer", "password": "wrong"}, format="json"
    )
    _error(response, 401, "authentication_failed")
    assert not ApiToken.objects.exists()


def test_an_expired_or_revoked_token_is_refused(cell_officer):
    client = _client(cell_officer)
    assert client.get("/api/v1/auth/me/").status_code == 200
    assert client.delete("/api/v1/auth/token/").status_code == 204
    _error(client.get("/api/v1/auth/me/"), 401, "authentication_failed")
    client = _client(cell_officer)
    ApiToken.objects.filter(revoked_at=None).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    _error(client.get("/api/v1/auth/me/"), 401, "authentication_failed")


def test_a_token_in_the_url_is_ignored(cell_officer):
    key, _token = api_token_create(user=cell_officer)
    _error(APIClient().get(f"/api/v1/auth/me/?token={key}"), 401, "not_authenticated")


# --- The error shape and bad input ------------------------------------------------------------


def test_a_hindi_client_gets_hindi_messages(lucknow_staff, lucknow):
    response = _client(lucknow_staff, "hi").post(
        "/api/v1/exhibitors/",
        {
            "kind": "artisan",
            "name": "क",
            "product": lucknow.products.first().pk,
            "mobile": "941501234",
        },
        format="json",
    )
    body = _error(response, 400, "invalid")
    assert body["fields"]["mobile"] == [
        "6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का भारतीय मोबाइल नंबर दर्ज करें।"
    ]


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"kind": "artisan", "name": "X", "mobile": "9415012345", "district": 1}, "district"),
        ({"kind": "artisan", "name": "X", "mobile": "9415012345", "is_staff": True}, "is_staff"),
        (
            {"kind": "artisan", "name": "X", "mobile": "9415012345", "created_at": "2020-01-01"},
            "created_at",
        ),
        ({"kind": "artisan", "name": "X", "mobile": 12, "colour": "red"}, "colour"),
    ],
)
def test_mass_assigned_and_unknown_fields_are_refused(lucknow_staff, payload, field):
    body = _error(
        _client(lucknow_staff).post("/api/v1/exhibitors/", payload, format="json"), 400, "invalid"
    )
    assert field in body["fields"]
    assert not factories_exhibitors()


def factories_exhibitors():
    from exhibitors.models import Exhibitor

    return list(Exhibitor.objects.all())


def test_wrong_types_are_refused_at_the_field(cell_officer, nomination):
    body = _error(
        _client(cell_officer).post(
            "/api/v1/allocations/", {"nomination": "abc", "area": "lots"}, format="json"
        ),
        400,
        "invalid",
    )
    assert set(body["fields"]) == {"nomination", "area"}


def test_malformed_json_is_a_parse_error(cell_officer):
    client = _client(cell_officer)
    response = client.generic(
        "POST", "/api/v1/exhibitors/", "{not json", content_type="application/json"
    )
    _error(response, 400, "parse_error")


def test_a_body_of_10_mb_is_refused(cell_officer):
    body = json.dumps({"name": "x" * (10 * 1024 * 1024)})
    response = _client(cell_officer).generic(
        "POST", "/api/v1/exhibitors/", body, content_type="application/json"
    )
    _error(response, 413, "too_large")


def test_a_page_size_of_a_million_is_refused(cell_officer):
    body = _error(_client(cell_officer).get("/api/v1/districts/?page_size=1000000"), 400, "invalid")
    assert "page_size" in body["fields"]
    assert (
        len(_client(cell_officer).get("/api/v1/districts/?page_size=200").json()["results"]) == 75
    )


def test_ordering_by_an_unknown_field_is_refused(cell_officer):
    body = _error(
        _client(cell_officer).get("/api/v1/nominations/?ordering=password"), 400, "invalid"
    )
    assert "ordering" in body["fields"]


# --- Scoping ----------------------------------------------------------------------------------


def test_district_staff_list_only_their_district(lucknow_staff, nomination, varanasi_exhibitor):
    rows = _client(lucknow_staff).get("/api/v1/exhibitors/").json()["results"]
    assert [row["id"] for row in rows] == [nomination.exhibitor_id]


def test_another_districts_ids_answer_404_and_change_nothing(
    varanasi_staff, nomination, allotments, units_space, lucknow_exhibitor
):
    client = _client(varanasi_staff)
    _error(client.get(f"/api/v1/nominations/{nomination.pk}/"), 404, "not_found")
    _error(
        client.post(f"/api/v1/nominations/{nomination.pk}/withdraw/", {}, format="json"),
        404,
        "not_found",
    )
    response = client.post(
        "/api/v1/nominations/",
        {"space": units_space.pk, "exhibitor": lucknow_exhibitor.pk},
        format="json",
    )
    _error(response, 404, "not_found")
    nomination.refresh_from_db()
    assert nomination.status == "submitted" and Nomination.objects.count() == 1


def test_the_principal_secretary_reads_but_writes_nothing(principal_secretary, nomination):
    client = _client(principal_secretary)
    assert client.get("/api/v1/nominations/").status_code == 200
    _error(
        client.post(f"/api/v1/nominations/{nomination.pk}/approve/", {}, format="json"),
        403,
        "permission_denied",
    )
    _error(client.post("/api/v1/fairs/", {"name_en": "X"}, format="json"), 403, "permission_denied")
    nomination.refresh_from_db()
    assert nomination.status == "submitted"


# --- Workflows --------------------------------------------------------------------------------


def test_nominate_approve_allocate_and_record_sales_through_the_api(
    lucknow_staff, cell_officer, allotments, units_space, lucknow_exhibitor, stall
):
    staff, officer = _client(lucknow_staff), _client(cell_officer)
    response = staff.post(
        "/api/v1/nominations/",
        {"space": units_space.pk, "exhibitor": lucknow_exhibitor.pk},
        format="json",
    )
    assert response.status_code == 201
    nomination = response.json()
    assert (
        nomination["district"] == lucknow_exhibitor.district_id
        and nomination["nominated_by"] == lucknow_staff.pk
    )
    assert (
        officer.post(f"/api/v1/nominations/{nomination['id']}/approve/", {}, format="json").json()[
            "status"
        ]
        == "approved"
    )
    response = officer.post(
        "/api/v1/allocations/", {"nomination": nomination["id"], "stall": stall.pk}, format="json"
    )
    assert response.status_code == 201 and response.json()["stall_number"] == "S1"

    fair = units_space.fair
    fair.start_date = timezone.localdate() - datetime.timedelta(days=2)
    fair.end_date = timezone.localdate() + datetime.timedelta(days=2)
    fair.save()
    allocation = response.json()["id"]
    response = staff.post(
        "/api/v1/daily-sales/",
        {
            "allocation": allocation,
            "date": str(fair.start_date),
            "amount": "15000.00",
            "enquiries": 4,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert DailySale.objects.get().amount == Decimal(15000)


def test_a_taken_stall_answers_409_with_its_code(
    cell_officer, allocation, units_space, varanasi_exhibitor, varanasi_staff
):
    from stalls.services import nomination_submit

    other = nomination_submit(space=units_space, exhibitor=varanasi_exhibitor, user=varanasi_staff)
    nomination_approve(nomination=other, user=cell_officer)
    body = _error(
        _client(cell_officer).post(
            "/api/v1/allocations/",
            {"nomination": other.pk, "stall": allocation.stall_id},
            format="json",
        ),
        409,
        "stall_taken",
    )
    assert body["fields"]["stall"] == ["Stall S1 is already allocated."]
    assert Allocation.objects.count() == 1


def test_a_not_allowed_transition_has_its_code(cell_officer, fair):
    body = _error(
        _client(cell_officer).post(
            f"/api/v1/fairs/{fair.pk}/status/", {"status": "concluded"}, format="json"
        ),
        409,
        "not_allowed_transition",
    )
    assert "status" in body["fields"]


def test_exhibitor_duplicates_answer_409(lucknow_staff, lucknow_exhibitor):
    response = _client(lucknow_staff).post(
        "/api/v1/exhibitors/",
        {
            "kind": "artisan",
            "name": "Other",
            "product": lucknow_exhibitor.product_id,
            "mobile": lucknow_exhibitor.mobile,
        },
        format="json",
    )
    _error(response, 409, "exhibitor_exists")


# --- Query counts and the schema --------------------------------------------------------------

LISTS = [
    "divisions",
    "districts",
    "products",
    "fairs",
    "spaces",
    "activities",
    "recipients",
    "exhibitors",
    "stalls",
    "allotments",
    "nominations",
    "allocations",
    "daily-sales",
]


def test_every_list_runs_a_constant_number_of_queries(
    cell_officer, allocation, lucknow, daily_sale, recipient
):
    from tests.stalls.test_views import _grow_allocations

    client = _client(cell_officer)

    def grow():
        _grow_allocations(allocation.fair, lucknow, cell_officer, 49)

    for name in LISTS:
        assert_constant_queries(
            lambda name=name: client.get(f"/api/v1/{name}/?page_size=100"), grow
        )


def test_the_schema_validates_and_covers_every_route():
    from tests.test_permissions import ROWS

    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    schema = yaml.safe_load(out.getvalue())
    documented = {path.replace("{id}", "1") for path in schema["paths"]}
    routes = set()
    for name in {n for n, _method in ROWS if n.startswith("v1:")}:
        try:
            routes.add(reverse(name))
        except NoReverseMatch:
            routes.add(reverse(name, args=[1]))
    assert sorted(routes - documented) == []


def test_the_docs_are_served_from_static_files(client, db):
    page = client.get(reverse("api-docs")).content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn" not in page.lower()


def test_the_browsable_api_shows_the_response_without_forms(personas, allocation):
    """Its forms would list every related record (every allocation for a daily sale)."""
    client = personas["cell_officer"]
    url = "/api/v1/daily-sales/"
    response = client.get(url, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "<select" not in page
    assert 'name="_content"' not in page  # the raw-data form
    assert_constant_queries(
        lambda: client.get(url, HTTP_ACCEPT="text/html"),
        lambda: [factories.fair(name_en=f"Fair {n}") for n in range(5)],
    )
