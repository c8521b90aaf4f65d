"""Background work for MoUs: the daily reminder and expiry runs (Celery beat)."""

from celery import shared_task
from django.db import OperationalError

from mous.services import mou_reminders_send, mous_expire


@shared_task(autoretry_for=(OperationalError,), retry_backoff=60, max_retries=3)
def send_mou_reminders() -> int:
    """Send the expiry and staleness reminders that are due; safe to run twice.

    Retried only when the database is briefly unavailable or a lock times out; reminders
    already sent are found by their rows and not sent again.
    """
    return mou_reminders_send()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=60, max_retries=3)
def expire_mous() -> int:
    """Move the MoUs in force whose validity has ended to "expired"; returns how many.

    Safe to run twice, and retried only on a transient database error: an MoU already
    expired (or moved by an officer meanwhile) is no longer found, so nothing happens twice.
    """
    return mous_expire()
