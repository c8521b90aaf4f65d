"""Background work for letters and passes: preparing them, and the sweeper."""

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from core.exceptions import ApplicationError
from passes.services import print_job_render, print_jobs_sweep


@shared_task(
    autoretry_for=(OperationalError,),
    throws=(ApplicationError,),
    retry_backoff=30,
    retry_backoff_max=300,
    max_retries=max(settings.REPORT_MAX_ATTEMPTS - 1, 0),
    soft_time_limit=settings.REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_TIME_LIMIT,
)
def render_print_job(job_id: int) -> int | None:
    """Prepare one job's letters and passes; safe to run twice (the row is claimed first)."""
    job = print_job_render(job_id=job_id)
    return job.pk if job else None


@shared_task(autoretry_for=(OperationalError,), retry_backoff=60, max_retries=3)
def sweep_print_jobs() -> int:
    """Send again the jobs nobody is preparing (Celery beat)."""
    return print_jobs_sweep()
