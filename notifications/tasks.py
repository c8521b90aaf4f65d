"""Background work for notifications: the e-mail outbox."""

from celery import shared_task

from notifications.services import email_deliver, outbox_sweep


@shared_task
def deliver_email(email_id: int) -> bool:
    """Send one e-mail of the outbox (safe to run twice: the row is claimed)."""
    return email_deliver(email_id=email_id)


@shared_task
def sweep_outbox() -> dict:
    """Hand e-mail still waiting in the outbox to the workers (Celery beat, every minute)."""
    return outbox_sweep()
