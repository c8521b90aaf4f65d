"""API writes are recorded with source "api"; the logs are JSON lines with the user and the
request id, and never hold a password, a token or a full mobile number."""

import io
import json
import logging

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from core.logging import JsonFormatter, mask_mobile
from exhibitors.models import Exhibitor
from tests import factories
from tests.api.clients import api_client
from tests.audit.helpers import entries, mark, one

MOBILE = "9415012345"


def _api(user) -> APIClient:
    return api_client(user)


def test_an_api_write_is_recorded_with_source_api(lucknow, lucknow_staff):
    since = mark()
    response = _api(lucknow_staff).post(
        "/api/v1/exhibitors/",
        {
            "kind": "artisan",
            "name": "Meera Devi",
            "mobile": MOBILE,
            "product": lucknow.products.order_by("-is_original", "pk").first().pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    entry = one(Exhibitor.objects.get(pk=response.json()["id"]), since)
    assert (entry.action, entry.source, entry.user) == ("create", "api", lucknow_staff)
    assert entry.request_id == response.headers["X-Request-ID"]


def test_records_saved_by_an_api_serializer_are_recorded_once(cell_officer, fair):
    from events.models import Fair

    client = _api(cell_officer)
    since = mark()
    response = client.patch(f"/api/v1/fairs/{fair.pk}/", {"city": "Gurugram"}, format="json")
    assert response.status_code == 200, response.content
    entry = one(Fair.objects.get(pk=fair.pk), since)
    assert (entry.action, entry.source, entry.user) == ("update", "api", cell_officer)
    assert entry.changes == {"city": ["Faridabad", "Gurugram"]}
    since = mark()
    created = client.post(
        "/api/v1/spaces/",
        {
            "fair": fair.pk,
            "name_en": "Hall C",
            "name_hi": "हॉल सी",
            "measure": "area",
            "capacity_area": "250",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    from events.models import Space

    assert one(Space.objects.get(pk=created.json()["id"]), since).action == "create"
    since = mark()
    refused = client.patch(f"/api/v1/fairs/{fair.pk}/", {"end_date": "2020-01-01"}, format="json")
    assert refused.status_code == 400
    assert entries(Fair.objects.get(pk=fair.pk), since) == []


@pytest.fixture
def json_log():
    """Everything logged during the test, formatted as the portal's handler formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


def _events(lines, event):
    return [line for line in lines if line.get("event") == event]


def test_logins_failures_and_lockouts_are_logged_without_secrets(
    client, cell_officer, json_log, caplog, settings
):
    settings.LOGIN_FAILURE_LIMIT = 2
    login = reverse("accounts:login")
    client.post(login, {"username": "officer", "password": "wrong-Secret-1"})
    client.post(login, {"username": "officer", "password": "wrong-Secret-2"})
    client.post(login, {"username": "officer", "password": factories.PASSWORD})
    client.post(login, {"username": MOBILE, "password": "wrong-Secret-3"})
    lines = json_log()
    failed = _events(lines, "login_failed")
    assert [f["username"] for f in failed] == ["officer", "officer", "******2345"]
    assert _events(lines, "login_locked")[0]["username"] == "officer"
    assert _events(lines, "login_refused_locked")[0]["channel"] == "page"
    assert all(line["request_id"] and line["source"] == "page" for line in failed)
    text = "\n".join(json.dumps(line) for line in lines) + caplog.text
    for secret in ("wrong-Secret", factories.PASSWORD, MOBILE):
        assert secret not in text
    assert any(r.name == "odop.auth" for r in caplog.records)


def test_api_tokens_are_logged_without_the_token(cell_officer, json_log, caplog):
    client = APIClient()
    url = "/api/v1/auth/token/"
    response = client.post(
        url, {"username": "officer", "password": factories.PASSWORD}, format="json"
    )
    token = response.json()["token"]
    client.post(url, {"username": "officer", "password": "nope-nope-nope"}, format="json")
    lines = json_log()
    login = _events(lines, "login")[0]
    assert (login["user"], login["channel"], login["source"]) == ("officer", "api", "api")
    assert _events(lines, "login_failed")[0]["channel"] == "api"
    text = "\n".join(json.dumps(line) for line in lines) + caplog.text
    assert token not in text and factories.PASSWORD not in text


def test_denied_access_to_another_districts_record_is_logged(personas, json_log, lucknow):
    exhibitor = factories.exhibitor(district=lucknow, mobile=MOBILE)
    response = personas["varanasi_staff"].get(reverse("exhibitors:detail", args=[exhibitor.pk]))
    assert response.status_code == 404
    denied = _events(json_log(), "access_denied")
    assert len(denied) == 1
    assert (denied[0]["user"], denied[0]["status"]) == ("vns", 404)
    assert denied[0]["request_id"] == response.headers["X-Request-ID"]


def test_allocations_stage_changes_and_report_jobs_are_logged_with_the_user(
    nomination, stall, cell_officer, meeting, json_log
):
    from reviews.services.reports import report_request
    from stalls.services import allocation_create, nomination_approve

    approved = nomination_approve(nomination=nomination, user=cell_officer)
    allocation_create(nomination=approved, stall=stall, user=cell_officer)
    report_request(meeting=meeting, language="en", user=cell_officer)
    lines = json_log()
    assert _events(lines, "nomination_stage_change")[0]["user"] == "officer"
    allocation = _events(lines, "allocation")[0]
    assert (allocation["user"], allocation["status"]) == ("officer", "active")
    assert _events(lines, "report_job")[0]["user"] == "officer"


def test_mobile_numbers_are_masked_to_the_last_four_digits():
    assert mask_mobile("call 9415012345 or +91 94150 12345") == "call ******2345 or ******2345"
    assert mask_mobile("request 12345678901234 and ref 941501") == (
        "request 12345678901234 and ref 941501"
    )
    record = logging.LogRecord("x", logging.INFO, "", 0, "user %s", ("9415012345",), None)
    record.password = "hunter2-hunter2"
    record.token = "abc"
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "user ******2345"
    assert "password" not in line and "token" not in line
