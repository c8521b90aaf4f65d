"""The e-mail outbox: a row first, sent after commit, sent once, retried when the mail server
fails, taken back when its worker died, its body forgotten once sent."""

import datetime
import smtplib
from unittest import mock

from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications.models import OutgoingEmail
from notifications.services import (
    EMAIL_MAX_ATTEMPTS,
    email_deliver,
    email_send_later,
    outbox_sweep,
)
from notifications.tasks import deliver_email, sweep_outbox


def _queue(**fields) -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        subject="Subject", body="Body", recipients=["a@odop.example"], **fields
    )


def test_an_e_mail_is_written_first_and_sent_once_the_transaction_commits(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        email = email_send_later(subject="Report\n approved ", body="Link", recipients=["a@x.in"])
        assert mail.outbox == []
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and email.attempts == 1
    assert [(m.subject, m.to) for m in mail.outbox] == [("Report approved", ["a@x.in"])]


def test_nothing_is_sent_when_the_transaction_rolls_back(db, django_capture_on_commit_callbacks):
    try:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            email_send_later(subject="S", body="B", recipients=["a@x.in"])
            raise RuntimeError
    except RuntimeError:
        pass
    assert OutgoingEmail.objects.count() == 0 and mail.outbox == []


def test_delivering_twice_sends_once_and_forgets_the_body(db):
    email = _queue()
    assert deliver_email.delay(email.pk).get() is True
    assert deliver_email.delay(email.pk).get() is False
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.body == "" and email.sent_at is not None


def test_a_mail_server_that_fails_puts_the_e_mail_back_for_later(db):
    email = _queue()
    with mock.patch(
        "notifications.services.send_mail", side_effect=smtplib.SMTPServerDisconnected("gone")
    ):
        assert email_deliver(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.PENDING and email.attempts == 1
    assert email.next_attempt_at > timezone.now() and "gone" in email.last_error
    # Not due yet: the sweeper leaves it; once due, it goes.
    assert outbox_sweep()["sent"] == 0
    later = timezone.now() + datetime.timedelta(hours=1)
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert outbox_sweep(now=later)["sent"] == 1
    assert len(mail.outbox) == 1


def test_an_e_mail_is_given_up_after_the_last_attempt(db):
    email = _queue(attempts=EMAIL_MAX_ATTEMPTS - 1)
    with mock.patch("notifications.services.send_mail", side_effect=ConnectionRefusedError):
        email_deliver(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED and email.attempts == EMAIL_MAX_ATTEMPTS


def test_the_sweeper_takes_back_an_e_mail_whose_worker_died_while_sending(db):
    email = _queue(
        status=OutgoingEmail.Status.SENDING,
        attempts=1,
        claimed_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert sweep_outbox.delay().get() == {"released": 1, "sent": 1}
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and email.attempts == 2


def test_an_e_mail_being_sent_now_is_left_alone(db):
    _queue(status=OutgoingEmail.Status.SENDING, attempts=1, claimed_at=timezone.now())
    assert outbox_sweep() == {"released": 0, "sent": 0}
    assert mail.outbox == []
