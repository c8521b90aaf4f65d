"""With Redis down (the cache and the broker), the portal keeps working from the database:
sign-in, pages, API reads and writes, report requests and approvals, password resets. Work
for the workers waits in the database and leaves once the broker is back."""

import time
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import LoginFailure
from notifications.models import OutgoingEmail
from notifications.services import outbox_sweep
from reviews.models import ReportJob
from reviews.services.reports import report_jobs_sweep
from stalls.models import DailySale
from tests.api.clients import api_client
from tests.factories import PASSWORD

PAGES = [
    "dashboard:home",
    "districts:list",
    "events:fair_list",
    "exhibitors:list",
    "mous:list",
    "reviews:meeting_list",
    "notifications:list",
]


def test_sign_in_and_every_page_work_without_redis(db, cell_officer, redis_down):
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": cell_officer.username, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("dashboard:home")
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    # The session lives in the database: it holds on the next request, and signing out ends it.
    assert Session.objects.count() == 1
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("dashboard:home")).status_code == 302
    assert Session.objects.count() == 0


def test_the_lockout_holds_without_redis(db, cell_officer, redis_down, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    client = Client()
    login = reverse("accounts:login")
    for _ in range(2):
        client.post(login, {"username": cell_officer.username, "password": "wrong"})
    response = client.post(login, {"username": cell_officer.username, "password": PASSWORD})
    assert response.status_code == 429
    assert LoginFailure.objects.get().failures == 2


def test_api_reads_and_writes_answer_as_done_without_redis(
    db, redis_down, lucknow_staff, allocation, live_fair
):
    client = api_client(lucknow_staff)
    assert client.get("/api/v1/fairs/").status_code == 200
    response = client.post(
        "/api/v1/daily-sales/",
        {"allocation": allocation.pk, "date": str(live_fair.start_date), "amount": "1200.00"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert DailySale.objects.get().amount == Decimal(1200)


def test_a_report_request_answers_at_once_and_waits_for_the_queue(
    db, personas, meeting, redis_down, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = personas["cell_officer"].post(
            reverse("reviews:report_request", args=[meeting.pk]), {"language": "hi"}
        )
    assert time.monotonic() - started < 1
    job = ReportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == ReportJob.Status.QUEUED
    page = personas["cell_officer"].get(job.get_absolute_url()).content.decode()
    assert "The task queue is unavailable at the moment" in page
    api = api_client(personas["cell_officer"].user)
    assert api.get(f"/api/v1/report-jobs/{job.pk}/").json()["waiting_for_queue"] is True


def test_an_api_report_request_answers_202_with_the_job_waiting(
    db, cell_officer, meeting, redis_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client(cell_officer).post(
            f"/api/v1/meetings/{meeting.pk}/reports/", {"language": "en"}, format="json"
        )
    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    assert response.json()["waiting_for_queue"] is True


def test_an_approval_answers_as_done_and_its_e_mails_wait_in_the_outbox(
    db, personas, unapproved_report, redis_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = personas["cell_officer"].post(
            reverse("reviews:report_approve", args=[unapproved_report.pk])
        )
    assert response.status_code == 302
    unapproved_report.refresh_from_db()
    assert unapproved_report.is_approved
    waiting = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING)
    assert waiting.count() == 2  # the two attendees
    assert mail.outbox == []


def test_outbox_e_mail_leaves_once_the_broker_is_back(
    db, personas, unapproved_report, unreachable_broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        personas["cell_officer"].post(
            reverse("reviews:report_approve", args=[unapproved_report.pk])
        )
    assert OutgoingEmail.objects.filter(status="pending").count() == 2
    assert outbox_sweep()["sent"] == 0  # still down: nothing lost, nothing sent


def test_a_password_reset_answers_as_done_and_its_e_mail_waits(
    db, cell_officer, redis_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(reverse("accounts:password_reset"), {"email": cell_officer.email})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert OutgoingEmail.objects.get().recipients == [cell_officer.email]


def test_the_sweeper_survives_the_broker_being_down(db, meeting, cell_officer, redis_down):
    job = ReportJob.objects.create(
        meeting=meeting, language="en", trigger="on_demand", requested_by=cell_officer
    )
    ReportJob.objects.filter(pk=job.pk).update(updated_at=job.updated_at.replace(year=2020))
    assert report_jobs_sweep()["resent"] == 0
    job.refresh_from_db()
    assert job.status == ReportJob.Status.QUEUED


@pytest.mark.parametrize("authorization", ["Token", "Bearer"])
def test_a_token_request_creates_no_session_and_sets_no_cookie(
    db, cell_officer, authorization, client
):
    from accounts.services import api_token_create

    key, _token = api_token_create(user=cell_officer)
    for _ in range(2):
        response = client.get("/api/v1/fairs/", HTTP_AUTHORIZATION=f"{authorization} {key}")
        assert response.status_code == 200
        assert not response.cookies
        assert "Set-Cookie" not in response.headers
    assert Session.objects.count() == 0
