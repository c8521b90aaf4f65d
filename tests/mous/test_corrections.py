"""A progress entry is corrected with a reason: a new entry supersedes it, the earlier value
stays in the history, and every total counts the corrected value only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import RestrictedError
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone

from mous.models import Deliverable, MoU, ProgressEntry, Stage
from mous.selectors import mou_get, progress_entry_get
from mous.services import mou_stage_move, progress_entry_add, progress_entry_correct
from reviews.selectors import mou_status_list
from tests.api.clients import api_client, assert_error
from tests.queries import assert_constant_queries, assert_num_queries

REASON = "The partner report counted returns as orders."


def _correct(entry, officer, value=150, note="", reason=REASON):
    return progress_entry_correct(entry=entry, value=value, note=note, reason=reason, user=officer)


def _url(entry) -> str:
    return reverse("mous:progress_correct", args=[entry.pk])


def _achieved(deliverable) -> int:
    return Deliverable.objects.with_achieved().get(pk=deliverable.pk).achieved


def _unchanged(deliverable, entries: int, last_update_at) -> None:
    assert ProgressEntry.objects.filter(deliverable=deliverable).count() == entries
    assert MoU.objects.get(pk=deliverable.mou_id).last_update_at == last_update_at


# --- The service ------------------------------------------------------------------------------


def test_a_correction_supersedes_the_entry_and_keeps_it(cell_officer, mou_progress_entry):
    entry = mou_progress_entry
    deliverable = entry.deliverable
    progress_entry_add(deliverable=deliverable, on=entry.on, value=30, user=cell_officer)
    before = MoU.objects.get(pk=deliverable.mou_id).last_update_at
    correction = _correct(entry, cell_officer, value=150, note="From the audited report")
    assert (correction.corrects, correction.on, correction.value) == (entry, entry.on, 150)
    assert (correction.reason, correction.recorded_by) == (REASON, cell_officer)
    entry.refresh_from_db()
    assert (entry.value, entry.note, entry.corrected_by) == (120, "", correction)
    assert _achieved(deliverable) == 150 + 30
    assert sorted(ProgressEntry.objects.current().values_list("value", flat=True)) == [30, 150]
    assert ProgressEntry.objects.filter(deliverable=deliverable).count() == 3
    assert MoU.objects.get(pk=deliverable.mou_id).last_update_at > before


def test_a_correction_is_corrected_in_its_turn_and_the_history_keeps_every_value(
    cell_officer, mou_progress_entry
):
    first = _correct(mou_progress_entry, cell_officer, value=150)
    second = _correct(first, cell_officer, value=140, reason="Two orders were cancelled.")
    assert _achieved(mou_progress_entry.deliverable) == 140
    mou = mou_get(user=cell_officer, pk=mou_progress_entry.deliverable.mou_id)
    (current,) = mou.deliverables.all()[0].current_entries
    assert current == second
    assert [(e.value, s.value, s.reason) for e, s in current.corrections] == [
        (120, 150, REASON),
        (150, 140, "Two orders were cancelled."),
    ]


def test_the_note_alone_can_be_corrected(cell_officer, mou_progress_entry):
    correction = _correct(mou_progress_entry, cell_officer, value=120, note="Marketplace report")
    assert (correction.value, correction.note) == (120, "Marketplace report")
    assert _achieved(mou_progress_entry.deliverable) == 120


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reason": ""}, "reason", "Give the reason for the correction."),
        ({"reason": "   "}, "reason", "Give the reason for the correction."),
        ({"value": -5}, "value", "Progress cannot be negative."),
        (
            {"value": 10**12 + 1},
            "value",
            "Ensure this value is less than or equal to 1000000000000.",
        ),
        (
            {"value": 120, "note": ""},
            "value",
            "This is the value and note already recorded: nothing to correct.",
        ),
    ],
)
def test_a_bad_correction_is_refused_at_its_field_and_changes_nothing(
    cell_officer, mou_progress_entry, changes, field, message
):
    deliverable = mou_progress_entry.deliverable
    before = MoU.objects.get(pk=deliverable.mou_id).last_update_at
    with pytest.raises(ValidationError) as error:
        _correct(mou_progress_entry, cell_officer, **changes)
    assert error.value.message_dict[field] == [message]
    _unchanged(deliverable, 1, before)
    assert _achieved(deliverable) == 120


def test_a_superseded_entry_cannot_be_corrected_again(cell_officer, mou_progress_entry):
    """Decided: only the latest value of an entry is corrected, so the history stays one line
    (120 → 150 → 140), never a fork; the page links to the latest value instead."""
    correction = _correct(mou_progress_entry, cell_officer, value=150)
    before = MoU.objects.get(pk=correction.deliverable.mou_id).last_update_at
    with pytest.raises(ValidationError) as error:
        _correct(mou_progress_entry, cell_officer, value=160)
    assert error.value.message_dict["value"] == [
        "This entry has been corrected already: correct its latest value."
    ]
    assert error.value.code == "already_corrected" and error.value.status == 409
    _unchanged(correction.deliverable, 2, before)
    assert _achieved(correction.deliverable) == 150


def test_an_entry_of_a_closed_mou_is_corrected_as_progress_is_still_recorded_there(
    cell_officer, mou_progress_entry
):
    """Progress may be recorded on an MoU that is completed or expired (results come in
    late), so its mistakes may be put right there too."""
    mou = mou_progress_entry.deliverable.mou
    mou_stage_move(
        mou=mou, to_stage=Stage.DROPPED, note_en="Ended.", reason="No reply.", user=cell_officer
    )
    assert _correct(mou_progress_entry, cell_officer, value=90).value == 90
    assert _achieved(mou_progress_entry.deliverable) == 90


@pytest.mark.parametrize("persona", ["principal_secretary", "lucknow_staff", "varanasi_staff"])
def test_only_an_officer_may_correct(request, persona, mou_progress_entry):
    with pytest.raises(PermissionDenied):
        _correct(mou_progress_entry, request.getfixturevalue(persona))
    assert ProgressEntry.objects.count() == 1


def test_the_database_keeps_entries_as_they_were_written(cell_officer, mou_progress_entry):
    table = ProgressEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET value = %s WHERE id = %s", [1, mou_progress_entry.pk])  # noqa: S608
    assert ProgressEntry.objects.get(pk=mou_progress_entry.pk).value == 120


def test_the_database_refuses_a_second_correction_and_one_without_a_reason(
    cell_officer, mou_progress_entry
):
    entry = mou_progress_entry
    values = {"deliverable": entry.deliverable, "on": entry.on, "recorded_by": cell_officer}
    ProgressEntry.objects.create(**values, value=150, corrects=entry, reason=REASON)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressEntry.objects.create(**values, value=160, corrects=entry, reason=REASON)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressEntry.objects.create(**values, value=5, corrects=None, reason=REASON)
    latest = ProgressEntry.objects.get(corrects=entry)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressEntry.objects.create(**values, value=160, corrects=latest, reason="")
    assert ProgressEntry.objects.count() == 2


def test_a_corrected_entry_goes_only_with_its_deliverable(cell_officer, mou_progress_entry):
    _correct(mou_progress_entry, cell_officer)
    with pytest.raises(RestrictedError):
        mou_progress_entry.delete()
    mou_progress_entry.deliverable.delete()
    assert not ProgressEntry.objects.exists()


# --- The page ---------------------------------------------------------------------------------


def test_an_officer_corrects_an_entry_from_the_mou_page(personas, mou_progress_entry):
    client = personas["cell_officer"]
    mou = mou_progress_entry.deliverable.mou
    page = client.get(mou.get_absolute_url()).content.decode()
    assert _url(mou_progress_entry) in page
    form = client.get(_url(mou_progress_entry))
    assert form.status_code == 200
    assert form.context["form"].initial == {"value": 120, "note": ""}
    response = client.post(
        _url(mou_progress_entry), {"value": "150", "note": "Audited", "reason": REASON}
    )
    assert response.status_code == 302
    assert response["Location"] == mou.get_absolute_url() + "#progress-heading"
    page = client.get(response["Location"])
    text = page.content.decode()
    today = timezone.localdate().strftime("%-d %b %Y")
    assert f"The entry of {today} is corrected from 120 to 150." in text
    assert f"corrected from 120 to 150 by Officer on {today}: {REASON}" in text
    assert ProgressEntry.objects.get(corrects=mou_progress_entry).value == 150


def test_the_mou_page_and_the_selectors_show_the_corrected_value_only(
    personas, cell_officer, mou, lucknow
):
    deliverable = Deliverable.objects.create(mou=mou, kind="gmv", district=lucknow, target=3500000)
    entry = progress_entry_add(
        deliverable=deliverable, on=datetime.date(2026, 11, 2), value=1200000, user=cell_officer
    )
    _correct(entry, cell_officer, value=700000, note="Net of returns")
    page = personas["principal_secretary"].get(mou.get_absolute_url())
    (shown,) = page.context["mou"].deliverables.all()
    assert (shown.achieved, shown.percent_achieved) == (700000, 20)
    text = page.content.decode()
    assert "2 Nov 2026: ₹7,00,000 (Net of returns)" in text
    assert "corrected from ₹12,00,000 to ₹7,00,000 by Officer" in text
    assert "(earlier note: —)" in text
    # The Principal Secretary reads the history and gets no control to change it.
    assert _url(entry) not in text and "mous/progress/" not in text
    (row,) = [
        m
        for m in mou_status_list(user=cell_officer, since=datetime.date(2026, 1, 1))
        if m.pk == mou.pk
    ]
    assert [(t.achieved, t.percent_achieved) for t in row.targets] == [(700000, 20)]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"value": "150", "reason": ""}, "reason", "Give the reason for the correction."),
        ({"value": "-1", "reason": REASON}, "value", "Progress cannot be negative."),
        (
            {"value": str(10**12 + 1), "reason": REASON},
            "value",
            "Ensure this value is less than or equal to 1000000000000.",
        ),
        ({"value": "many", "reason": REASON}, "value", "Enter a whole number."),
        ({"value": "", "reason": REASON}, "value", "This field is required."),
        (
            {"value": "120", "reason": REASON},
            "value",
            "This is the value and note already recorded: nothing to correct.",
        ),
        ({"value": "150", "reason": REASON, "note": "x" * 301}, "note", None),
    ],
)
def test_bad_input_on_the_page_gets_a_message_at_its_field_and_changes_nothing(
    personas, mou_progress_entry, data, field, message
):
    deliverable = mou_progress_entry.deliverable
    before = MoU.objects.get(pk=deliverable.mou_id).last_update_at
    response = personas["cell_officer"].post(_url(mou_progress_entry), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors == [message] if message else errors
    _unchanged(deliverable, 1, before)


def test_the_page_of_a_superseded_entry_links_to_the_latest_and_refuses_it(
    personas, cell_officer, mou_progress_entry
):
    correction = _correct(mou_progress_entry, cell_officer)
    client = personas["cell_officer"]
    page = client.get(_url(mou_progress_entry)).content.decode()
    assert "This entry has been corrected already; its value is now 150." in page
    assert _url(correction) in page and 'name="reason"' not in page
    response = client.post(_url(mou_progress_entry), {"value": "170", "reason": REASON})
    assert response.context["form"].errors["value"] == [
        "This entry has been corrected already: correct its latest value."
    ]
    assert ProgressEntry.objects.count() == 2
    assert progress_entry_get(user=cell_officer, pk=mou_progress_entry.pk).latest == correction


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("principal_secretary", 403),
        ("lucknow_staff", 403),
        ("varanasi_staff", 403),
        ("anonymous", 302),
    ],
)
def test_others_cannot_post_a_correction(personas, mou_progress_entry, persona, status):
    response = personas[persona].post(_url(mou_progress_entry), {"value": "150", "reason": REASON})
    assert response.status_code == status
    assert ProgressEntry.objects.count() == 1


def test_an_unknown_entry_is_404(personas, db):
    assert (
        personas["cell_officer"].get(reverse("mous:progress_correct", args=[999999])).status_code
        == 404
    )


def _grow_history(entry, officer, times: int = 5):
    """``times`` more corrections of the entry's latest value, and as many new entries."""
    latest = progress_entry_get(user=officer, pk=entry.pk).latest
    for n in range(times):
        latest = _correct(latest, officer, value=latest.value + 1, reason=f"Recount {n}.")
        progress_entry_add(deliverable=entry.deliverable, on=entry.on, value=n + 1, user=officer)


