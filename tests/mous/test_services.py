"""The stage machine, notes, history, validity dates and progress, through the services."""

import itertools
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from mous.models import (
    CLOSED_STAGES,
    TRANSITIONS,
    Deliverable,
    MoU,
    MoUStageChange,
    ProgressEntry,
    Stage,
)
from mous.services import mou_note_add, mou_stage_move, mou_update, progress_entry_add
from tests.mous import builders

ALLOWED = sorted((a, b) for a, targets in TRANSITIONS.items() for b in targets)
REFUSED = sorted(
    (a, b)
    for a, b in itertools.product(Stage.values, repeat=2)
    if a != b and b not in TRANSITIONS[a]
)


def _move(mou, to_stage, user, **extra):
    extra.setdefault("note_en", "Discussed with the partner on the phone.")
    return mou_stage_move(mou=mou, to_stage=to_stage, user=user, **extra)


@pytest.mark.parametrize(("from_stage", "to_stage"), ALLOWED)
def test_it_moves_along_each_allowed_transition_and_appends_history(
    from_stage, to_stage, cell_officer
):
    mou = builders.mou(officer=cell_officer, stage=from_stage)
    moved = _move(mou, to_stage, cell_officer, next_step_en="Send the draft", reason="Not viable")
    assert moved.stage == to_stage
    last = MoUStageChange.objects.filter(mou=mou).order_by("-pk").first()
    assert (last.from_stage, last.to_stage, last.changed_by) == (from_stage, to_stage, cell_officer)
    assert last.next_step == moved.next_step == "Send the draft"
    assert moved.stage_changed_at == moved.last_update_at == last.changed_at


@pytest.mark.parametrize(("from_stage", "to_stage"), REFUSED)
def test_it_refuses_each_transition_not_in_the_table(from_stage, to_stage, cell_officer):
    mou = builders.mou(officer=cell_officer, stage=from_stage)
    with pytest.raises(ValidationError) as error:
        _move(mou, to_stage, cell_officer, reason="because")
    assert "to_stage" in error.value.message_dict
    mou.refresh_from_db()
    assert mou.stage == from_stage
    assert mou.stage_changes.count() == (2 if from_stage in CLOSED_STAGES else 1)


def test_signed_to_in_talks_is_refused_with_a_clear_message(cell_officer):
    mou = builders.mou(officer=cell_officer, stage=Stage.SIGNED)
    with pytest.raises(ValidationError) as error:
        _move(mou, Stage.IN_TALKS, cell_officer)
    assert error.value.message_dict["to_stage"] == [
        "An MoU cannot move from “Signed” to “In talks”."
    ]


def test_a_stage_change_without_a_note_is_refused(cell_officer, mou):
    with pytest.raises(ValidationError) as error:
        _move(mou, Stage.IN_TALKS, cell_officer, note_en="   ")
    assert error.value.message_dict["note_en"] == ["Write a note on what happened."]
    mou.refresh_from_db()
    assert mou.stage == Stage.IDENTIFIED and mou.stage_changes.count() == 1


@pytest.mark.parametrize("to_stage", [Stage.DROPPED])
def test_dropping_needs_a_reason(cell_officer, mou, to_stage):
    with pytest.raises(ValidationError) as error:
        _move(mou, to_stage, cell_officer)
    assert "reason" in error.value.message_dict
    moved = _move(mou, to_stage, cell_officer, reason="The partner withdrew.")
    assert moved.stage_changes.order_by("-pk").first().reason == "The partner withdrew."


def test_terminating_needs_a_reason(cell_officer):
    mou = builders.mou(officer=cell_officer, stage=Stage.IN_IMPLEMENTATION)
    with pytest.raises(ValidationError):
        _move(mou, Stage.TERMINATED, cell_officer)
    assert _move(mou, Stage.TERMINATED, cell_officer, reason="Breach of terms").is_closed


def test_moving_to_the_same_stage_is_refused(cell_officer, mou):
    with pytest.raises(ValidationError) as error:
        _move(mou, Stage.IDENTIFIED, cell_officer)
    assert error.value.message_dict["to_stage"] == ["The MoU is already at this stage."]


