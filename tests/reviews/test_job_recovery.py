"""A report job survives its worker: a redelivered task or the sweeper takes over a dead
attempt, fenced by the attempt's number; disk faults are retried, then failed with their
cause and a notice to the cell."""

import datetime
import errno
import time
from unittest import mock

import pytest
from django.core.files.storage import InMemoryStorage
from django.urls import reverse
from django.utils import timezone

from core.storage import storage_error
from notifications.models import Notice
from reviews.models import ReportJob
from reviews.services import reports as services
from reviews.services.reports import report_jobs_sweep, report_render
from reviews.tasks import render_status_report


def fake_pdf(*, html):
    return b"%PDF-1.7 fake", 3


@pytest.fixture
def running_job(meeting, cell_officer):
    """A job whose first attempt, task "task-1", is under way with a fresh heartbeat."""
    now = timezone.now()
    return ReportJob.objects.create(
        meeting=meeting,
        language="en",
        trigger="on_demand",
        requested_by=cell_officer,
        status="running",
        attempts=1,
        task_id="task-1",
        started_at=now,
        heartbeat_at=now,
    )


def _age_heartbeat(job, seconds):
    ReportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


def test_a_live_attempt_is_left_alone_by_another_delivery(running_job):
    with mock.patch.object(services, "pdf_render", side_effect=fake_pdf) as render:
        assert render_status_report.apply(args=[running_job.pk], task_id="task-2").get() is None
    render.assert_not_called()
    running_job.refresh_from_db()
    assert (running_job.status, running_job.attempts) == ("running", 1)


def test_the_same_message_delivered_again_takes_over_its_dead_attempt(running_job):
    with mock.patch.object(services, "pdf_render", side_effect=fake_pdf):
        assert render_status_report.apply(args=[running_job.pk], task_id="task-1").get()
    running_job.refresh_from_db()
    assert (running_job.status, running_job.attempts) == ("succeeded", 2)


def test_an_attempt_whose_heartbeat_is_old_is_taken_over(running_job, settings):
    _age_heartbeat(running_job, settings.REPORT_HEARTBEAT_TIMEOUT_SECONDS + 1)
    with mock.patch.object(services, "pdf_render", side_effect=fake_pdf):
        render_status_report.apply(args=[running_job.pk], task_id="task-2")
    running_job.refresh_from_db()
    assert (running_job.status, running_job.attempts, running_job.task_id) == (
        "succeeded",
        2,
        "task-2",
    )


def test_a_dead_attempt_cannot_write_over_the_attempt_that_took_over(running_job):
    with mock.patch.object(services, "pdf_render", side_effect=fake_pdf):
        report_render(job_id=running_job.pk, task_id="task-1")  # attempt 2 finishes
    ReportJob.objects.filter(pk=running_job.pk).update(status="running")
    services._fail(running_job, "late", claim=services._running(running_job.pk, 1))
    running_job.refresh_from_db()
    assert running_job.error == ""  # attempt 1's write found nothing it still holds


def test_the_sweeper_queues_again_a_job_whose_heartbeat_stopped(running_job, settings):
    _age_heartbeat(running_job, settings.REPORT_HEARTBEAT_TIMEOUT_SECONDS + 1)
    with mock.patch.object(services, "pdf_render", side_effect=fake_pdf):
        assert report_jobs_sweep()["requeued"] == 1
    running_job.refresh_from_db()
    assert (running_job.status, running_job.attempts) == ("succeeded", 2)


def test_the_sweeper_leaves_a_job_whose_heartbeat_is_fresh(running_job, settings):
    _age_heartbeat(running_job, settings.REPORT_HEARTBEAT_TIMEOUT_SECONDS - 5)
    assert report_jobs_sweep() == {"requeued": 0, "failed": 0, "resent": 0}


def test_a_worker_death_costs_at_most_two_minutes_with_the_defaults(settings):
    detected = settings.REPORT_HEARTBEAT_TIMEOUT_SECONDS + settings.REPORT_SWEEP_SECONDS
    assert detected <= 120