def test_the_correction_page_runs_a_constant_number_of_queries(
    personas, cell_officer, mou_progress_entry
):
    client = personas["cell_officer"]
    _grow_history(mou_progress_entry, cell_officer, 1)
    url = _url(mou_progress_entry)
    client.get(url)
    # user (session from the cache), permissions, the entry with its deliverable, MoU,
    # partner, district and recorder, the deliverable's entries with their recorders
    with assert_num_queries(4):
        client.get(url)
    assert_constant_queries(
        lambda: client.get(url), lambda: _grow_history(mou_progress_entry, cell_officer)
    )


def test_the_mou_page_query_count_stays_constant_as_corrections_grow(
    personas, cell_officer, mou_progress_entry
):
    client = personas["cell_officer"]
    url = mou_progress_entry.deliverable.mou.get_absolute_url()
    client.get(url)
    # As tests/mous/test_views.py counts it: the progress entries come with their recorders
    # in the one query that fetches them.
    with assert_num_queries(8):
        client.get(url)
    assert_constant_queries(
        lambda: client.get(url), lambda: _grow_history(mou_progress_entry, cell_officer)
    )
    # Five corrections (120 → 125) and five new entries (1 to 5): the total counts each
    # entry's latest value once.
    response = client.get(url)
    assert response.context["mou"].deliverables.all()[0].achieved == 125 + 15
    assert "corrected from 124 to 125 by Officer" in response.content.decode()


