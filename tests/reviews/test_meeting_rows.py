"""The services behind the meeting's pages, called directly: numbering, the guards that the
forms cannot reach (an owner deactivated meanwhile, an item of another meeting), and the
labels people are shown by in the lists and the admin."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reviews.models import ActionPoint, AgendaItem
from reviews.services.meeting_rows import RowsRefused, action_points_add, meeting_record
from reviews.services.meetings import action_point_save
from tests import factories
from tests.reviews import builders
from tests.reviews.pages import MEETING_DAY


def _point(**fields) -> ActionPoint:
    return ActionPoint(
        text_en=fields.pop("text_en", "Send the list of artisans."),
        due_on=fields.pop("due_on", MEETING_DAY + datetime.timedelta(days=5)),
        **fields,
    )


def test_new_points_are_numbered_after_the_last_one_even_a_hand_numbered_one(
    meeting, cell_officer, lucknow
):
    builders.action_point(meeting_obj=meeting, officer=cell_officer, number=7, due_on=MEETING_DAY)
    added = action_points_add(
        meeting=meeting,
        points=[_point(district=lucknow), _point(text_en="Book the hall.", district=lucknow)],
        user=cell_officer,
    )
    assert [p.number for p in added] == [8, 9]
    assert all(p.status == "open" for p in added)


def test_an_owner_deactivated_after_the_page_was_read_is_refused(meeting, cell_officer):
    retired = factories.user(username="retired", role="cell_officer", first_name="Ram")
    retired.is_active = False
    retired.save()
    with pytest.raises(RowsRefused) as refused:
        action_points_add(
            meeting=meeting, points=[_point(owner_officer=retired)], user=cell_officer
        )
    assert refused.value.point_errors[0]["owner_officer"] == [
        "Ram no longer has an active account; choose another owner."
    ]
    assert not ActionPoint.objects.exists()


def test_correcting_a_point_to_an_inactive_owner_is_refused(meeting, cell_officer):
    point = builders.action_point(meeting_obj=meeting, officer=cell_officer, due_on=MEETING_DAY)
    retired = factories.user(username="retired", role="cell_officer")
    retired.is_active = False
    retired.save()
    point.owner_officer = retired
    with pytest.raises(ValidationError) as refused:
        action_point_save(action_point=point, user=cell_officer)
    assert "owner_officer" in refused.value.message_dict
    point.refresh_from_db()
    assert point.owner_officer == cell_officer


def test_a_district_owner_and_an_officer_owner_at_once_is_refused(meeting, cell_officer, lucknow):
    with pytest.raises(RowsRefused) as refused:
        action_points_add(
            meeting=meeting,
            points=[_point(owner_officer=cell_officer, district=lucknow)],
            user=cell_officer,
        )
    assert refused.value.point_errors[0]["owner_officer"] == [
        "Choose one owner: an officer or a district."
    ]


def test_an_agenda_item_of_another_meeting_cannot_be_edited_through_this_one(
    meeting, past_meeting, cell_officer
):
    other = AgendaItem.objects.create(meeting=past_meeting, position=1, title_en="Theirs")
    other.title_en = "Taken over"
    with pytest.raises(PermissionDenied):
        meeting_record(meeting=meeting, attendees=None, agenda=[other], user=cell_officer)
    other.refresh_from_db()
    assert (other.meeting, other.title_en) == (past_meeting, "Theirs")


def test_district_staff_and_the_principal_secretary_cannot_add_points(
    meeting, lucknow_staff, principal_secretary, lucknow
):
    for user in (lucknow_staff, principal_secretary):
        with pytest.raises(PermissionDenied):
            action_points_add(meeting=meeting, points=[_point(district=lucknow)], user=user)
    assert not ActionPoint.objects.exists()


def test_the_admin_shows_owners_by_name_and_role(personas, cell_officer):
    factories.user(username="averma", role="cell_officer", first_name="Anita", last_name="Verma")
    page = personas["cell_officer"].get(reverse("admin:reviews_actionpoint_add")).content.decode()
    assert "Anita Verma — ODOP cell officer" in page
    assert ">averma<" not in page
