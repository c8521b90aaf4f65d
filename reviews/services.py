"""Write workflows for review meetings: meetings, action points, compliance updates, and the
status report's job (request, render, approve, schedule, sweep).

Validation problems are raised as ``ValidationError`` keyed by field; refused workflow
steps as ``ApplicationError``; missing permissions as ``PermissionDenied``.
"""

import logging
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import KombuError

from accounts.services import email_send_later
from audit.services import audit_changed, audit_created, audit_record, audit_snapshot
from odop_portal.exceptions import ApplicationError
from reviews.models import ActionPoint, AgendaItem, ComplianceUpdate, Meeting, ReportJob
from reviews.pdf import pdf_render, report_html

logger = logging.getLogger(__name__)

# Failures worth another attempt: the database or the file system briefly unavailable, a
# lock that timed out. Anything else is a fault of the report itself and is not retried.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
# What sending to the broker raises when Redis is down or unreachable.
BROKER_ERRORS = (KombuError, OSError)


def _require(user, permission: str) -> None:
    if user is None or not user.is_active or not user.has_perm(permission):
        raise PermissionDenied


def meeting_save(*, meeting: Meeting, user) -> Meeting:
    """Create or change a meeting (its facts; attendees are set by the caller's form)."""
    _require(user, "reviews.add_meeting" if meeting.pk is None else "reviews.change_meeting")
    meeting.full_clean()
    with transaction.atomic():
        stored = Meeting.objects.filter(pk=meeting.pk).first() if meeting.pk else None
        meeting.save()
        if stored is None:
            audit_created(meeting, user=user)
        else:
            audit_changed(meeting, before=audit_snapshot(stored), user=user)
    return meeting


def agenda_item_save(*, item: AgendaItem, user) -> AgendaItem:
    _require(user, "reviews.change_meeting")
    item.full_clean()
    item.save()
    return item


def action_point_save(*, action_point: ActionPoint, user) -> ActionPoint:
    """Record a meeting's decision, or correct its text, owner, due date or link.

    The status changes only through compliance updates, so a new action point is open.
    """
    adding = action_point.pk is None
    _require(user, "reviews.add_actionpoint" if adding else "reviews.change_actionpoint")
    if adding:
        action_point.status = ActionPoint.Status.OPEN
    action_point.full_clean()
    with transaction.atomic():
        stored = None if adding else ActionPoint.objects.filter(pk=action_point.pk).first()
        action_point.save()
        if not ActionPoint.objects.for_user(user).filter(pk=action_point.pk).exists():
            raise PermissionDenied
        if stored is None:
            audit_created(action_point, user=user)
        else:
            audit_changed(action_point, before=audit_snapshot(stored), user=user)
    return action_point


def compliance_update_add(
    *, action_point: ActionPoint, on, status: str, text: str, reason: str = "", user
) -> ComplianceUpdate:
    """Report what was done on an action point and its status now.

    An action point past its due date and still unresolved needs a reason for the delay; a
    complied or dropped one takes no more updates; only the ODOP cell drops one.
    """
    _require(user, "reviews.add_complianceupdate")
    with transaction.atomic():
        # The lock orders two updates of the same point: the second sees the first's status.
        locked = (
            ActionPoint.objects.for_user(user)
            .select_for_update()
            .filter(pk=action_point.pk)
            .first()
        )
        if locked is None:
            raise PermissionDenied
        if locked.is_resolved:
            raise ValidationError(
                {
                    "status": _("This action point is closed (%(status)s); it takes no updates.")
                    % {"status": locked.get_status_display()}
                }
            )
        if status == ActionPoint.Status.DROPPED and not user.has_perm("reviews.change_actionpoint"):
            raise ValidationError({"status": _("Only the ODOP cell can drop an action point.")})
        update = ComplianceUpdate(
            action_point=locked,
            on=on,
            status=status,
            text=(text or "").strip(),
            reason=(reason or "").strip(),
            by=user,
        )
        update.full_clean()
        update.save()
        before = audit_snapshot(locked)
        locked.status = status
        if update.reason:
            locked.delay_reason = update.reason
        locked.resolved_on = on if status in ActionPoint.RESOLVED else None
        locked.save(update_fields=["status", "delay_reason", "resolved_on", "updated_at"])
        audit_changed(locked, before=before, user=user)
    return update


def report_request(*, meeting: Meeting, language: str, user) -> tuple[ReportJob, bool]:
    """Ask for a status report of a meeting; returns the job and whether it is new.

    A report of the same meeting and language already queued or running is reused, so a
    double click or two officers at once never start two.
    """
    _require(user, "reviews.add_reportjob")
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
        transaction.on_commit(lambda: report_enqueue(job_id=job.pk))
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
            "user": user,
        },
    )


def report_enqueue(*, job_id: int) -> bool:
    """Hand a job to the worker; when the broker is down, log it and leave the job queued.

    Called after commit. The send is not retried here: the page that asked must answer at
    once, and the sweeper sends every job left queued again.
    """
    from reviews.tasks import render_status_report

    try:
        render_status_report.apply_async(args=[job_id], retry=False)
    except BROKER_ERRORS as error:
        logger.warning("Report job %s stays queued: the broker is unavailable (%s)", job_id, error)
        return False
    return True


