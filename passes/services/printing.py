"""Letters and passes to print, prepared by a Celery worker: one allocation's as a PDF, or a
fair's (the requester's scope) as a ZIP of PDFs. The job is a row first; the worker claims it
with a conditional update, so a second delivery does nothing, and the file is named after the
row, so a rerun overwrites it. Beat sends again what is left queued or stuck."""

import io
import logging
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.broker import task_send, task_send_on_commit
from core.exceptions import ApplicationError
from core.jobs import job_claim, jobs_resend
from core.scoping import require_permission
from events.models import Fair
from passes.models import PrintJob, job_path
from stalls.models import Allocation

logger = logging.getLogger(__name__)


def _allocations(job: PrintJob):
    """The places the job prints, in the requester's scope, as the board orders them."""
    places = Allocation.objects.for_user(job.requested_by).active().filter(fair_id=job.fair_id)
    if job.allocation_id:
        places = places.filter(pk=job.allocation_id)
    return places.select_related(
        "fair", "space", "stall", "district", "product", "nomination__exhibitor"
    ).order_by("space", "stall__position", "pk")


def print_job_request(*, fair: Fair, user, allocation: Allocation | None = None) -> PrintJob:
    """Queue the letters and passes of one allocation, or of every place of the fair the user
    may see; refused when there is nothing to print."""
    require_permission(user, "passes.add_printjob")
    places = Allocation.objects.for_user(user).active().filter(fair=fair)
    if allocation is not None:
        places = places.filter(pk=allocation.pk)
    count = places.count()
    if not count:
        raise ApplicationError(
            _("%(fair)s has no allocated place to print a letter for.") % {"fair": fair.name},
            code="nothing_to_print",
        )
    with transaction.atomic():
        job = PrintJob.objects.create(
            fair=fair, allocation=allocation, requested_by=user, count=count
        )
        _send_on_commit(job.pk)
    return job


def _send_on_commit(job_id: int) -> None:
    from passes.tasks import render_print_job

    task_send_on_commit(render_print_job, args=[job_id])


def print_job_render(*, job_id: int) -> PrintJob | None:
    """Prepare one job's file; nothing to do unless it is queued or stuck past the limit."""
    from passes.pdf import letter_pdf

    if not job_claim(PrintJob, job_id):
        return None
    job = PrintJob.objects.select_related("fair", "requested_by").get(pk=job_id)
    try:
        places = list(_allocations(job))
        if not places:
            raise ApplicationError(
                _("The places to print are no longer allocated."), code="nothing_to_print"
            )
        pdfs = [(place, letter_pdf(allocation=place)) for place in places]
        content = pdfs[0][1] if job.allocation_id else _zipped(pdfs)
    except ApplicationError as error:
        return _failed(job, str(error.message))
    except Exception:
        logger.exception("Print job %s failed", job.pk)
        with translation.override(job.requested_by.language or settings.LANGUAGE_CODE):
            return _failed(job, _("The letters could not be prepared; the error is recorded."))
    storage = job.file.storage
    name = job_path(job, "")
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(content))
    PrintJob.objects.filter(pk=job_id, status=PrintJob.Status.RUNNING).update(
        status=PrintJob.Status.SUCCEEDED,
        file=saved,
        count=len(pdfs),
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def _zipped(pdfs) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for place, pdf in pdfs:
            number = place.stall.number if place.stall_id else f"{place.area}m2"
            archive.writestr(f"letter-{place.pk}-{number}.pdf".replace("/", "-"), pdf)
    return buffer.getvalue()


def _failed(job: PrintJob, message: str) -> PrintJob:
    PrintJob.objects.filter(pk=job.pk).update(
        status=PrintJob.Status.FAILED, error=message, updated_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def print_job_enqueue(*, job_id: int) -> bool:
    from passes.tasks import render_print_job

    return task_send(render_print_job, args=[job_id])


def print_jobs_sweep(*, now=None) -> int:
    """Send again jobs left queued (the broker was down) or running past the time limit."""
    return jobs_resend(PrintJob, lambda pk: print_job_enqueue(job_id=pk), now=now)
