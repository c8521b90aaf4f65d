"""Background work for accounts: e-mail is sent by a worker, never inside a request."""

import smtplib

from celery import shared_task
from django.core.mail import send_mail


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def send_email(subject: str, body: str, recipients: list[str]) -> int:
    """Send one plain-text e-mail; retried with backoff when the mail server fails."""
    return send_mail(subject, body, None, recipients)