def test_the_last_attempt_dying_fails_the_job_and_tells_the_cell(
    running_job, settings, cell_officer, principal_secretary
):
    ReportJob.objects.filter(pk=running_job.pk).update(attempts=settings.REPORT_MAX_ATTEMPTS)
    _age_heartbeat(running_job, settings.REPORT_HEARTBEAT_TIMEOUT_SECONDS + 1)
    assert report_jobs_sweep()["failed"] == 1
    running_job.refresh_from_db()
    assert running_job.status == "failed"
    assert "after 3 attempts" in running_job.error and "worker stopped" in running_job.error
    notice = Notice.objects.get()
    assert notice.recipient == cell_officer and notice.code == Notice.Code.REPORT_FAILED
    assert notice.link == running_job.get_absolute_url()
    assert "could not be prepared" in notice.text


def _flaky_storage(failures: int, error_number: int):
    calls = {"count": 0}
    real_save = InMemoryStorage.save

    def save(storage, name, content, **kwargs):
        calls["count"] += 1
        if calls["count"] <= failures:
            raise storage_error(OSError(error_number, "disk says no"))
        return real_save(storage, name, content, **kwargs)

    return mock.patch.object(InMemoryStorage, "save", save)


@pytest.fixture
def queued_job(meeting, cell_officer):
    return ReportJob.objects.create(
        meeting=meeting, language="en", trigger="on_demand", requested_by=cell_officer
    )


def test_a_read_only_disk_is_retried_and_the_report_comes_when_it_is_writable(queued_job):
    with (
        mock.patch.object(services, "pdf_render", side_effect=fake_pdf),
        _flaky_storage(1, errno.EROFS),
    ):
        render_status_report.apply(args=[queued_job.pk], throw=False)
    queued_job.refresh_from_db()
    assert (queued_job.status, queued_job.attempts) == ("succeeded", 2)
    assert Notice.objects.count() == 0


def test_after_a_failed_attempt_the_job_is_queued_with_its_cause(queued_job):
    with (
        mock.patch.object(services, "pdf_render", side_effect=fake_pdf),
        _flaky_storage(1, errno.ENOSPC),
        pytest.raises(Exception, match="full"),
    ):
        report_render(job_id=queued_job.pk)
    queued_job.refresh_from_db()
    assert queued_job.status == "queued" and queued_job.attempts == 1
    assert queued_job.error == (
        "Attempt 1 of 3 did not succeed: the document store is full. It is tried again shortly."
    )


def test_a_disk_that_stays_full_fails_the_job_with_its_cause_and_a_notice(
    queued_job, cell_officer, settings
):
    # Two attempts: Celery's eager retries propagate past the second level.
    settings.REPORT_MAX_ATTEMPTS = 2
    with (
        mock.patch.object(services, "pdf_render", side_effect=fake_pdf),
        _flaky_storage(10, errno.ENOSPC),
    ):
        render_status_report.apply(args=[queued_job.pk], throw=False)
    queued_job.refresh_from_db()
    assert queued_job.status == "failed" and queued_job.attempts == 2
    assert "after 2 attempts" in queued_job.error
    assert queued_job.error.endswith("Last problem: the document store is full.")
    assert Notice.objects.filter(recipient=cell_officer, code="report_failed").exists()


def test_the_status_page_shows_the_attempt_and_since_when(personas, running_job):
    page = (
        personas["cell_officer"]
        .get(reverse("reviews:report_status", args=[running_job.pk]))
        .content.decode()
    )
    since = timezone.localtime(running_job.started_at).strftime("%H:%M")
    assert f"attempt 1 of 3, since {since}" in page


def test_a_queued_job_shows_why_its_last_attempt_failed(personas, queued_job):
    ReportJob.objects.filter(pk=queued_job.pk).update(
        attempts=1, error="Attempt 1 of 3 did not succeed: the database did not answer."
    )
    page = personas["cell_officer"].get(queued_job.get_absolute_url()).content.decode()
    assert "Attempt 1 of 3 did not succeed" in page


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_running_attempt_beats_while_it_renders(meeting, cell_officer, settings):
    settings.REPORT_HEARTBEAT_SECONDS = 1
    job = ReportJob.objects.create(
        meeting=meeting, language="en", trigger="on_demand", requested_by=cell_officer
    )
    beats = []

    def slow_pdf(*, html):
        time.sleep(2.5)
        beats.append(ReportJob.objects.get(pk=job.pk).heartbeat_at)
        return fake_pdf(html=html)

    with mock.patch.object(services, "pdf_render", side_effect=slow_pdf):
        report_render(job_id=job.pk, task_id="task-1")
    job.refresh_from_db()
    assert job.status == "succeeded"
    assert beats[0] > job.started_at  # the thread beat while the render held the main one
