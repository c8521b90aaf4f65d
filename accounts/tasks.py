"""Background work for accounts."""

from celery import shared_task

from accounts.lockout import login_failures_purge


@shared_task
def purge_login_failures() -> int:
    """Forget failed sign-ins whose lockout window has ended (Celery beat, hourly)."""
    return login_failures_purge()