@pytest.mark.parametrize("persona", ["principal_secretary", "lucknow_staff"])
def test_readers_and_district_staff_cannot_move_or_note(persona, request, mou):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        _move(mou, Stage.IN_TALKS, user)
    with pytest.raises(PermissionDenied):
        mou_note_add(mou=mou, note_en="x", user=user)
    mou.refresh_from_db()
    assert mou.stage == Stage.IDENTIFIED and mou.stage_changes.count() == 1


def test_a_note_keeps_the_stage_and_counts_as_an_update(cell_officer, mou):
    MoU.objects.filter(pk=mou.pk).update(last_update_at=timezone.now() - timedelta(days=40))
    before = MoU.objects.get(pk=mou.pk)
    noted = mou_note_add(
        mou=mou,
        note_en="Partner asked for a revised draft.",
        user=cell_officer,
        next_step_en="Revise clause 4",
    )
    assert noted.stage == Stage.IDENTIFIED
    assert noted.stage_changed_at == before.stage_changed_at
    assert noted.last_update_at > before.last_update_at
    assert noted.next_step == "Revise clause 4"
    row = noted.stage_changes.order_by("-pk").first()
    assert row.is_note and row.note == "Partner asked for a revised draft."


def test_history_rows_cannot_be_saved_again_updated_or_deleted(mou):
    row = mou.stage_changes.get()
    row.note_en = "rewritten"
    with pytest.raises(TypeError):
        row.save()
    with pytest.raises(TypeError):
        MoUStageChange.objects.filter(pk=row.pk).update(note_en="rewritten")
    with pytest.raises(TypeError):
        row.delete()
    with pytest.raises(TypeError):
        MoUStageChange.objects.filter(pk=row.pk).delete()
    assert MoUStageChange.objects.get(pk=row.pk).note == "Proposed by the ODOP cell."


def test_the_database_refuses_an_update_of_a_history_row(mou):
    row = mou.stage_changes.get()
    table = MoUStageChange._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET note = %s WHERE id = %s", ["rewritten", row.pk])  # noqa: S608
    assert MoUStageChange.objects.get(pk=row.pk).note == "Proposed by the ODOP cell."


def test_valid_until_before_valid_from_is_refused_at_the_field(cell_officer, mou):
    mou.valid_from = date(2027, 1, 26)
    mou.valid_until = date(2026, 1, 26)
    with pytest.raises(ValidationError) as error:
        mou_update(mou=mou, user=cell_officer)
    assert error.value.message_dict["valid_until"] == [
        "The end of validity cannot be before its start."
    ]
    assert MoU.objects.get(pk=mou.pk).valid_until is None


def test_progress_counts_as_an_update_and_adds_up_to_the_percent(cell_officer, mou_deliverable):
    MoU.objects.filter(pk=mou_deliverable.mou_id).update(
        last_update_at=timezone.now() - timedelta(days=90)
    )
    today = timezone.localdate()
    progress_entry_add(deliverable=mou_deliverable, on=today, value=120, user=cell_officer)
    progress_entry_add(deliverable=mou_deliverable, on=today, value=30, user=cell_officer)
    deliverable = Deliverable.objects.with_achieved().get(pk=mou_deliverable.pk)
    assert (deliverable.achieved, deliverable.percent_achieved) == (150, 30)
    mou = MoU.objects.with_status().get(pk=mou_deliverable.mou_id)
    assert mou.staleness == "fresh"


def test_progress_dated_in_the_future_is_refused(cell_officer, mou_deliverable):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        progress_entry_add(deliverable=mou_deliverable, on=tomorrow, value=5, user=cell_officer)
    assert error.value.message_dict["on"] == ["Progress cannot be dated in the future."]
    assert not ProgressEntry.objects.exists()


def test_negative_progress_is_refused(cell_officer, mou_deliverable):
    with pytest.raises(ValidationError) as error:
        progress_entry_add(
            deliverable=mou_deliverable, on=timezone.localdate(), value=-5, user=cell_officer
        )
    assert error.value.message_dict["value"] == ["Progress cannot be negative."]


def test_a_negative_target_is_refused_at_the_field(mou):
    deliverable = Deliverable(mou=mou, kind=Deliverable.Kind.ORDERS, target=-10)
    with pytest.raises(ValidationError) as error:
        deliverable.full_clean()
    assert error.value.message_dict["target"] == ["The target must be a number greater than zero."]
