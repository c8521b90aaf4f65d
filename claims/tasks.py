"""Background work for MDA claims: the sanction order's PDF and its sweeper."""

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from claims.services import sanction_order_render, sanction_orders_sweep
from core.exceptions import ApplicationError


@shared_task(
    autoretry_for=(OperationalError, OSError),
    throws=(ApplicationError,),
    retry_backoff=30,
    retry_backoff_max=300,
    max_retries=max(settings.REPORT_MAX_ATTEMPTS - 1, 0),
    soft_time_limit=settings.REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_TIME_LIMIT,
)
def render_sanction_order(order_id: int) -> int | None:
    """Lay out one sanction order's PDF; safe to run twice (the row is claimed first)."""
    order = sanction_order_render(order_id=order_id)
    return order.pk if order else None


@shared_task(autoretry_for=(OperationalError,), retry_backoff=60, max_retries=3)
def sweep_sanction_orders() -> int:
    """Send again the orders nobody is preparing (Celery beat)."""
    return sanction_orders_sweep()
