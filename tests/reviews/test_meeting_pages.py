"""The meeting's pages: an officer records a meeting with its agenda and action points, edits
it, adds action points later (numbered by the portal); district staff update their own
district's points from the list; the Principal Secretary reads without edit controls. Bad
input is refused at its field or row with nothing saved; every page runs constant queries."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from core.audit.models import AuditEntry
from reviews.models import ActionPoint, AgendaItem, Meeting
from tests import factories
from tests.queries import assert_constant_queries, assert_num_queries
from tests.reviews import builders
from tests.reviews.pages import (
    MEETING_DAY,
    district,
    meeting_fields,
    officer,
    point,
    rows,
)

CREATE = reverse("reviews:meeting_create")


def _detail(meeting) -> str:
    return reverse("reviews:meeting_detail", args=[meeting.pk])


def _edit(meeting) -> str:
    return reverse("reviews:meeting_edit", args=[meeting.pk])


def _audited(model) -> int:
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).count()


def _counts() -> tuple:
    return (
        Meeting.objects.count(),
        AgendaItem.objects.count(),
        ActionPoint.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.fixture
def new_meeting_data(cell_officer, principal_secretary, lucknow, fair, mou):
    """A meeting with two agenda items (about a fair, about an MoU) and three action points
    owned by an officer and by Lucknow, as the create page posts them."""
    return {
        **meeting_fields(convener=cell_officer, attendees=[cell_officer, principal_secretary]),
        **rows(
            "agenda",
            [
                {"title_en": "Surajkund preparations", "fair": fair.pk, "ORDER": ""},
                {"title_en": "E-commerce MoU", "mou": mou.pk, "ORDER": ""},
            ],
            blank=1,
        ),
        **rows(
            "points",
            [
                point("Send the list of artisans.", owner=district(lucknow), fair=fair.pk),
                point("Confirm the stall layout.", owner=officer(cell_officer)),
                point("Follow up the MoU draft.", owner=officer(cell_officer), mou=mou.pk),
            ],
            blank=1,
        ),
    }


# --- The officer's journey -------------------------------------------------------------------


def test_an_officer_records_a_meeting_with_agenda_and_action_points_then_adds_more(
    personas, new_meeting_data, cell_officer, principal_secretary, lucknow, fair, mou
):
    client = personas["cell_officer"]
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, new_meeting_data)
    meeting = Meeting.objects.get(title_en="Review of the winter fairs")
    assert response.status_code == 302
    assert response["Location"] == _detail(meeting)
    assert set(meeting.attendees.all()) == {cell_officer, principal_secretary}
    assert timezone.localtime(meeting.held_at).date() == MEETING_DAY
    items = list(meeting.agenda_items.order_by("position"))
    assert [(i.position, i.title_en, i.fair, i.mou) for i in items] == [
        (1, "Surajkund preparations", fair, None),
        (2, "E-commerce MoU", None, mou),
    ]
    points = list(meeting.action_points.order_by("number"))
    assert [(p.number, p.district, p.owner_officer, p.status) for p in points] == [
        (1, lucknow, None, "open"),
        (2, None, cell_officer, "open"),
        (3, None, cell_officer, "open"),
    ]
    assert (_audited(Meeting), _audited(AgendaItem), _audited(ActionPoint)) == (1, 2, 3)

    more = rows(
        "points",
        [
            point("Book the hall for the buyer–seller meet.", owner=officer(cell_officer)),
            point("Report the sales of the fair.", owner=district(lucknow), days=40),
        ],
        blank=2,
    )
    response = client.post(_detail(meeting), more, follow=True)
    assert "Action points 4–5 are recorded." in response.content.decode()
    assert list(meeting.action_points.order_by("number").values_list("number", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
    ]
    assert _audited(ActionPoint) == 5


def test_the_meeting_page_offers_owners_by_name_and_role(personas, meeting, lucknow):
    factories.user(
        username="averma",
        role="cell_officer",
        first_name="Anita",
        last_name="Verma",
        designation="Joint Commissioner",
    )
    page = personas["cell_officer"].get(_detail(meeting)).content.decode()
    assert "Anita Verma — ODOP cell officer, Joint Commissioner" in page
    assert f'value="district-{lucknow.pk}">Lucknow — District staff<' in page
    assert ">averma<" not in page
    assert 'name="points-0-text_en"' in page


def test_an_officer_edits_the_meeting_and_reorders_and_removes_agenda_items(
    personas, meeting, cell_officer, lucknow
):
    first, second, third = (
        AgendaItem.objects.create(meeting=meeting, position=n, title_en=f"Item {n}")
        for n in (1, 2, 3)
    )
    client = personas["cell_officer"]
    page = client.get(_edit(meeting))
    assert page.status_code == 200
    assert page.context["page"].agenda.initial_form_count() == 3
    data = {
        **meeting_fields(convener=cell_officer, title_en="Review of the season", status="held"),
        "meeting-minutes": "The fairs were reviewed.",
        **rows(
            "agenda",
            [
                {"id": first.pk, "title_en": "Item 1", "ORDER": "2"},
                {"id": second.pk, "title_en": "Item 2", "ORDER": "3", "DELETE": "on"},
                {"id": third.pk, "title_en": "Item 3, corrected", "ORDER": "1"},
                {"title_en": "Lucknow's nominations", "district": lucknow.pk, "ORDER": ""},
            ],
            initial=3,
        ),
    }
    response = client.post(_edit(meeting), data)
    assert response.status_code == 302, response.context["page"].agenda.errors
    meeting.refresh_from_db()
    assert (meeting.title_en, meeting.status, meeting.minutes) == (
        "Review of the season",
        "held",
        "The fairs were reviewed.",
    )
    assert list(meeting.attendees.all()) == []
    assert [(i.pk, i.position, i.title_en) for i in meeting.agenda_items.order_by("position")] == [
        (third.pk, 1, "Item 3, corrected"),
        (first.pk, 2, "Item 1"),
        (AgendaItem.objects.get(title_en="Lucknow's nominations").pk, 3, "Lucknow's nominations"),
    ]
    deleted = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(AgendaItem), action="delete"
    )
    assert deleted.object_id == second.pk
    change = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Meeting), object_id=meeting.pk
    ).latest("pk")
    assert change.changes["title_en"][1] == "Review of the season"
    assert change.changes["attendees"][1] == []


def test_more_blank_rows_keeps_what_was_typed_and_saves_nothing(personas, new_meeting_data):
    before = _counts()
    response = personas["cell_officer"].post(CREATE, {**new_meeting_data, "more_rows": "1"})
    assert response.status_code == 200
    page = response.context["page"]
    assert (len(page.agenda.forms), len(page.points.forms)) == (6, 7)
    assert "Send the list of artisans." in response.content.decode()
    assert _counts() == before


# --- Compliance from the list: district staff, officers, the Principal Secretary -------------


def test_district_staff_see_and_update_only_their_own_action_points(
    personas, past_meeting, cell_officer, lucknow, varanasi
):
    mine = builders.action_point(meeting_obj=past_meeting, officer=cell_officer, district=lucknow)
    theirs = builders.action_point(
        meeting_obj=past_meeting, officer=cell_officer, number=2, district=varanasi
    )
    client = personas["lucknow_staff"]
    page = client.get(reverse("reviews:action_point_list")).content.decode()
    update = reverse("reviews:action_point_detail", args=[mine.pk]) + "#update-heading"
    assert update in page
    assert reverse("reviews:action_point_detail", args=[theirs.pk]) not in page
    data = {"on": timezone.localdate().isoformat(), "status": "in_progress", "text_en": "Begun."}
    theirs_url = reverse("reviews:action_point_detail", args=[theirs.pk])
    assert client.get(theirs_url).status_code == 404
    assert client.post(theirs_url, data).status_code == 404
    assert client.post(
        reverse("reviews:action_point_detail", args=[mine.pk]), data
    ).status_code == (302)
    mine.refresh_from_db()
    assert (mine.status, theirs.updates.count()) == ("in_progress", 0)
    assert client.get(_detail(past_meeting)).status_code == 404
    assert client.get(CREATE).status_code == 404
    assert client.post(_detail(past_meeting), {}).status_code == 404


def test_an_officer_updates_any_action_point_from_the_list(
    personas, past_meeting, cell_officer, varanasi
):
    builders.action_point(meeting_obj=past_meeting, officer=cell_officer, district=varanasi)
    closed = builders.action_point(meeting_obj=past_meeting, officer=cell_officer, number=2)
    ActionPoint.objects.filter(pk=closed.pk).update(status="complied")
    page = personas["cell_officer"].get(reverse("reviews:action_point_list")).content.decode()
    assert page.count("#update-heading") == 1


def test_the_principal_secretary_reads_without_edit_controls_and_cannot_write(
    personas, meeting, past_meeting, cell_officer, lucknow
):
    point_record = builders.action_point(
        meeting_obj=past_meeting, officer=cell_officer, district=lucknow
    )
    client = personas["principal_secretary"]
    page = client.get(_detail(meeting))
    body = page.content.decode().split("<main")[1]
    assert page.context["points_formset"] is None
    for control in ("Add action points", "Edit the meeting", "/admin/", 'method="post"'):
        assert control not in body
    listing = client.get(reverse("reviews:action_point_list")).content.decode()
    assert "#update-heading" not in listing
    detail = client.get(reverse("reviews:action_point_detail", args=[point_record.pk]))
    assert "Add a compliance update" not in detail.content.decode()
    before = _counts()
    data = rows("points", [point("Anything.", owner=district(lucknow))])
    assert client.post(_detail(meeting), data).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, meeting_fields(convener=cell_officer)).status_code == 403
    assert client.get(_edit(meeting)).status_code == 403
    assert client.post(_edit(meeting), meeting_fields(convener=cell_officer)).status_code == 403
    assert _counts() == before


# --- Bad input: refused at its field or row, nothing saved ------------------------------------


def _refused(response, formset_name: str | None, field: str, message: str, row: int = 0):
    assert response.status_code == 200
    context = response.context
    if formset_name is None:
        form = context["page"].form
    elif formset_name == "points_formset":
        form = context["points_formset"].forms[row]
    else:
        form = getattr(context["page"], formset_name).forms[row]
    errors = form.errors.get(field, [])
    assert any(message in error for error in errors), form.errors


CREATE_CASES = {
    "a due date before the meeting": (
        {"points-1-due_on": (MEETING_DAY - datetime.timedelta(days=1)).isoformat()},
        "points",
        "due_on",
        "Give a due date on or after the day of the meeting",
        1,
    ),
    "an action point without text": (
        {"points-0-text_en": ""},
        "points",
        "text_en",
        "Write the decision.",
        0,
    ),
    "an action point without an owner": (
        {"points-2-owner": ""},
        "points",
        "owner",
        "Choose who carries it out: an officer or a district.",
        2,
    ),
    "an action point linked to a fair and an MoU": (
        {"points-2-fair": "FAIR"},
        "points",
        "mou",
        "Link the action point to a fair or to an MoU, not both.",
        2,
    ),
    "an agenda item about a fair and an MoU": (
        {"agenda-0-mou": "MOU"},
        "agenda",
        "fair",
        "Link the item to a fair, an MoU or a district: one.",
        0,
    ),
    "an implausible meeting date": (
        {"meeting-held_at": "1990-01-15T11:00"},
        None,
        "held_at",
        "Enter a date between 2000 and 2099.",
        0,
    ),
    "an implausible due date": (
        {"points-0-due_on": "2150-01-01"},
        "points",
        "due_on",
        "Enter a date between 2000 and 2099.",
        0,
    ),
    "the same agenda item twice": (
        {"agenda-1-title_en": "surajkund  PREPARATIONS", "agenda-1-mou": ""},
        "agenda",
        "title_en",
        "This item repeats item 1 of the agenda.",
        1,
    ),
    "the same action point twice": (
        {"points-2-text_en": "Confirm the stall layout."},
        "points",
        "text_en",
        "This action point repeats number 2 above.",
        2,
    ),
}


@pytest.mark.parametrize("case", CREATE_CASES, ids=list(CREATE_CASES))
def test_the_create_page_refuses_bad_input_and_saves_nothing(
    personas, new_meeting_data, case, fair, mou
):
    changes, formset, field, message, row = CREATE_CASES[case]
    values = {"FAIR": str(fair.pk), "MOU": str(mou.pk)}
    data = {**new_meeting_data, **{k: values.get(v, v) for k, v in changes.items()}}
    before = _counts()
    response = personas["cell_officer"].post(CREATE, data)
    _refused(response, formset, field, message, row)
    assert "Nothing is saved yet." in response.content.decode()
    assert _counts() == before


def test_an_inactive_owner_is_refused_at_the_owner(personas, meeting, cell_officer):
    retired = factories.user(username="retired", role="cell_officer")
    page_options = personas["cell_officer"].get(_detail(meeting)).content.decode()
    assert officer(retired) in page_options
    retired.is_active = False
    retired.save()
    before = _counts()
    response = personas["cell_officer"].post(
        _detail(meeting), rows("points", [point("Draft the letter.", owner=officer(retired))])
    )
    _refused(response, "points_formset", "owner", "Select a valid choice.")
    assert _counts() == before


def test_the_meeting_page_refuses_an_action_point_the_meeting_has_already(
    personas, meeting, cell_officer
):
    builders.action_point(
        meeting_obj=meeting,
        officer=cell_officer,
        due_on=MEETING_DAY + datetime.timedelta(days=3),
        text_en="Nominate artisans for every allotted stall.",
    )
    before = _counts()
    data = rows(
        "points",
        [
            point("Another decision.", owner=officer(cell_officer)),
            point("Nominate artisans for every ALLOTTED stall.", owner=officer(cell_officer)),
        ],
    )
    response = personas["cell_officer"].post(_detail(meeting), data)
    _refused(
        response,
        "points_formset",
        "text_en",
        "This meeting already has this action point (number 1).",
        row=1,
    )
    assert _counts() == before


def test_the_meeting_page_refuses_a_due_date_before_the_meeting(personas, meeting, cell_officer):
    before = _counts()
    data = rows("points", [point("Too early.", owner=officer(cell_officer), days=-2)])
    response = personas["cell_officer"].post(_detail(meeting), data)
    _refused(response, "points_formset", "due_on", "on or after the day of the meeting")
    assert _counts() == before


def test_the_meeting_page_asks_for_at_least_one_action_point(personas, meeting):
    response = personas["cell_officer"].post(_detail(meeting), rows("points", [], blank=3))
    assert response.status_code == 200
    assert "Write at least one action point." in response.content.decode()
    assert not ActionPoint.objects.exists()


def test_moving_the_meeting_past_its_action_points_due_dates_is_refused(
    personas, meeting, cell_officer
):
    builders.action_point(
        meeting_obj=meeting, officer=cell_officer, due_on=MEETING_DAY + datetime.timedelta(days=2)
    )
    later = (MEETING_DAY + datetime.timedelta(days=5)).isoformat()
    data = {
        **meeting_fields(convener=cell_officer, held_at=f"{later}T11:00"),
        "meeting-status": "scheduled",
        **rows("agenda", []),
    }
    before = _counts()
    response = personas["cell_officer"].post(_edit(meeting), data)
    _refused(response, None, "held_at", "Action points 1 fall due before this day")
    assert _counts() == before


def test_an_edit_from_a_stale_page_is_refused(personas, meeting, cell_officer):
    AgendaItem.objects.create(meeting=meeting, position=1, title_en="Added meanwhile")
    data = {
        **meeting_fields(convener=cell_officer),
        "meeting-status": "scheduled",
        **rows("agenda", [{"title_en": "Mine", "ORDER": ""}]),
    }
    response = personas["cell_officer"].post(_edit(meeting), data)
    assert response.status_code == 200
    assert "Someone else changed this agenda" in response.content.decode()
    assert list(meeting.agenda_items.values_list("title_en", flat=True)) == ["Added meanwhile"]


# --- "Attendees are sent a link" only when someone is --------------------------------------


@pytest.mark.parametrize(
    ("attendee_email", "message"),
    [
        (None, "The report is approved.</"),
        ("", "The report is approved.</"),
        ("ps@odop.example", "The report is approved; 1 attendee is sent a link to it."),
    ],
)
def test_approving_says_a_link_is_sent_only_to_attendees_with_an_e_mail(
    personas, meeting, cell_officer, principal_secretary, attendee_email, message, mailoutbox
):
    meeting.attendees.clear()
    if attendee_email is not None:
        principal_secretary.email = attendee_email
        principal_secretary.save()
        meeting.attendees.add(principal_secretary)
    job = builders.finished_job(meeting_obj=meeting, officer=cell_officer)
    status = personas["cell_officer"].get(reverse("reviews:report_status", args=[job.pk]))
    text = status.content.decode()
    if attendee_email:
        assert "e-mails a link to 1 attendee:" in text
    else:
        assert "no link is e-mailed" in text
    response = personas["cell_officer"].post(
        reverse("reviews:report_approve", args=[job.pk]), follow=True
    )
    body = response.content.decode()
    assert message in body
    if not attendee_email:
        assert "sent a link" not in body


# --- Query counts ----------------------------------------------------------------------------


@pytest.fixture
def grow_meeting(meeting, cell_officer, lucknow, fair, mou):
    """A growth step for one meeting: agenda items, action points linked to a fair and an
    MoU, and more officers, fairs and MoUs to choose from."""
    counter = iter(range(1, 1000))

    def grow():
        for _ in range(3):
            n = next(counter)
            AgendaItem.objects.create(meeting=meeting, position=n, title_en=f"Item {n}", fair=fair)
            due = MEETING_DAY + datetime.timedelta(days=n)
            builders.action_point(
                meeting_obj=meeting,
                officer=cell_officer,
                number=2 * n,
                district=lucknow,
                fair=fair,
                due_on=due,
            )
            builders.action_point(
                meeting_obj=meeting, officer=cell_officer, number=2 * n + 1, mou=mou, due_on=due
            )
            factories.user(username=f"officer{n}", role="cell_officer")
            factories.fair(name_en=f"Fair {n}")

    return grow


def _get(client, url):
    def action():
        assert client.get(url).status_code == 200

    return action


def test_the_meeting_page_runs_constant_queries_as_its_rows_grow(personas, meeting, grow_meeting):
    grow_meeting()
    client = personas["cell_officer"]
    assert_constant_queries(_get(client, _detail(meeting)), grow_meeting)


def test_the_meeting_page_of_the_principal_secretary_reads_no_lists(
    personas, meeting, grow_meeting
):
    grow_meeting()
    warm_up = _get(personas["principal_secretary"], _detail(meeting))
    # user, permissions, meeting, attendees, agenda items (with their fairs, MoUs and
    # districts), action points (with their fairs and MoUs), reports; live numbers of the
    # fair: spaces, activities; of the MoU: its stage. No list of owners, fairs or MoUs.
    warm_up()
    with assert_num_queries(10):
        warm_up()
    assert_constant_queries(warm_up, grow_meeting)


def test_the_edit_page_runs_constant_queries_as_its_agenda_grows(personas, meeting, grow_meeting):
    grow_meeting()
    client = personas["cell_officer"]
    warm_up = _get(client, _edit(meeting))
    # user, permissions, meeting, its attendees (the form's initial), agenda items; the lists:
    # attendees, conveners, officers, fairs, MoUs (districts cached)
    warm_up()
    with assert_num_queries(10):
        warm_up()
    assert_constant_queries(warm_up, grow_meeting)


def test_the_create_page_runs_constant_queries(personas, grow_meeting):
    client = personas["cell_officer"]
    warm_up = _get(client, CREATE)
    # user, permissions; the lists: attendees, conveners, officers, fairs, MoUs
    warm_up()
    with assert_num_queries(7):
        warm_up()
    assert_constant_queries(warm_up, grow_meeting)


@pytest.mark.parametrize("persona", ["cell_officer", "lucknow_staff", "principal_secretary"])
def test_the_action_point_list_with_its_update_links_runs_constant_queries(
    personas, grow_meeting, persona
):
    grow_meeting()
    assert_constant_queries(
        _get(personas[persona], reverse("reviews:action_point_list")), grow_meeting
    )
