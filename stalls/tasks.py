"""Background work for stalls: the sweep of lapsed offers (Celery beat)."""

from celery import shared_task
from django.db import OperationalError

from stalls.services import offers_lapse


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=3)
def lapse_offers() -> int:
    """Lapse the offers whose time is up and offer their places on; safe to run twice."""
    return offers_lapse()
