"""An MoU past its validity moves to "expired" by itself: the daily run (Celery beat) finds
the MoUs in force whose valid-until date is before today (India's date), moves each through
the stage machine as the portal itself, and tells its nodal officer."""

import datetime
import threading
import time
from datetime import timedelta
from unittest import mock

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from core.audit.models import AuditEntry
from mous import services
from mous.models import EXPIRABLE_STAGES, MoU, MoUStageChange, Stage
from mous.services import mou_expire, mou_stage_move, mous_expire
from mous.tasks import expire_mous
from notifications.models import Notice
from tests.api.clients import api_client
from tests.mous import builders
from tests.worker import test_database_url, worker  # noqa: F401 (fixture)

made = iter(range(10_000))


def _mou(officer, *, stage=Stage.SIGNED, valid_until=None, days_ago=None, **extra):
    """An MoU at ``stage`` valid until ``valid_until`` (or ``days_ago`` days before today)."""
    extra.setdefault("partner_obj", builders.partner(name_en=f"Partner {next(made)}"))
    mou = builders.mou(officer=officer, stage=stage, **extra)
    if days_ago is not None:
        valid_until = timezone.localdate() - timedelta(days=days_ago)
    MoU.objects.filter(pk=mou.pk).update(valid_until=valid_until)
    return MoU.objects.get(pk=mou.pk)


def _run(captured):
    """The task as beat starts it, eagerly, with what waits for the commit run too."""
    with captured(execute=True):
        return expire_mous.delay().get()


@pytest.mark.parametrize("stage", Stage.values)
def test_a_past_mou_expires_exactly_when_its_stage_allows_it(
    stage, cell_officer, django_capture_on_commit_callbacks
):
    mou = _mou(cell_officer, stage=stage, days_ago=1)
    expected = stage in (Stage.SIGNED, Stage.IN_IMPLEMENTATION)
    assert (stage in EXPIRABLE_STAGES) == expected
    assert _run(django_capture_on_commit_callbacks) == (1 if expected else 0)
    mou.refresh_from_db()
    assert mou.stage == (Stage.EXPIRED if expected else stage)
    assert MoUStageChange.objects.filter(mou=mou, changed_by=None).count() == int(expected)


@pytest.mark.parametrize(
    ("valid_until", "why"),
    [
        (None, "no end of validity"),
        (0, "valid today"),
        (-1, "valid until tomorrow"),
        (-400, "valid for more than a year"),
    ],
)
def test_an_mou_still_valid_or_without_an_end_stays_as_it_is(
    valid_until, why, cell_officer, django_capture_on_commit_callbacks
):
    mou = _mou(cell_officer, days_ago=valid_until)
    assert _run(django_capture_on_commit_callbacks) == 0, why
    mou.refresh_from_db()
    assert mou.stage == Stage.SIGNED
    assert mou.stage_changes.count() == 1
    assert not Notice.objects.exists() and not mail.outbox


def test_the_expiry_is_recorded_in_the_history_by_the_portal_with_its_reason(
    cell_officer, django_capture_on_commit_callbacks
):
    mou = _mou(cell_officer, stage=Stage.IN_IMPLEMENTATION, valid_until=datetime.date(2026, 1, 5))
    MoU.objects.filter(pk=mou.pk).update(
        next_step_en="Review the results", next_step_hi="परिणामों की समीक्षा"
    )
    before = timezone.now()
    _run(django_capture_on_commit_callbacks)
    mou.refresh_from_db()
    row = mou.stage_changes.order_by("-pk").first()
    assert (row.from_stage, row.to_stage, row.changed_by) == (
        Stage.IN_IMPLEMENTATION,
        Stage.EXPIRED,
        None,
    )
    assert row.is_automatic and row.reason == "Validity ended on 5 Jan 2026."
    assert row.note == "The MoU's validity has ended; the portal marked it expired."
    assert mou.stage_changed_at == mou.last_update_at == row.changed_at >= before
    assert (mou.next_step_en, mou.next_step_hi) == ("", "")
    audit = AuditEntry.objects.filter(object_id=mou.pk, changes__has_key="stage").latest("pk")
    assert audit.user is None and audit.changes["stage"] == ["in_implementation", "expired"]


