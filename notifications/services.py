"""Write workflows for notices (create, mark read) and the e-mail outbox (queue, deliver,
sweep)."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.broker import task_send, task_send_on_commit
from notifications.models import Notice, OutgoingEmail

logger = logging.getLogger(__name__)

# Attempts before an e-mail is given up (about a day with the backoff below), and how long a
# worker may take to send one before the sweeper takes it back (it died while sending).
EMAIL_MAX_ATTEMPTS = 10
EMAIL_SENDING_TIMEOUT = timedelta(minutes=5)
# What a mail server or the network that does not answer raises.
MAIL_ERRORS = (smtplib.SMTPException, OSError)

UNREAD_CACHE_SECONDS = 300


def unread_cache_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def _forget_unread_count(user_id: int) -> None:
    transaction.on_commit(lambda: cache.delete(unread_cache_key(user_id)))


def notice_create(*, recipient, code: str, params: dict, link: str = "") -> Notice:
    """Leave a notice for ``recipient``; its text is rendered in their language when read."""
    notice = Notice(recipient=recipient, code=code, params=params, link=link)
    notice.full_clean()
    notice.save()
    _forget_unread_count(recipient.pk)
    return notice


def notice_send(*, recipient, code: str, params: dict, link: str = "") -> Notice:
    """A notice in the portal and, when the recipient has an address, the same text by e-mail
    in their language; the e-mail waits in the outbox and leaves after commit."""
    notice = notice_create(recipient=recipient, code=code, params=params, link=link)
    if recipient.email and recipient.is_active:
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            context = {
                "recipient": recipient,
                "notice": notice,
                "text": notice.text,
                "link": settings.REPORT_LINK_BASE_URL.rstrip("/") + link if link else "",
            }
            subject = render_to_string("emails/notice_subject.txt", context)
            body = render_to_string("emails/notice.txt", context)
        email_send_later(subject=subject, body=body, recipients=[recipient.email])
    return notice


def notice_mark_read(*, notice: Notice, user) -> Notice:
    """Mark one of the user's own notices read (the caller has scoped it to the user)."""
    if notice.recipient_id != user.pk:
        raise PermissionDenied
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
        _forget_unread_count(user.pk)
    return notice


def notices_mark_all_read(*, user) -> int:
    """Mark all the user's unread notices read; returns how many changed."""
    changed = Notice.objects.for_user(user).unread().update(read_at=timezone.now())
    if changed:
        _forget_unread_count(user.pk)
    return changed


def email_send_later(*, subject: str, body: str, recipients: list[str]) -> OutgoingEmail:
    """Put an e-mail in the outbox; a worker sends it once the transaction commits.

    Never fails because the broker or the mail server is away: the row waits for the
    sweeper.
    """
    from notifications.tasks import deliver_email

    email = OutgoingEmail.objects.create(
        subject=" ".join(subject.split())[:255], body=body, recipients=list(recipients)
    )
    task_send_on_commit(deliver_email, args=[email.pk])
    return email


def _backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 240))


def email_deliver(*, email_id: int) -> bool:
    """Send one e-mail of the outbox; True if this call sent it.

    The row is claimed by a conditional update (waiting and due → being sent), so a second
    delivery of the same task, or the sweeper at the same time, sends nothing. A mail server
    that fails puts the e-mail back with a later attempt, until EMAIL_MAX_ATTEMPTS.
    """
    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(
        pk=email_id, status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=now
    ).update(status=OutgoingEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return False
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        send_mail(email.subject, email.body, None, email.recipients)
    except MAIL_ERRORS as error:
        _email_failed(email, error)
        return False
    OutgoingEmail.objects.filter(pk=email.pk, status=OutgoingEmail.Status.SENDING).update(
        status=OutgoingEmail.Status.SENT, sent_at=timezone.now(), body="", last_error=""
    )
    return True


def _email_failed(email: OutgoingEmail, error) -> None:
    given_up = email.attempts >= EMAIL_MAX_ATTEMPTS
    OutgoingEmail.objects.filter(pk=email.pk, status=OutgoingEmail.Status.SENDING).update(
        status=OutgoingEmail.Status.FAILED if given_up else OutgoingEmail.Status.PENDING,
        next_attempt_at=timezone.now() + _backoff(email.attempts),
        last_error=str(error)[:1000],
    )
    log = logger.error if given_up else logger.warning
    log(
        "e-mail not sent",
        extra={
            "event": "email_failed" if given_up else "email_retry",
            "email_id": email.pk,
            "attempts": email.attempts,
            "error": str(error),
        },
    )


def outbox_sweep(*, now=None) -> dict:
    """Send again what waits in the outbox (Celery beat, every minute).

    E-mail whose worker died while sending is put back first; then every due e-mail is
    handed to a worker (the task claims it, so sending twice is harmless).
    """
    from notifications.tasks import deliver_email

    now = now or timezone.now()
    stale = Q(status=OutgoingEmail.Status.SENDING, claimed_at__lt=now - EMAIL_SENDING_TIMEOUT)
    released = OutgoingEmail.objects.filter(stale).update(status=OutgoingEmail.Status.PENDING)
    due = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    sent = sum(task_send(deliver_email, args=[pk]) for pk in due[:500])
    return {"released": released, "sent": sent}
