"""Days in stage, staleness and "what changed since", computed in the database."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from mous.models import MoU, Stage
from mous.selectors import mou_list
from mous.services import mou_note_add, mou_stage_move
from tests.mous import builders


def _age(mou, *, stage_days: int, update_days: int) -> None:
    now = timezone.now()
    MoU.objects.filter(pk=mou.pk).update(
        stage_changed_at=now - timedelta(days=stage_days, hours=1),
        last_update_at=now - timedelta(days=update_days, hours=1),
    )


@override_settings(MOU_STALE_AMBER_DAYS=30, MOU_STALE_RED_DAYS=60)
@pytest.mark.parametrize(
    ("update_days", "expected"),
    [(0, "fresh"), (29, "fresh"), (30, "amber"), (59, "amber"), (60, "red"), (400, "red")],
)
def test_staleness_turns_amber_then_red_with_days_without_update(mou, update_days, expected):
    _age(mou, stage_days=update_days, update_days=update_days)
    annotated = MoU.objects.with_status().get(pk=mou.pk)
    assert annotated.staleness == expected
    assert annotated.days_since_update == update_days


@override_settings(MOU_STALE_AMBER_DAYS=5, MOU_STALE_RED_DAYS=10)
def test_the_thresholds_come_from_settings(mou):
    _age(mou, stage_days=6, update_days=6)
    assert MoU.objects.with_status().get(pk=mou.pk).staleness == "amber"


def test_days_in_stage_count_from_the_last_stage_change_not_the_last_note(mou, cell_officer):
    _age(mou, stage_days=45, update_days=45)
    mou_note_add(mou=mou, note_en="Called the partner.", user=cell_officer)
    annotated = MoU.objects.with_status().get(pk=mou.pk)
    assert annotated.days_in_stage == 45
    assert annotated.staleness == "fresh"


def test_a_closed_mou_is_never_stale(cell_officer):
    mou = builders.mou(officer=cell_officer, stage=Stage.DROPPED)
    _age(mou, stage_days=300, update_days=300)
    assert MoU.objects.with_status().get(pk=mou.pk).staleness == "fresh"


def test_the_list_shows_only_the_changes_since_the_given_date(mou, cell_officer):
    mou_stage_move(mou=mou, to_stage=Stage.IN_TALKS, note_en="First meeting.", user=cell_officer)
    today = timezone.localdate()
    row = mou_list(user=cell_officer, since=today).get(pk=mou.pk)
    assert [c.to_stage for c in row.changes_since] == [Stage.IDENTIFIED, Stage.IN_TALKS]
    row = mou_list(user=cell_officer, since=today + timedelta(days=1)).get(pk=mou.pk)
    assert row.changes_since == []


def test_district_staff_see_no_mou_even_through_the_selector(mou, lucknow_staff):
    assert list(mou_list(user=lucknow_staff)) == []