def _fail(job: ReportJob, message) -> None:
    with translation.override(job.language):
        text = str(message)
    ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.RUNNING).update(
        status=ReportJob.Status.FAILED,
        error=text,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def report_render(*, job_id: int) -> ReportJob | None:
    """Produce the PDF of a queued job; does nothing if the job is not queued.

    The job is claimed by a conditional update (queued → running), so a second delivery of
    the same message, or a second worker, finds nothing to do. The file is named after the
    job, so a rerun overwrites it. A transient failure puts the job back in the queue and is
    raised again for the task to retry, until REPORT_MAX_ATTEMPTS; any other failure marks
    the job failed with its message.
    """
    stored = ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.QUEUED).first()
    now = timezone.now()
    claimed = ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.QUEUED).update(
        status=ReportJob.Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        finished_at=None,
        data_cutoff=now,
        error="",
        updated_at=now,
    )
    if not claimed or stored is None:
        return None
    job = ReportJob.objects.select_related("meeting", "requested_by").get(pk=job_id)
    # Messages recorded on the job are in the report's language.
    with translation.override(job.language):
        _render_claimed(job, now)
    job.refresh_from_db()
    # One audit row for the whole run (claim, then finish or fail), in the requester's name;
    # a transient failure raised above is recorded by the attempt that completes.
    audit_changed(job, before=audit_snapshot(stored), user=job.requested_by)
    _log_job("report job finished", job, job.requested_by)
    return job


def _render_claimed(job: ReportJob, now) -> None:
    try:
        html = report_html(
            meeting=job.meeting, user=job.requested_by, language=job.language, cutoff=now
        )
        pdf, pages = pdf_render(html=html)
        _finish(job, pdf, pages)
    except ApplicationError as error:
        _fail(job, error.message)
    except SoftTimeLimitExceeded:
        _fail(job, _("The report took too long to prepare and was stopped."))
    except TRANSIENT_ERRORS:
        if job.attempts >= settings.REPORT_MAX_ATTEMPTS:
            _fail(job, _attempts_message())
        else:
            ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.RUNNING).update(
                status=ReportJob.Status.QUEUED, updated_at=timezone.now()
            )
            raise
    except Exception:
        logger.exception("Report job %s failed", job.pk)
        _fail(job, _("The report could not be prepared because of an error; the cell is informed."))


def _attempts_message():
    return _("The report could not be prepared after %(count)s attempts.") % {
        "count": settings.REPORT_MAX_ATTEMPTS
    }


def _finish(job: ReportJob, pdf: bytes, pages: int) -> None:
    storage = job.file.storage
    name = f"reports/status-report-{job.pk}.pdf"
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
        ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.RUNNING).update(
            status=ReportJob.Status.SUCCEEDED,
            file=saved,
            pages=pages,
            version=(latest or 0) + 1,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )


def report_approve(*, job: ReportJob, user) -> ReportJob:
    """Approve a finished report: the Principal Secretary and the attendees may now read it,
    and each attendee is e-mailed a link in their own language."""
    _require(user, "reviews.approve_reportjob")
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
    for attendee in meeting.attendees.all():
        if not attendee.email or not attendee.is_active:
            continue
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
            transaction.on_commit(lambda: report_enqueue(job_id=job.pk))
    except IntegrityError:
        return 0  # another run claimed it between the check and the insert
    return 1


def report_jobs_sweep(*, now=None) -> dict:
    """Rescue jobs nobody is working on.

    A job running past REPORT_STUCK_MINUTES lost its worker (killed, out of memory): it is
    queued again, or failed once it has had REPORT_MAX_ATTEMPTS. A job queued for more than
    REPORT_QUEUED_RESEND_MINUTES was never delivered (the broker was down): it is sent again;
    a duplicate delivery is harmless because the task claims the row.
    """
    now = now or timezone.now()
    stuck = now - timedelta(minutes=settings.REPORT_STUCK_MINUTES)
    waiting = now - timedelta(minutes=settings.REPORT_QUEUED_RESEND_MINUTES)
    counts = {"requeued": 0, "failed": 0, "resent": 0}
    running = ReportJob.objects.filter(status=ReportJob.Status.RUNNING, started_at__lt=stuck)
    for job in running.only("pk", "attempts", "started_at", "language"):
        claim = ReportJob.objects.filter(
            pk=job.pk, status=ReportJob.Status.RUNNING, started_at=job.started_at
        )
        if job.attempts >= settings.REPORT_MAX_ATTEMPTS:
            with translation.override(job.language):
                error = str(_attempts_message())
            failed = claim.update(
                status=ReportJob.Status.FAILED, error=error, finished_at=now, updated_at=now
            )
            counts["failed"] += failed
            if failed:
                _audit_swept(job, ReportJob.Status.FAILED, {"error": ["", error]})
        elif claim.update(status=ReportJob.Status.QUEUED, updated_at=now):
            counts["requeued"] += 1
            _audit_swept(job, ReportJob.Status.QUEUED, {})
            report_enqueue(job_id=job.pk)
    queued = ReportJob.objects.filter(status=ReportJob.Status.QUEUED, updated_at__lt=waiting)
    for job_id in queued.values_list("pk", flat=True):
        ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.QUEUED).update(updated_at=now)
        counts["resent"] += report_enqueue(job_id=job_id)
    return counts


def _audit_swept(job: ReportJob, status: str, extra: dict) -> None:
    """The sweeper acts for nobody: its rows name no user (the source says "task")."""
    changes = {"status": [ReportJob.Status.RUNNING.value, status], **extra}
    audit_record(user=None, action="update", obj=job, changes=changes)