def test_the_nodal_officer_gets_a_notice_and_an_email(
    cell_officer, django_capture_on_commit_callbacks
):
    mou = _mou(cell_officer, valid_until=datetime.date(2026, 3, 31))
    _run(django_capture_on_commit_callbacks)
    notice = Notice.objects.get()
    assert (notice.recipient, notice.code, notice.link) == (
        cell_officer,
        Notice.Code.MOU_EXPIRED,
        mou.get_absolute_url(),
    )
    assert notice.text == (
        "The validity of the MoU “E-commerce sales of ODOP products” with "
        f"{mou.partner.name_en} ended on 31 Mar 2026: the portal has moved it to “Expired”."
    )
    with translation.override("hi"):
        assert "ई-कॉमर्स से ओडीओपी उत्पादों की बिक्री" in notice.text
    (email,) = mail.outbox
    assert email.to == [cell_officer.email]
    assert "31 Mar 2026" in email.body and mou.get_absolute_url() in email.body


def test_a_second_run_changes_nothing(cell_officer, django_capture_on_commit_callbacks):
    first = _mou(cell_officer, days_ago=1)
    second = _mou(cell_officer, stage=Stage.IN_IMPLEMENTATION, days_ago=30)
    assert _run(django_capture_on_commit_callbacks) == 2
    assert _run(django_capture_on_commit_callbacks) == 0
    for mou in (first, second):
        mou.refresh_from_db()
        assert mou.stage == Stage.EXPIRED
        assert mou.stage_changes.filter(to_stage=Stage.EXPIRED).count() == 1
    assert Notice.objects.count() == 2 and len(mail.outbox) == 2


def test_the_date_is_india_s_date_not_utc(cell_officer, django_capture_on_commit_callbacks):
    """At 00:05 IST on 6 Jan it is still 5 Jan in UTC: an MoU valid until 5 Jan expires."""
    ended = _mou(cell_officer, valid_until=datetime.date(2027, 1, 5))
    today = _mou(cell_officer, valid_until=datetime.date(2027, 1, 6))
    just_after_midnight = datetime.datetime(2027, 1, 5, 18, 35, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=just_after_midnight):
        assert _run(django_capture_on_commit_callbacks) == 1
    ended.refresh_from_db()
    today.refresh_from_db()
    assert (ended.stage, today.stage) == (Stage.EXPIRED, Stage.SIGNED)


def test_an_mou_moved_or_extended_meanwhile_is_left_alone(cell_officer):
    """Each MoU is locked and checked again before it is expired."""
    moved = _mou(cell_officer, days_ago=3)
    extended = _mou(cell_officer, days_ago=3)
    found = services.mou_past_validity_ids(today=timezone.localdate())
    assert sorted(found) == sorted([moved.pk, extended.pk])
    mou_stage_move(
        mou=moved, to_stage=Stage.TERMINATED, note_en="Ended.", reason="Breach.", user=cell_officer
    )
    MoU.objects.filter(pk=extended.pk).update(valid_until=timezone.localdate() + timedelta(days=90))
    with mock.patch.object(services, "mou_past_validity_ids", return_value=found):
        assert mous_expire() == 0
    assert MoU.objects.get(pk=moved.pk).stage == Stage.TERMINATED
    assert MoU.objects.get(pk=extended.pk).stage == Stage.SIGNED
    assert not MoUStageChange.objects.filter(changed_by=None).exists()
    assert not Notice.objects.exists()


