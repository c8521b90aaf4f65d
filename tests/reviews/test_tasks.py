"""The report task: states, running twice, retries, the page cap, the sweeper, the schedule,
and a broker that does not answer."""

import datetime
import time
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from odop_portal.celery import app as celery_app
from reviews.models import ReportJob
from reviews.services import reports as services
from reviews.services.reports import report_jobs_sweep, reports_schedule
from reviews.tasks import render_status_report, schedule_status_reports, sweep_report_jobs
from tests.reviews import builders

UNREACHABLE = "redis://127.0.0.1:1/0"


@pytest.fixture
def queued_job(meeting, cell_officer):
    return ReportJob.objects.create(
        meeting=meeting, language="en", trigger="on_demand", requested_by=cell_officer
    )


def fake_pdf(*, html):
    return b"%PDF-1.7 fake", 3


def test_the_task_renders_the_job_and_names_the_file_after_it(queued_job):
    with mock.patch.object(services, "pdf_render", side_effect=fake_pdf):
        assert render_status_report.delay(queued_job.pk).get() == queued_job.pk
    queued_job.refresh_from_db()
    assert queued_job.status == ReportJob.Status.SUCCEEDED
    assert queued_job.file.name == f"reports/status-report-{queued_job.pk}.pdf"
    assert (queued_job.attempts, queued_job.version, queued_job.pages) == (1, 1, 3)
    assert queued_job.data_cutoff and queued_job.started_at <= queued_job.finished_at


def test_running_twice_does_the_work_once(queued_job):
    with mock.patch.object(services, "pdf_render", side_effect=fake_pdf) as render:
        render_status_report.delay(queued_job.pk)
        assert render_status_report.delay(queued_job.pk).get() is None
    assert render.call_count == 1
    queued_job.refresh_from_db()
    assert queued_job.attempts == 1


def test_a_rerun_overwrites_the_same_file(queued_job):
    with mock.patch.object(services, "pdf_render", side_effect=fake_pdf):
        render_status_report.delay(queued_job.pk)
        ReportJob.objects.filter(pk=queued_job.pk).update(status="queued")
        render_status_report.delay(queued_job.pk)
    queued_job.refresh_from_db()
    assert queued_job.file.name == f"reports/status-report-{queued_job.pk}.pdf"
    assert queued_job.attempts == 2


def test_a_transient_failure_is_retried(queued_job):
    calls = iter([OperationalError("database is locked"), None])

    def flaky(*, html):
        error = next(calls)
        if error:
            raise error
        return fake_pdf(html=html)

    with mock.patch.object(services, "pdf_render", side_effect=flaky):
        render_status_report.apply(args=[queued_job.pk], throw=False)
    queued_job.refresh_from_db()
    assert queued_job.status == ReportJob.Status.SUCCEEDED
    assert queued_job.attempts == 2


def test_a_transient_failure_that_persists_fails_the_job_after_the_last_attempt(
    queued_job, settings
):
    settings.REPORT_MAX_ATTEMPTS = 2
    with mock.patch.object(services, "pdf_render", side_effect=OperationalError("down")):
        render_status_report.apply(args=[queued_job.pk], throw=False)
    queued_job.refresh_from_db()
    assert queued_job.status == ReportJob.Status.FAILED
    assert "after 2 attempts" in queued_job.error


def test_a_report_over_the_page_cap_fails_at_once_with_a_message(queued_job, settings):
    settings.REPORT_PAGE_CAP = 1
    with mock.patch("weasyprint.Document.write_pdf") as write:
        render_status_report.apply(args=[queued_job.pk], throw=False)
    write.assert_not_called()
    queued_job.refresh_from_db()
    assert queued_job.status == ReportJob.Status.FAILED
    assert queued_job.attempts == 1  # a domain error is not retried
    assert "more than the limit of 1" in queued_job.error
    assert not queued_job.file


def test_the_failure_message_is_in_the_report_language(meeting, cell_officer, settings):
    settings.REPORT_PAGE_CAP = 1
    job = ReportJob.objects.create(
        meeting=meeting, language="hi", trigger="on_demand", requested_by=cell_officer
    )
    render_status_report.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert "पृष्ठ" in job.error


def test_the_sweeper_requeues_a_job_whose_worker_died(queued_job):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    ReportJob.objects.filter(pk=queued_job.pk).update(
        status="running", attempts=1, started_at=long_ago
    )
    with mock.patch.object(services, "pdf_render", side_effect=fake_pdf):
        counts = sweep_report_jobs.delay().get()
    assert counts["requeued"] == 1
    queued_job.refresh_from_db()
    assert queued_job.status == ReportJob.Status.SUCCEEDED
    assert queued_job.attempts == 2


def test_the_sweeper_fails_a_job_that_died_too_often(queued_job, settings):
    ReportJob.objects.filter(pk=queued_job.pk).update(
        status="running",
        attempts=settings.REPORT_MAX_ATTEMPTS,
        started_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert report_jobs_sweep()["failed"] == 1
    queued_job.refresh_from_db()
    assert queued_job.status == ReportJob.Status.FAILED
    assert queued_job.error


def test_the_sweeper_leaves_a_job_that_is_still_within_its_time(queued_job):
    ReportJob.objects.filter(pk=queued_job.pk).update(
        status="running", attempts=1, started_at=timezone.now()
    )
    assert report_jobs_sweep() == {"requeued": 0, "failed": 0, "resent": 0}


def test_the_sweeper_sends_again_a_job_left_queued(queued_job):
    ReportJob.objects.filter(pk=queued_job.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with mock.patch.object(services, "pdf_render", side_effect=fake_pdf):
        assert report_jobs_sweep()["resent"] == 1
    queued_job.refresh_from_db()
    assert queued_job.status == ReportJob.Status.SUCCEEDED


def test_beat_prepares_reports_the_configured_days_before_a_meeting(
    cell_officer, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_DAYS_BEFORE_MEETING = 2
    soon = builders.meeting(officer=cell_officer, days_ahead=2)
    builders.meeting(officer=cell_officer, days_ahead=5, title_en="Later meeting")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert schedule_status_reports.delay().get() == 2
        assert reports_schedule() == 0  # once per meeting and language
    assert len(callbacks) == 2
    jobs = ReportJob.objects.filter(meeting=soon)
    assert sorted(jobs.values_list("language", flat=True)) == ["en", "hi"]
    assert {job.trigger for job in jobs} == {"scheduled"}
    assert {job.requested_by for job in jobs} == {cell_officer}


def test_the_beat_entries_name_real_tasks(settings):
    celery_app.autodiscover_tasks(force=True)  # as the worker does when it starts
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled >= {
        "reviews.tasks.schedule_status_reports",
        "reviews.tasks.sweep_report_jobs",
        "notifications.tasks.sweep_outbox",
        "accounts.tasks.purge_login_failures",
    }
    assert scheduled <= set(celery_app.tasks)


def test_with_redis_down_the_request_answers_quickly_and_the_job_stays_queued(
    personas, meeting, unreachable_broker, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = personas["cell_officer"].post(
            reverse("reviews:report_request", args=[meeting.pk]), {"language": "en"}
        )
    elapsed = time.monotonic() - started
    job = ReportJob.objects.get(meeting=meeting)
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:report_status", args=[job.pk])
    assert job.status == ReportJob.Status.QUEUED
    assert elapsed < 10, f"the request took {elapsed:.1f} s"
    # The sweeper, later, also survives the broker being down.
    ReportJob.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert report_jobs_sweep()["resent"] == 0
    job.refresh_from_db()
    assert job.status == ReportJob.Status.QUEUED
