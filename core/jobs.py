"""Rows that stand for background work (a PDF, a ZIP): claimed by one worker, swept when lost.

A job model has ``status`` (``queued``, ``running``, …), ``attempts``, ``error`` and
``updated_at``. A worker claims a row with one conditional update, so a second delivery of the
same task finds nothing to do; a row running past the task's hard time limit lost its worker
and may be claimed again. The sweeper (Celery beat) sends again what is left queued (the
broker was down) or lost.
"""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

QUEUED, RUNNING = "queued", "running"


def job_claim(model, job_id: int, *, now=None) -> bool:
    """Mark the job running for this attempt; False when another attempt holds it or it is
    finished."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.REPORT_TIME_LIMIT)
    claimable = Q(status=QUEUED) | Q(status=RUNNING, updated_at__lt=stale)
    return bool(
        model.objects.filter(claimable, pk=job_id).update(
            status=RUNNING, attempts=F("attempts") + 1, updated_at=now, error=""
        )
    )


def jobs_resend(model, enqueue: Callable[[int], bool], *, now=None) -> int:
    """Send again the jobs left queued or lost; returns how many the broker took."""
    now = now or timezone.now()
    waiting = now - timedelta(seconds=settings.REPORT_QUEUED_RESEND_SECONDS)
    stale = now - timedelta(seconds=settings.REPORT_TIME_LIMIT)
    lost = model.objects.filter(
        Q(status=QUEUED, updated_at__lt=waiting) | Q(status=RUNNING, updated_at__lt=stale)
    )
    sent = 0
    for job_id in lost.values_list("pk", flat=True):
        # Waits its full interval again before the next resend.
        model.objects.filter(pk=job_id, status=QUEUED).update(updated_at=now)
        sent += enqueue(job_id)
    return sent
