"""The status report's job: request, render, approve, schedule, and the sweeper.

A job is a row first; the task carries its id. One attempt at a time holds the job; the claim,
the fence, the heartbeat and the retries are kept in ``reviews.services.report_attempts``. A
redelivered task takes over an attempt whose worker died, and so does the sweeper once the
heartbeat is old, so a killed worker costs about a minute. Faults that pass (database, disk)
are retried with backoff up to REPORT_MAX_ATTEMPTS; faults of the report itself fail it at
once. A failed job tells the cell by a portal notice.
"""

import logging
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.audit.services import audit_changed, audit_created, audit_record, audit_snapshot
from core.broker import task_send, task_send_on_commit
from core.exceptions import ApplicationError
from core.scoping import require_permission
from notifications.services import email_send_later
from reviews.models import Meeting, ReportJob, report_path
from reviews.pdf import pdf_render, report_html
from reviews.services.report_attempts import (
    RETRYABLE_ERRORS,
    TRANSIENT_ERRORS,
    dead_before,
    heartbeat,
    is_claimable,
    retry_or_fail,
    worker_stopped_message,
)
from reviews.services.report_attempts import fail as _fail
from reviews.services.report_attempts import running as _running

logger = logging.getLogger(__name__)

__all__ = [
    "RETRYABLE_ERRORS",
    "TRANSIENT_ERRORS",
    "report_approve",
    "report_enqueue",
    "report_jobs_sweep",
    "report_render",
    "report_request",
    "reports_schedule",
]


def report_request(*, meeting: Meeting, language: str, user) -> tuple[ReportJob, bool]:
    """Ask for a status report of a meeting; returns the job and whether it is new.

    A report of the same meeting and language already queued or running is reused, so a
    double click or two officers at once never start two. The job is sent to a worker after
    commit; with the broker down it stays queued and the sweeper sends it later.
    """
    require_permission(user, "reviews.add_reportjob")
    if language not in ReportJob.Language.values:
        raise ValidationError({"language": _("Choose English or Hindi.")})
    with transaction.atomic():
        locked = Meeting.objects.for_user(user).select_for_update().filter(pk=meeting.pk).first()
        if locked is None:
            raise PermissionDenied
        existing = ReportJob.objects.active().filter(meeting=locked, language=language).first()
        if existing is not None:
            return existing, False
        job = ReportJob.objects.create(
            meeting=locked,
            language=language,
            trigger=ReportJob.Trigger.ON_DEMAND,
            requested_by=user,
        )
        audit_created(job, user=user)
        _send_on_commit(job.pk)
    _log_job("report requested", job, user)
    return job, True


def _log_job(message: str, job: ReportJob, user) -> None:
    logger.info(
        message,
        extra={
            "event": "report_job",
            "job_id": job.pk,
            "meeting_id": job.meeting_id,
            "language": job.language,
            "status": job.status,
            "attempt": job.attempts,
            "user": user,
        },
    )


def _send_on_commit(job_id: int) -> None:
    from reviews.tasks import render_status_report

    task_send_on_commit(render_status_report, args=[job_id])


def report_enqueue(*, job_id: int) -> bool:
    """Hand a job to a worker now; False (the job stays queued) when the broker is down."""
    from reviews.tasks import render_status_report

    return task_send(render_status_report, args=[job_id])


def report_render(*, job_id: int, task_id: str = "") -> ReportJob | None:
    """Produce the PDF of a job; does nothing unless the job is queued or its attempt died.

    A second delivery of the same message, or a second worker, finds nothing to do while an
    attempt is alive. The file is named after the job, so a rerun overwrites it.
    """
    now = timezone.now()
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not is_claimable(job, task_id=task_id, now=now):
            return None
        before = audit_snapshot(job)
        if job.status == ReportJob.Status.RUNNING and job.attempts >= settings.REPORT_MAX_ATTEMPTS:
            # The last attempt died: nothing more to try.
            with translation.override(job.language):
                message = worker_stopped_message()
                _fail(job, message, claim=_running(job.pk, job.attempts))
            attempt = None
        else:
            job.status = ReportJob.Status.RUNNING
            job.attempts += 1
            job.task_id, job.started_at, job.heartbeat_at = task_id, now, now
            job.finished_at, job.data_cutoff, job.error = None, now, ""
            job.save()
            attempt = job.attempts
    if attempt is not None:
        job = ReportJob.objects.select_related("meeting", "requested_by").get(pk=job_id)
        # Messages recorded on the job are in the report's language.
        with translation.override(job.language), heartbeat(job.pk, attempt):
            _render_claimed(job, attempt, now)
    job.refresh_from_db()
    # One audit row for the attempt (claim, then finish or fail), in the requester's name; a
    # transient failure raised above is recorded by the attempt that completes.
    audit_changed(job, before=before, user=job.requested_by)
    _log_job("report job finished", job, job.requested_by)
    return job


