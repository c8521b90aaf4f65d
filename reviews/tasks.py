"""Background work for review meetings: the status report, its schedule and its sweeper."""

from celery import shared_task
from django.conf import settings

from core.exceptions import ApplicationError
from reviews.services.reports import (
    RETRYABLE_ERRORS,
    TRANSIENT_ERRORS,
    report_jobs_sweep,
    report_render,
    reports_schedule,
)


@shared_task(
    bind=True,
    autoretry_for=RETRYABLE_ERRORS,
    throws=(ApplicationError,),
    retry_backoff=30,
    retry_backoff_max=300,
    max_retries=max(settings.REPORT_MAX_ATTEMPTS - 1, 0),
    soft_time_limit=settings.REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_TIME_LIMIT,
)
def render_status_report(self, job_id: int) -> int | None:
    """Render the PDF of one report job; returns the job's id, or None if there was nothing
    to do.

    Safe to run twice: the job is claimed under a row lock, and a redelivered message (its
    worker died) takes over its own dead attempt. Retried with backoff only for passing
    faults (database, lock timeout, disk); the page cap and other faults of the report mark
    the job failed at once.
    """
    job = report_render(job_id=job_id, task_id=self.request.id or "")
    return job.pk if job else None


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=60, max_retries=3)
def schedule_status_reports() -> int:
    """Queue the automatic reports of meetings coming up (Celery beat, daily)."""
    return reports_schedule()


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=60, max_retries=3)
def sweep_report_jobs() -> dict:
    """Re-queue or fail report jobs that are stuck (Celery beat, every few minutes)."""
    return report_jobs_sweep()
