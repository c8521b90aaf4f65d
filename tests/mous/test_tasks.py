"""Reminders: 30, 7 and 1 day before expiry and when stale; each sent once, whatever happens."""

from datetime import timedelta
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.db import OperationalError
from django.utils import timezone, translation

from accounts.services import user_set_language
from mous import services
from mous.models import MoU, MoUReminder, Stage
from mous.tasks import send_mou_reminders
from notifications.models import Notice
from tests.mous import builders


def _signed(officer, *, days_left: int, **extra):
    mou = builders.mou(officer=officer, stage=Stage.SIGNED, **extra)
    MoU.objects.filter(pk=mou.pk).update(
        valid_from=timezone.localdate() - timedelta(days=300),
        valid_until=timezone.localdate() + timedelta(days=days_left),
    )
    return mou


def _run(captured):
    with captured(execute=True):
        return send_mou_reminders.delay().get()


@pytest.mark.parametrize(
    ("days_left", "kind"),
    [(30, "expiry_30"), (8, "expiry_30"), (7, "expiry_7"), (2, "expiry_7"), (1, "expiry_1")],
)
def test_an_mou_in_force_gets_the_reminder_of_its_window(
    days_left, kind, cell_officer, django_capture_on_commit_callbacks
):
    mou = _signed(cell_officer, days_left=days_left)
    assert _run(django_capture_on_commit_callbacks) == 1
    reminder = MoUReminder.objects.get()
    assert (reminder.mou, reminder.kind, reminder.recipient) == (mou, kind, cell_officer)
    assert reminder.concerns_on == mou.__class__.objects.get(pk=mou.pk).valid_until
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [cell_officer.email]
    assert "E-commerce sales of ODOP products" in mail.outbox[0].body
    assert Notice.objects.get(recipient=cell_officer).link == mou.get_absolute_url()


@pytest.mark.parametrize("days_left", [0, 31, -3])
def test_no_expiry_reminder_outside_the_window(
    days_left, cell_officer, django_capture_on_commit_callbacks
):
    _signed(cell_officer, days_left=days_left)
    assert _run(django_capture_on_commit_callbacks) == 0
    assert not mail.outbox


def test_an_mou_not_in_force_gets_no_expiry_reminder(mou, django_capture_on_commit_callbacks):
    MoU.objects.filter(pk=mou.pk).update(valid_until=timezone.localdate() + timedelta(days=5))
    assert _run(django_capture_on_commit_callbacks) == 0


def test_each_reminder_goes_once_over_the_days_of_a_countdown(
    cell_officer, django_capture_on_commit_callbacks
):
    mou = _signed(cell_officer, days_left=30)
    until = MoU.objects.get(pk=mou.pk).valid_until
    for days_left in [30, 29, 10, 7, 6, 1]:
        now = timezone.now() + timedelta(days=30 - days_left)
        with django_capture_on_commit_callbacks(execute=True):
            services.mou_reminders_send(now=now)
        # The same day twice: nothing more.
        with django_capture_on_commit_callbacks(execute=True):
            services.mou_reminders_send(now=now)
    kinds = sorted(MoUReminder.objects.filter(concerns_on=until).values_list("kind", flat=True))
    assert kinds == ["expiry_1", "expiry_30", "expiry_7"]
    assert len(mail.outbox) == 3
    assert Notice.objects.filter(recipient=cell_officer).count() == 3


def test_a_second_run_sends_nothing(cell_officer, django_capture_on_commit_callbacks):
    _signed(cell_officer, days_left=7)
    assert _run(django_capture_on_commit_callbacks) == 1
    assert _run(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1
    assert Notice.objects.count() == 1


def test_a_retry_after_a_transient_failure_sends_each_reminder_once(
    cell_officer, django_capture_on_commit_callbacks
):
    first = _signed(cell_officer, days_left=7)
    second = _signed(cell_officer, days_left=20, partner_obj=builders.partner(name_en="eBay.com"))
    real = services.notice_create
    calls = {"n": 0}

    def flaky(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OperationalError("database is locked")
        return real(**kwargs)

    with mock.patch.object(services, "notice_create", side_effect=flaky), pytest.raises(Retry):
        # The second reminder fails on a locked database: the task asks to be retried.
        _run(django_capture_on_commit_callbacks)
    assert MoUReminder.objects.count() == 1
    # The retry (what the worker runs next) finds the first reminder's row: only the second
    # one goes out.
    assert _run(django_capture_on_commit_callbacks) == 1
    assert sorted(MoUReminder.objects.values_list("mou_id", flat=True)) == sorted(
        [first.pk, second.pk]
    )
    assert Notice.objects.count() == 2
    assert len(mail.outbox) == 2


def test_the_email_leaves_only_after_commit(cell_officer, django_capture_on_commit_callbacks):
    _signed(cell_officer, days_left=7)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.mou_reminders_send()
    assert not mail.outbox
    assert len(callbacks) >= 1


@pytest.mark.parametrize(("days", "kind"), [(31, "stale_amber"), (61, "stale_red")])
def test_a_stale_mou_gets_one_reminder_per_level(
    days, kind, mou, cell_officer, django_capture_on_commit_callbacks
):
    MoU.objects.filter(pk=mou.pk).update(last_update_at=timezone.now() - timedelta(days=days))
    assert _run(django_capture_on_commit_callbacks) == 1
    assert _run(django_capture_on_commit_callbacks) == 0
    assert list(MoUReminder.objects.values_list("kind", flat=True)) == [kind]
    assert len(mail.outbox) == 1


def test_a_new_stale_stretch_after_an_update_reminds_again(
    mou, cell_officer, django_capture_on_commit_callbacks
):
    MoU.objects.filter(pk=mou.pk).update(last_update_at=timezone.now() - timedelta(days=31))
    _run(django_capture_on_commit_callbacks)
    MoU.objects.filter(pk=mou.pk).update(last_update_at=timezone.now() - timedelta(days=32 - 20))
    assert _run(django_capture_on_commit_callbacks) == 0
    MoU.objects.filter(pk=mou.pk).update(last_update_at=timezone.now() - timedelta(days=35 - 1))
    assert _run(django_capture_on_commit_callbacks) == 1
    assert MoUReminder.objects.count() == 2


def test_the_reminder_reaches_the_officer_in_their_language(
    mou, cell_officer, django_capture_on_commit_callbacks
):
    user_set_language(user=cell_officer, language="hi")
    MoU.objects.filter(pk=mou.pk).update(last_update_at=timezone.now() - timedelta(days=31))
    _run(django_capture_on_commit_callbacks)
    assert "ई-कॉमर्स से ओडीओपी उत्पादों की बिक्री" in mail.outbox[0].body
    assert "अद्यतन" in mail.outbox[0].body
    notice = Notice.objects.get()
    with translation.override("en"):
        assert "has had no update since" in notice.text
    with translation.override("hi"):
        assert "फ्लिपकार्ट.कॉम" in notice.text