def test_an_officer_s_move_after_the_expiry_is_refused_at_the_field(
    personas, cell_officer, django_capture_on_commit_callbacks
):
    mou = _mou(cell_officer, stage=Stage.IN_IMPLEMENTATION, days_ago=1)
    _run(django_capture_on_commit_callbacks)
    response = personas["cell_officer"].post(
        reverse("mous:stage_move", args=[mou.pk]), {"to_stage": "completed", "note_en": "Done."}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["to_stage"] == [
        "An MoU cannot move from “Expired” to “Completed”."
    ]
    mou.refresh_from_db()
    assert mou.stage == Stage.EXPIRED and mou.stage_changes.count() == 2


def test_only_the_expiry_records_a_change_without_an_officer(mou):
    row = MoUStageChange(
        mou=mou, from_stage=mou.stage, to_stage=Stage.IN_TALKS, changed_by=None, note_en="Met."
    )
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert error.value.message_dict["changed_by"] == ["Name the officer who made the change."]


def test_the_timeline_and_the_api_show_the_portal_as_the_author(
    personas, principal_secretary, cell_officer, django_capture_on_commit_callbacks
):
    mou = _mou(cell_officer, days_ago=2)
    _run(django_capture_on_commit_callbacks)
    page = personas["principal_secretary"].get(reverse("mous:detail", args=[mou.pk]))
    text = page.content.decode()
    assert "Signed → Expired" in text and "the portal, automatically" in text
    assert "Validity ended on" in text
    rows = api_client(principal_secretary).get(f"/api/v1/mou-stage-history/?mou={mou.pk}")
    last = rows.json()["results"][-1]
    assert (last["to_stage"], last["changed_by"], last["changed_by_name"]) == (
        "expired",
        None,
        None,
    )
    assert last["reason"].startswith("Validity ended on")


def test_a_missing_run_is_caught_up_the_next_day(cell_officer, django_capture_on_commit_callbacks):
    mou = _mou(cell_officer, days_ago=5)
    assert mou_expire(mou_id=mou.pk, today=mou.valid_until) is None
    assert mou_expire(mou_id=mou.pk, today=mou.valid_until + timedelta(days=2)) is not None
    assert MoU.objects.get(pk=mou.pk).stage == Stage.EXPIRED


def test_beat_runs_it_every_day_just_after_midnight_indian_time():
    entry = settings.CELERY_BEAT_SCHEDULE["mous-expire"]
    assert entry["task"] == "mous.tasks.expire_mous" == expire_mous.name
    assert entry["schedule"] == crontab(hour=0, minute=5)
    assert settings.CELERY_TIMEZONE == "Asia/Kolkata"


# --- With PostgreSQL: the race with an officer, and a real worker -----------------------------


@pytest.fixture
def holding_the_lock(monkeypatch):
    """Each side says when it holds the MoU's lock (it has written the history row), and
    keeps it a while: the other side, started then, has to wait for it."""
    holds = {"officer": threading.Event(), "portal": threading.Event()}
    append = services._append

    def appended_then_paused(**kwargs):
        change = append(**kwargs)
        holds["portal" if kwargs["user"] is None else "officer"].set()
        time.sleep(0.2)
        return change

    monkeypatch.setattr(services, "_append", appended_then_paused)
    return holds


def _race(officer, mou, holds, officer_first: bool):
    def move():
        client = Client()
        client.force_login(officer)
        try:
            if not officer_first:
                assert holds["portal"].wait(10)
            url = reverse("mous:stage_move", args=[mou.pk])
            return client.post(url, {"to_stage": "completed", "note_en": "Delivered."}).status_code
        finally:
            connection.close()

    def expire():
        try:
            if officer_first:
                assert holds["officer"].wait(10)
            return mous_expire()
        finally:
            connection.close()

    results = {}
    threads = [
        threading.Thread(target=lambda: results.update(move=move())),
        threading.Thread(target=lambda: results.update(expire=expire())),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for hold in holds.values():
        hold.clear()
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("officer_first", [True, False])
def test_a_concurrent_move_by_an_officer_and_the_expiry_one_wins_cleanly(
    officer_first, holding_the_lock, cell_officer
):
    for _round in range(3):
        mou = _mou(cell_officer, stage=Stage.IN_IMPLEMENTATION, days_ago=1)
        results = _race(cell_officer, mou, holding_the_lock, officer_first)
        mou.refresh_from_db()
        automatic = mou.stage_changes.filter(changed_by=None).count()
        if officer_first:
            # The run found the MoU before the officer's move was committed; once the lock
            # was free it checked again and left it.
            assert results == {"move": 302, "expire": 0}
            assert (mou.stage, automatic) == (Stage.COMPLETED, 0)
        else:
            # The officer's page finds the MoU expired and says so at the field.
            assert results == {"move": 200, "expire": 1}
            assert (mou.stage, automatic) == (Stage.EXPIRED, 1)
        assert mou.stage_changes.count() == 2


@pytest.fixture
def worker_environment():
    """The worker reads the MoUs this test commits."""
    return {"DATABASE_URL": test_database_url()}


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_expires_the_mou(worker, cell_officer):  # noqa: F811
    _mail_dir, process = worker
    mou = _mou(cell_officer, days_ago=1)
    expire_mous.delay()
    deadline = time.monotonic() + 60
    while MoU.objects.get(pk=mou.pk).stage != Stage.EXPIRED:
        assert time.monotonic() < deadline, "the worker did not expire the MoU within 60 s"
        assert process.poll() is None, process.stdout.read()
        time.sleep(0.2)
    assert mou.stage_changes.filter(changed_by=None, to_stage=Stage.EXPIRED).count() == 1
    assert Notice.objects.get().code == Notice.Code.MOU_EXPIRED
