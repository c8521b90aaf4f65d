"""The bookkeeping of a report job's attempts: the claim, the fence, the heartbeat, retries.

One attempt at a time holds a job: it is claimed under a row lock and numbered
(``attempts``), and every later write of the attempt goes through ``running``, the fence that
matches only while that attempt still holds the job. The attempt shows it is alive by a
heartbeat; one whose heartbeat is older than REPORT_HEARTBEAT_TIMEOUT_SECONDS is dead and may
be taken over. Faults that pass are retried up to REPORT_MAX_ATTEMPTS; a failed job tells the
cell by a portal notice.
"""

import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.exceptions import StorageUnavailable
from notifications.models import Notice
from notifications.services import notice_create
from reviews.models import Meeting, ReportJob

# The name the report job's log lines have always had (they were written from
# reviews.services.reports); log consumers filter on it.
logger = logging.getLogger("reviews.services.reports")

# Failures worth another attempt: the database briefly unavailable, a lock that timed out, a
# disk that is full or read-only. Anything else is a fault of the report and is not retried.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
RETRYABLE_ERRORS = (*TRANSIENT_ERRORS, StorageUnavailable)


def dead_before(now):
    """An attempt whose last sign of life is older than this has lost its worker."""
    return now - timedelta(seconds=settings.REPORT_HEARTBEAT_TIMEOUT_SECONDS)


def is_claimable(job: ReportJob, *, task_id: str, now) -> bool:
    """Whether a new attempt may take the (locked) job: it is queued, or its attempt died."""
    if job.status == ReportJob.Status.QUEUED:
        return True
    if job.status != ReportJob.Status.RUNNING:
        return False
    if task_id and job.task_id == task_id:
        # The same message delivered again: the worker that ran it died (acks_late).
        return True
    last_sign = job.heartbeat_at or job.started_at
    return last_sign is None or last_sign < dead_before(now)


def running(job_id: int, attempt: int):
    """The job, if the given attempt still holds it (the fence of every attempt's write)."""
    return ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.RUNNING, attempts=attempt)


@contextmanager
def heartbeat(job_id: int, attempt: int):
    """Mark the attempt alive every REPORT_HEARTBEAT_SECONDS while the body runs.

    A thread with its own database connection: the render holds the main thread for
    seconds at a time. Its writes are fenced by the attempt, so a beat never revives a job
    another attempt took over.
    """
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(settings.REPORT_HEARTBEAT_SECONDS):
                running(job_id, attempt).update(heartbeat_at=timezone.now())
        except TRANSIENT_ERRORS as error:
            logger.warning("Report job %s: heartbeat stopped (%s)", job_id, error)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"report-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)


def _cause(error) -> str:
    if isinstance(error, StorageUnavailable):
        if error.code == "storage_full":
            return str(_("the document store is full."))
        return str(_("the document store cannot be written."))
    return str(_("the database did not answer."))


def attempts_message(cause):
    """The error a job is left with when its last attempt did not succeed."""
    return _(
        "The report could not be prepared after %(count)s attempts. Last problem: %(cause)s"
    ) % {
        "count": settings.REPORT_MAX_ATTEMPTS,
        "cause": cause,
    }


def worker_stopped_message():
    """The error of a job whose last attempt lost its worker."""
    return attempts_message(_("its worker stopped."))


def retry_or_fail(job: ReportJob, attempt: int, error) -> bool:
    """After a passing fault: queue the job again (True: retry) or, at the last attempt, fail
    it with the cause."""
    logger.warning("Report job %s, attempt %s: %s", job.pk, attempt, error)
    if attempt >= settings.REPORT_MAX_ATTEMPTS:
        fail(job, attempts_message(_cause(error)), claim=running(job.pk, attempt))
        return False
    note = _(
        "Attempt %(attempt)s of %(count)s did not succeed: %(cause)s It is tried again shortly."
    ) % {
        "attempt": attempt,
        "count": settings.REPORT_MAX_ATTEMPTS,
        "cause": _cause(error),
    }
    running(job.pk, attempt).update(
        status=ReportJob.Status.QUEUED, error=str(note), updated_at=timezone.now()
    )
    return True


def fail(job: ReportJob, message, *, claim) -> bool:
    """Fail the job if ``claim`` (the attempt's fence) still holds it, and tell the cell."""
    with translation.override(job.language):
        text = str(message)
    failed = claim.update(
        status=ReportJob.Status.FAILED,
        error=text,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if failed:
        _notify_failure(job)
    return bool(failed)


def _notify_failure(job: ReportJob) -> None:
    """A portal notice to the requester and every cell officer: the report did not come."""
    meeting = Meeting.objects.get(pk=job.meeting_id)
    recipients = {job.requested_by_id} | set(
        User.objects.filter(role=User.Role.CELL_OFFICER, is_active=True).values_list(
            "pk", flat=True
        )
    )
    params = {
        "job_id": job.pk,
        "title_en": meeting.title_en,
        "title_hi": meeting.title_hi,
        "date": timezone.localdate(meeting.held_at).isoformat(),
    }
    for user in User.objects.filter(pk__in=recipients, is_active=True):
        notice_create(
            recipient=user,
            code=Notice.Code.REPORT_FAILED,
            params=params,
            link=job.get_absolute_url(),
        )