def _render_claimed(job: ReportJob, attempt: int, now) -> None:
    try:
        html = report_html(
            meeting=job.meeting, user=job.requested_by, language=job.language, cutoff=now
        )
        pdf, pages = pdf_render(html=html)
        _finish(job, attempt, pdf, pages)
    except RETRYABLE_ERRORS as error:
        if retry_or_fail(job, attempt, error):
            raise
    except ApplicationError as error:
        _fail(job, error.message, claim=_running(job.pk, attempt))
    except SoftTimeLimitExceeded:
        message = _("The report took too long to prepare and was stopped.")
        _fail(job, message, claim=_running(job.pk, attempt))
    except Exception:
        logger.exception("Report job %s failed", job.pk)
        message = _(
            "The report could not be prepared because of an error, which has been recorded."
        )
        _fail(job, message, claim=_running(job.pk, attempt))


def _finish(job: ReportJob, attempt: int, pdf: bytes, pages: int) -> None:
    storage = job.file.storage
    name = report_path(job, "")
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(pdf))
    with transaction.atomic():
        # Versions count the finished reports of a meeting in a language; the meeting's
        # row lock keeps two finishing at once from taking the same number.
        Meeting.objects.select_for_update().get(pk=job.meeting_id)
        latest = ReportJob.objects.filter(
            meeting_id=job.meeting_id, language=job.language
        ).aggregate(latest=Max("version"))["latest"]
        _running(job.pk, attempt).update(
            status=ReportJob.Status.SUCCEEDED,
            file=saved,
            pages=pages,
            version=(latest or 0) + 1,
            error="",
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )


def report_approve(*, job: ReportJob, user) -> ReportJob:
    """Approve a finished report: the Principal Secretary and the attendees may now read it,
    and each attendee is e-mailed a link in their own language (sent after commit, from the
    outbox)."""
    require_permission(user, "reviews.approve_reportjob")
    with transaction.atomic():
        locked = ReportJob.objects.for_user(user).select_for_update().filter(pk=job.pk).first()
        if locked is None:
            raise PermissionDenied
        if locked.status != ReportJob.Status.SUCCEEDED:
            raise ApplicationError(
                _("Only a finished report can be approved; this one is “%(status)s”.")
                % {"status": locked.get_status_display()},
                code="not_finished",
                status=409,
            )
        if locked.approved_at is not None:
            raise ApplicationError(
                _("This report is approved already."), code="already_approved", status=409
            )
        before = audit_snapshot(locked)
        locked.approved_by = user
        locked.approved_at = timezone.now()
        locked.save(update_fields=["approved_by", "approved_at", "updated_at"])
        audit_changed(locked, before=before, user=user)
        _approval_emails(job=locked)
    _log_job("report approved", locked, user)
    return locked


def _approval_emails(*, job: ReportJob) -> None:
    meeting = Meeting.objects.prefetch_related("attendees").get(pk=job.meeting_id)
    link = settings.REPORT_LINK_BASE_URL.rstrip("/") + reverse(
        "reviews:report_status", args=[job.pk]
    )
    for attendee in meeting.report_recipients():
        with translation.override(attendee.language or settings.LANGUAGE_CODE):
            context = {"attendee": attendee, "meeting": meeting, "job": job, "link": link}
            subject = render_to_string("emails/report_approved_subject.txt", context)
            body = render_to_string("emails/report_approved.txt", context)
        email_send_later(subject=subject, body=body, recipients=[attendee.email])


