"""Background work for MoUs: the daily reminder run (Celery beat)."""

from celery import shared_task
from django.db import OperationalError

from mous.services import mou_reminders_send


@shared_task(autoretry_for=(OperationalError,), retry_backoff=60, max_retries=3)
def send_mou_reminders() -> int:
    """Send the expiry and staleness reminders that are due; safe to run twice.

    Retried only when the database is briefly unavailable or a lock times out; reminders
    already sent are found by their rows and not sent again.
    """
    return mou_reminders_send()