def test_the_admin_lists_both_values_and_changes_neither(
    personas, cell_officer, mou_progress_entry
):
    _correct(mou_progress_entry, cell_officer)
    url = reverse("admin:mous_deliverable_change", args=[mou_progress_entry.deliverable_id])
    page = personas["cell_officer"].get(url).content.decode()
    assert "Superseded: corrected to 150" in page
    assert f"Corrects 120: {REASON}" in page
    assert _achieved(mou_progress_entry.deliverable) == 150


# --- The API ----------------------------------------------------------------------------------


def test_the_api_corrects_with_the_same_service(cell_officer, mou_progress_entry):
    client = api_client(cell_officer)
    url = f"/api/v1/mou-progress/{mou_progress_entry.pk}/correct/"
    response = client.post(url, {"value": 150, "note": "Audited", "reason": REASON}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["value"], body["corrects"], body["reason"], body["corrected_by"]) == (
        150,
        mou_progress_entry.pk,
        REASON,
        None,
    )
    old = client.get(f"/api/v1/mou-progress/{mou_progress_entry.pk}/").json()
    assert (old["value"], old["corrected_by"]) == (120, body["id"])
    current = client.get("/api/v1/mou-progress/?current=true").json()["results"]
    assert [row["id"] for row in current] == [body["id"]]
    deliverable = client.get(f"/api/v1/mou-deliverables/{mou_progress_entry.deliverable_id}/")
    assert deliverable.json()["achieved"] == 150
    again = client.post(url, {"value": 160, "reason": REASON}, format="json")
    assert assert_error(again, 409, "already_corrected")["fields"] == {
        "value": ["This entry has been corrected already: correct its latest value."]
    }


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"value": 150}, "reason", "Give the reason for the correction."),
        ({"value": -5, "reason": REASON}, "value", "Progress cannot be negative."),
        ({"value": "lots", "reason": REASON}, "value", "A valid biginteger is required."),
        (
            {"value": 150, "reason": REASON, "on": "2026-01-01"},
            "on",
            "This field cannot be set here.",
        ),
    ],
)
def test_bad_api_corrections_are_refused_at_their_field(
    cell_officer, mou_progress_entry, payload, field, message
):
    url = f"/api/v1/mou-progress/{mou_progress_entry.pk}/correct/"
    body = assert_error(api_client(cell_officer).post(url, payload, format="json"), 400, "invalid")
    assert body["fields"][field] == [message]
    assert ProgressEntry.objects.count() == 1


def test_the_principal_secretary_and_district_staff_cannot_correct_through_the_api(
    principal_secretary, lucknow_staff, mou_progress_entry
):
    url = f"/api/v1/mou-progress/{mou_progress_entry.pk}/correct/"
    for user in (principal_secretary, lucknow_staff):
        response = api_client(user).post(url, {"value": 1, "reason": REASON}, format="json")
        assert_error(response, 403, "permission_denied")
    assert ProgressEntry.objects.count() == 1


def test_the_api_progress_list_stays_constant_with_corrections(cell_officer, mou_progress_entry):
    client = api_client(cell_officer)
    assert_constant_queries(
        lambda: client.get("/api/v1/mou-progress/?page_size=100"),
        lambda: _grow_history(mou_progress_entry, cell_officer),
    )


def test_an_mou_without_progress_says_so(personas, mou, mou_deliverable):
    page = personas["cell_officer"].get(mou.get_absolute_url()).content.decode()
    assert "No progress has been recorded yet." in page and "mous/progress/" not in page