def reports_schedule(*, now=None) -> int:
    """Queue the automatic reports of meetings due within REPORT_DAYS_BEFORE_MEETING days,
    once per meeting and language, in the convener's name; returns how many were queued."""
    now = now or timezone.now()
    last_day = timezone.localdate(now) + timedelta(days=settings.REPORT_DAYS_BEFORE_MEETING)
    meetings = Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED, held_at__gte=now, held_at__date__lte=last_day
    ).select_related("convener")
    queued = 0
    for meeting in meetings:
        for language in settings.REPORT_AUTO_LANGUAGES:
            queued += _schedule_one(meeting=meeting, language=language)
    return queued


def _schedule_one(*, meeting: Meeting, language: str) -> int:
    jobs = ReportJob.objects.filter(meeting=meeting, language=language)
    if jobs.filter(trigger=ReportJob.Trigger.SCHEDULED).exists() or jobs.active().exists():
        # Done already, or an officer's request is being prepared: the next run looks again.
        return 0
    try:
        with transaction.atomic():
            job = ReportJob.objects.create(
                meeting=meeting,
                language=language,
                trigger=ReportJob.Trigger.SCHEDULED,
                requested_by=meeting.convener,
            )
            audit_created(job, user=meeting.convener)
            _send_on_commit(job.pk)
    except IntegrityError:
        return 0  # another run claimed it between the check and the insert
    return 1


def report_jobs_sweep(*, now=None) -> dict:
    """Rescue jobs nobody is working on (Celery beat, every REPORT_SWEEP_SECONDS).

    A running job whose heartbeat is older than REPORT_HEARTBEAT_TIMEOUT_SECONDS lost its
    worker (killed, out of memory, evicted): it is queued again and sent, or failed once it
    has had REPORT_MAX_ATTEMPTS. A job queued for more than REPORT_QUEUED_RESEND_SECONDS was
    never delivered (the broker was down): it is sent again; a duplicate delivery is harmless
    because the task claims the row.
    """
    now = now or timezone.now()
    dead = dead_before(now)
    counts = {"requeued": 0, "failed": 0, "resent": 0}
    lost = ReportJob.objects.filter(status=ReportJob.Status.RUNNING).filter(
        Q(heartbeat_at__lt=dead) | Q(heartbeat_at__isnull=True, started_at__lt=dead)
    )
    for job in lost.only("pk", "attempts", "language", "requested_by", "meeting"):
        outcome = _take_back(job, now=now)
        if outcome:
            counts[outcome] += 1
    waiting = now - timedelta(seconds=settings.REPORT_QUEUED_RESEND_SECONDS)
    queued = ReportJob.objects.filter(status=ReportJob.Status.QUEUED, updated_at__lt=waiting)
    for job_id in queued.values_list("pk", flat=True):
        ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.QUEUED).update(updated_at=now)
        counts["resent"] += report_enqueue(job_id=job_id)
    return counts


def _take_back(job: ReportJob, *, now) -> str | None:
    """Queue again (or fail, at the last attempt) a job whose attempt stopped beating."""
    dead = dead_before(now)
    # Fenced by the attempt and its old heartbeat: a beat since the query keeps the job.
    claim = _running(job.pk, job.attempts).filter(
        Q(heartbeat_at__lt=dead) | Q(heartbeat_at__isnull=True)
    )
    with translation.override(job.language):
        if job.attempts >= settings.REPORT_MAX_ATTEMPTS:
            if not _fail(job, worker_stopped_message(), claim=claim):
                return None
            _audit_swept(job, ReportJob.Status.FAILED)
            return "failed"
        note = _("Attempt %(attempt)s stopped because its worker stopped; it is tried again.") % {
            "attempt": job.attempts
        }
        if not claim.update(status=ReportJob.Status.QUEUED, error=str(note), updated_at=now):
            return None
    _audit_swept(job, ReportJob.Status.QUEUED)
    report_enqueue(job_id=job.pk)
    return "requeued"


def _audit_swept(job: ReportJob, status: str) -> None:
    """The sweeper acts for nobody: its rows name no user (the source says "task")."""
    changes = {"status": [ReportJob.Status.RUNNING.value, status]}
    audit_record(user=None, action="update", obj=job, changes=changes)
