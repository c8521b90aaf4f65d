"""The review meetings API: meetings, action points and compliance, report jobs. Workflows
through the services, strict input, refusals with their codes, scoping (district staff: 404
on meetings and reports and on another district's points), the Principal Secretary's read-only
access, query counts and Hindi messages."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from reviews.models import ActionPoint, AgendaItem, ComplianceUpdate, Meeting, ReportJob
from tests.api.clients import api_client as _client
from tests.api.clients import assert_error as _error
from tests.queries import assert_constant_queries
from tests.reviews import builders

TODAY = timezone.localdate()


def _new_meeting(**extra):
    return {
        "title_en": "Review of the winter fairs",
        "title_hi": "शीतकालीन मेलों की समीक्षा",
        "held_at": "2026-12-15T11:00:00+05:30",
        "chair": "commissioner",
        "venue": "Udyog Bandhu, Lucknow",
        **extra,
    }


def _new_point(meeting, **extra):
    return {
        "meeting": meeting.pk,
        "number": 1,
        "text_en": "Send the list of artisans for the Delhi fair.",
        "due_on": str(TODAY + datetime.timedelta(days=7)),
        **extra,
    }


@pytest.fixture
def overdue_point(past_meeting, cell_officer, lucknow):
    return builders.action_point(
        meeting_obj=past_meeting,
        officer=cell_officer,
        number=2,
        district=lucknow,
        due_on=TODAY - datetime.timedelta(days=5),
    )


# --- Meetings ---------------------------------------------------------------------------------


def test_an_officer_records_a_meeting_and_is_its_convener(cell_officer, principal_secretary):
    response = _client(cell_officer).post(
        "/api/v1/meetings/",
        _new_meeting(attendees=[cell_officer.pk, principal_secretary.pk]),
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    meeting = Meeting.objects.get(pk=body["id"])
    assert (meeting.convener, meeting.status) == (cell_officer, "scheduled")
    assert set(meeting.attendees.all()) == {cell_officer, principal_secretary}
    assert sorted(person["id"] for person in body["attendees"]) == sorted(
        [cell_officer.pk, principal_secretary.pk]
    )
    assert (body["agenda_items"], body["agenda_count"], body["open_count"]) == ([], 0, 0)


def test_a_meeting_shows_its_agenda_in_order(cell_officer, meeting, lucknow):
    AgendaItem.objects.create(meeting=meeting, position=2, title_en="MoUs", district=lucknow)
    AgendaItem.objects.create(meeting=meeting, position=1, title_en="Fairs")
    body = _client(cell_officer).get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert [(i["position"], i["title"], i["district"]) for i in body["agenda_items"]] == [
        (1, "Fairs", None),
        (2, "MoUs", lucknow.pk),
    ]
    assert body["agenda_count"] == 2


def test_an_officer_changes_a_meeting_and_its_attendees(cell_officer, meeting):
    response = _client(cell_officer).patch(
        f"/api/v1/meetings/{meeting.pk}/",
        {"venue": "Yojana Bhawan", "status": "held", "attendees": [cell_officer.pk]},
        format="json",
    )
    assert response.status_code == 200, response.content
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.status) == ("Yojana Bhawan", "held")
    assert list(meeting.attendees.all()) == [cell_officer]


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"title_en": ""}, "title_en", "This field may not be blank."),
        ({"chair": "mayor"}, "chair", '"mayor" is not a valid choice.'),
        ({"held_at": "next Tuesday"}, "held_at", None),
    ],
)
def test_a_bad_meeting_is_refused_at_its_field(cell_officer, payload, field, message):
    body = _error(
        _client(cell_officer).post("/api/v1/meetings/", _new_meeting(**payload), format="json"),
        400,
        "invalid",
    )
    assert field in body["fields"]
    if message:
        assert body["fields"][field] == [message]
    assert not Meeting.objects.exists()


def test_only_statewide_officers_can_attend_or_convene(cell_officer, lucknow_staff):
    body = _error(
        _client(cell_officer).post(
            "/api/v1/meetings/",
            _new_meeting(attendees=[lucknow_staff.pk], convener=lucknow_staff.pk),
            format="json",
        ),
        400,
        "invalid",
    )
    assert set(body["fields"]) == {"attendees", "convener"}
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("field", ["id", "created_at", "open_count", "agenda_items", "colour"])
def test_mass_assigned_and_unknown_meeting_fields_are_refused(cell_officer, meeting, field):
    client = _client(cell_officer)
    body = _error(
        client.post("/api/v1/meetings/", _new_meeting(**{field: 1}), format="json"),
        400,
        "invalid",
    )
    assert body["fields"][field] == ["This field cannot be set here."]
    _error(
        client.patch(f"/api/v1/meetings/{meeting.pk}/", {field: 1}, format="json"), 400, "invalid"
    )
    assert Meeting.objects.count() == 1


def test_meetings_filter_and_order(cell_officer, meeting, past_meeting):
    client = _client(cell_officer)

    def ids(query):
        return [row["id"] for row in client.get(f"/api/v1/meetings/?{query}").json()["results"]]

    assert ids("") == [meeting.pk, past_meeting.pk]
    assert ids("ordering=held_at") == [past_meeting.pk, meeting.pk]
    assert ids("status=held") == [past_meeting.pk]
    assert ids(f"held_after={TODAY}") == [meeting.pk]
    assert ids(f"held_before={TODAY}") == [past_meeting.pk]
    _error(client.get("/api/v1/meetings/?ordering=minutes"), 400, "invalid")


# --- Report requests and jobs -----------------------------------------------------------------


def test_requesting_a_report_twice_answers_the_same_job(cell_officer, meeting):
    client = _client(cell_officer)
    first = client.post(f"/api/v1/meetings/{meeting.pk}/reports/", {"language": "hi"}, "json")
    assert first.status_code == 202, first.content
    body = first.json()
    assert (body["status"], body["language"], body["trigger"]) == ("queued", "hi", "on_demand")
    assert (body["requested_by"], body["download_url"], body["is_approved"]) == (
        cell_officer.pk,
        None,
        False,
    )
    second = client.post(f"/api/v1/meetings/{meeting.pk}/reports/", {"language": "hi"}, "json")
    assert second.status_code == 202
    assert second.json()["id"] == body["id"]
    assert ReportJob.objects.count() == 1
    job = client.get(f"/api/v1/report-jobs/{body['id']}/").json()
    assert (job["status"], job["attempts"], job["version"]) == ("queued", 0, None)


@pytest.mark.parametrize(
    ("payload", "field"),
    [({}, "language"), ({"language": "fr"}, "language"), ({"language": "en", "x": 1}, "x")],
)
def test_a_report_request_needs_a_language(cell_officer, meeting, payload, field):
    body = _error(
        _client(cell_officer).post(f"/api/v1/meetings/{meeting.pk}/reports/", payload, "json"),
        400,
        "invalid",
    )
    assert field in body["fields"]
    assert not ReportJob.objects.exists()


def test_approving_an_unfinished_or_failed_report_is_refused(cell_officer, meeting):
    client = _client(cell_officer)
    job_id = client.post(
        f"/api/v1/meetings/{meeting.pk}/reports/", {"language": "en"}, "json"
    ).json()["id"]
    body = _error(client.post(f"/api/v1/report-jobs/{job_id}/approve/"), 409, "not_finished")
    assert body["message"] == "Only a finished report can be approved; this one is “Queued”."
    ReportJob.objects.filter(pk=job_id).update(status="failed", error="Broken")
    _error(client.post(f"/api/v1/report-jobs/{job_id}/approve/"), 409, "not_finished")
    _error(client.get(f"/api/v1/report-jobs/{job_id}/download/"), 404, "not_found")
    assert ReportJob.objects.get(pk=job_id).approved_at is None


def test_an_officer_approves_a_finished_report_once(cell_officer, unapproved_report):
    client = _client(cell_officer)
    response = client.post(f"/api/v1/report-jobs/{unapproved_report.pk}/approve/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["is_approved"], body["approved_by"]) == (True, cell_officer.pk)
    _error(
        client.post(f"/api/v1/report-jobs/{unapproved_report.pk}/approve/"),
        409,
        "already_approved",
    )


def test_a_finished_report_is_downloaded_as_an_attachment(principal_secretary, approved_report):
    client = _client(principal_secretary)
    row = client.get("/api/v1/report-jobs/").json()["results"][0]
    assert (row["id"], row["status"], row["version"], row["pages"]) == (
        approved_report.pk,
        "succeeded",
        1,
        1,
    )
    assert row["data_cutoff"] and row["is_approved"]
    response = client.get(row["download_url"])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == builders.PDF_BYTES


def test_the_principal_secretary_sees_approved_reports_only(
    principal_secretary, cell_officer, approved_report, unapproved_report
):
    client = _client(principal_secretary)
    assert [r["id"] for r in client.get("/api/v1/report-jobs/").json()["results"]] == [
        approved_report.pk
    ]
    _error(client.get(f"/api/v1/report-jobs/{unapproved_report.pk}/"), 404, "not_found")
    _error(client.get(f"/api/v1/report-jobs/{unapproved_report.pk}/download/"), 404, "not_found")
    officer = _client(cell_officer)
    assert officer.get("/api/v1/report-jobs/").json()["count"] == 2
    rows = officer.get("/api/v1/report-jobs/?approved=false").json()["results"]
    assert [r["id"] for r in rows] == [unapproved_report.pk]
    rows = officer.get("/api/v1/report-jobs/?language=en&status=succeeded").json()["results"]
    assert [r["id"] for r in rows] == [approved_report.pk]


# --- Action points ----------------------------------------------------------------------------


def test_an_officer_records_an_action_point_which_starts_open(cell_officer, meeting, lucknow):
    response = _client(cell_officer).post(
        "/api/v1/action-points/", _new_point(meeting, district=lucknow.pk), format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["district"], body["owner_name"]) == ("open", lucknow.pk, "Lucknow")
    assert body["is_overdue"] is False
    point = ActionPoint.objects.get(pk=body["id"])
    assert (point.meeting, point.number) == (meeting, 1)


def test_an_action_point_runs_the_models_validation(cell_officer, meeting, lucknow):
    client = _client(cell_officer)
    body = _error(
        client.post(
            "/api/v1/action-points/",
            _new_point(meeting, district=lucknow.pk, owner_officer=cell_officer.pk),
            format="json",
        ),
        400,
        "invalid",
    )
    assert body["fields"]["owner_officer"] == ["Choose one owner: an officer or a district."]
    client.post("/api/v1/action-points/", _new_point(meeting, district=lucknow.pk), "json")
    body = _error(
        client.post("/api/v1/action-points/", _new_point(meeting, district=lucknow.pk), "json"),
        400,
        "invalid",
    )
    assert ["This meeting already has an action point numbered so."] in body["fields"].values()
    assert ActionPoint.objects.count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"status": "complied"},
        {"resolved_on": "2026-01-01"},
        {"delay_reason": "None"},
        {"delay_reason_hi": "कोई नहीं"},
        {"is_overdue": False},
        {"created_at": "2020-01-01"},
    ],
)
def test_the_status_of_an_action_point_cannot_be_set_directly(
    cell_officer, meeting, lucknow_point, lucknow, payload
):
    client = _client(cell_officer)
    field = next(iter(payload))
    body = _error(
        client.post("/api/v1/action-points/", _new_point(meeting, **payload), "json"),
        400,
        "invalid",
    )
    assert body["fields"][field] == ["This field cannot be set here."]
    _error(
        client.patch(f"/api/v1/action-points/{lucknow_point.pk}/", payload, "json"), 400, "invalid"
    )
    lucknow_point.refresh_from_db()
    assert (lucknow_point.status, lucknow_point.resolved_on) == ("open", None)
    assert ActionPoint.objects.count() == 1


def test_an_officer_corrects_an_action_point(cell_officer, lucknow_point, varanasi):
    response = _client(cell_officer).patch(
        f"/api/v1/action-points/{lucknow_point.pk}/",
        {"district": varanasi.pk, "due_on": str(TODAY + datetime.timedelta(days=30))},
        format="json",
    )
    assert response.status_code == 200, response.content
    lucknow_point.refresh_from_db()
    assert lucknow_point.district == varanasi


def test_action_points_filter_and_order(cell_officer, meeting, lucknow_point, overdue_point):
    officer_point = builders.action_point(meeting_obj=meeting, officer=cell_officer)
    client = _client(cell_officer)

    def ids(query):
        response = client.get(f"/api/v1/action-points/?{query}")
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids("") == [overdue_point.pk, lucknow_point.pk, officer_point.pk]
    assert ids("overdue=true") == [overdue_point.pk]
    assert ids("overdue=false") == [lucknow_point.pk, officer_point.pk]
    assert ids(f"meeting={meeting.pk}") == [officer_point.pk]
    assert ids(f"district={lucknow_point.district_id}&ordering=-due_on") == [
        lucknow_point.pk,
        overdue_point.pk,
    ]
    assert ids(f"due_after={TODAY}&due_before={TODAY + datetime.timedelta(days=10)}") == [
        lucknow_point.pk,
        officer_point.pk,
    ]
    assert ids("status=complied") == []
    _error(client.get("/api/v1/action-points/?ordering=text_en"), 400, "invalid")
    _error(client.get("/api/v1/action-points/?status=late"), 400, "invalid")


# --- Compliance updates -----------------------------------------------------------------------


def test_district_staff_report_compliance_on_their_point(lucknow_staff, lucknow_point):
    client = _client(lucknow_staff)
    response = client.post(
        f"/api/v1/action-points/{lucknow_point.pk}/updates/",
        {"status": "complied", "text_en": "All 12 stalls nominated."},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["by"], body["on"], body["status"]) == (lucknow_staff.pk, str(TODAY), "complied")
    lucknow_point.refresh_from_db()
    assert (lucknow_point.status, lucknow_point.resolved_on) == ("complied", TODAY)
    rows = client.get(f"/api/v1/compliance-updates/?action_point={lucknow_point.pk}").json()
    assert [row["id"] for row in rows["results"]] == [body["id"]]
    body = _error(
        client.post(
            f"/api/v1/action-points/{lucknow_point.pk}/updates/",
            {"status": "in_progress", "text_en": "More."},
            format="json",
        ),
        409,
        "already_closed",
    )
    assert "status" in body["fields"]


def test_an_overdue_point_needs_a_reason(lucknow_staff, overdue_point):
    client = _client(lucknow_staff)
    url = f"/api/v1/action-points/{overdue_point.pk}/updates/"
    body = _error(
        client.post(url, {"status": "in_progress", "text_en": "Working on it."}, "json"),
        400,
        "invalid",
    )
    assert body["fields"] == {
        "reason_en": ["The action point is past its due date: give the reason for the delay."]
    }
    assert not ComplianceUpdate.objects.exists()
    response = client.post(
        url,
        {"status": "in_progress", "text_en": "Working on it.", "reason_en": "Elections."},
        "json",
    )
    assert response.status_code == 201, response.content
    overdue_point.refresh_from_db()
    assert overdue_point.delay_reason == "Elections."


def test_a_hindi_client_gets_the_reason_message_in_hindi(lucknow_staff, overdue_point):
    body = _error(
        _client(lucknow_staff, "hi").post(
            f"/api/v1/action-points/{overdue_point.pk}/updates/",
            {"status": "in_progress", "text_hi": "काम जारी है।"},
            format="json",
        ),
        400,
        "invalid",
    )
    assert body["message"] == "अनुरोध में त्रुटियाँ हैं; संबंधित फ़ील्ड देखें।"
    assert body["fields"]["reason_hi"] == [
        "कार्यवाही बिंदु की नियत तिथि बीत चुकी है: विलंब का कारण बताएं।"
    ]


def test_a_hindi_client_gets_hindi_refusals(cell_officer, lucknow_staff, meeting, approved_report):
    body = _error(
        _client(cell_officer, "hi").post(f"/api/v1/report-jobs/{approved_report.pk}/approve/"),
        409,
        "already_approved",
    )
    assert body["message"] == "यह रिपोर्ट पहले ही अनुमोदित है।"
    body = _error(
        _client(cell_officer, "hi").post(
            f"/api/v1/meetings/{meeting.pk}/reports/", {"colour": "red"}, "json"
        ),
        400,
        "invalid",
    )
    assert body["fields"]["colour"] == ["यह फ़ील्ड यहाँ से निर्धारित नहीं की जा सकती।"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"by": 1}, "by"),
        ({"action_point": 1}, "action_point"),
        ({"status": "nonsense"}, "status"),
        ({"text_en": "", "text_hi": " "}, "text_en"),
        ({"text": "Done."}, "text"),
        ({"reason": "Rain."}, "reason"),
        ({"on": "yesterday"}, "on"),
    ],
)
def test_bad_compliance_input_is_refused_at_the_field(lucknow_staff, lucknow_point, payload, field):
    body = _error(
        _client(lucknow_staff).post(
            f"/api/v1/action-points/{lucknow_point.pk}/updates/",
            {"status": "in_progress", "text_en": "Done.", **payload},
            format="json",
        ),
        400,
        "invalid",
    )
    assert field in body["fields"]
    assert not ComplianceUpdate.objects.exists()


def test_only_the_cell_drops_an_action_point(lucknow_staff, cell_officer, lucknow_point):
    payload = {"status": "dropped", "text_en": "No longer needed."}
    url = f"/api/v1/action-points/{lucknow_point.pk}/updates/"
    body = _error(_client(lucknow_staff).post(url, payload, "json"), 400, "invalid")
    assert body["fields"]["status"] == ["Only the ODOP cell can drop an action point."]
    assert _client(cell_officer).post(url, payload, "json").status_code == 201


@pytest.mark.parametrize(
    ("method", "detail"), [("post", False), ("put", True), ("patch", True), ("delete", True)]
)
def test_compliance_updates_are_read_only(lucknow_staff, compliance_update, method, detail):
    url = "/api/v1/compliance-updates/" + (f"{compliance_update.pk}/" if detail else "")
    response = getattr(_client(lucknow_staff), method)(url, {"text_en": "rewritten"}, format="json")
    _error(response, 405, "method_not_allowed")
    compliance_update.refresh_from_db()
    assert compliance_update.text_en == "Nominations started."


# --- Roles and scoping ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["lucknow_staff", "varanasi_staff"])
def test_district_staff_do_not_see_meetings_or_reports(
    persona, request, db, meeting, approved_report
):
    client = _client(request.getfixturevalue(persona))
    for url in [
        "/api/v1/meetings/",
        f"/api/v1/meetings/{meeting.pk}/",
        "/api/v1/report-jobs/",
        f"/api/v1/report-jobs/{approved_report.pk}/",
        f"/api/v1/report-jobs/{approved_report.pk}/download/",
    ]:
        _error(client.get(url), 404, "not_found")
    for url, payload in [
        (f"/api/v1/meetings/{meeting.pk}/reports/", {"language": "en"}),
        (f"/api/v1/report-jobs/{approved_report.pk}/approve/", {}),
        ("/api/v1/meetings/", _new_meeting()),
    ]:
        _error(client.post(url, payload, format="json"), 404, "not_found")
    _error(
        client.patch(f"/api/v1/meetings/{meeting.pk}/", {"venue": "X"}, format="json"),
        404,
        "not_found",
    )
    assert ReportJob.objects.count() == 1 and Meeting.objects.count() == 1


def test_district_staff_see_only_their_districts_points(
    lucknow_staff, varanasi_staff, cell_officer, past_meeting, lucknow_point, varanasi
):
    theirs = builders.action_point(
        meeting_obj=past_meeting, officer=cell_officer, number=5, district=varanasi
    )
    builders.action_point(meeting_obj=past_meeting, officer=cell_officer, number=6)
    client = _client(lucknow_staff)
    rows = client.get("/api/v1/action-points/").json()["results"]
    assert [row["id"] for row in rows] == [lucknow_point.pk]
    _error(client.get(f"/api/v1/action-points/{theirs.pk}/"), 404, "not_found")
    _error(
        client.post(
            f"/api/v1/action-points/{theirs.pk}/updates/",
            {"status": "complied", "text_en": "Done."},
            format="json",
        ),
        404,
        "not_found",
    )
    _error(
        client.patch(f"/api/v1/action-points/{lucknow_point.pk}/", {"number": 9}, "json"),
        403,
        "permission_denied",
    )
    _error(client.post("/api/v1/action-points/", {}, "json"), 403, "permission_denied")
    theirs.refresh_from_db()
    assert theirs.status == "open" and not ComplianceUpdate.objects.exists()
    assert _client(varanasi_staff).get("/api/v1/compliance-updates/").json()["count"] == 0


def test_the_principal_secretary_reads_and_writes_nothing(
    principal_secretary, meeting, lucknow_point, compliance_update, approved_report, lucknow
):
    client = _client(principal_secretary)
    counts = {"meetings": 2, "action-points": 1, "compliance-updates": 1, "report-jobs": 1}
    for name, count in counts.items():
        assert client.get(f"/api/v1/{name}/").json()["count"] == count, name
    writes = [
        ("post", "/api/v1/meetings/", _new_meeting()),
        ("patch", f"/api/v1/meetings/{meeting.pk}/", {"venue": "X"}),
        ("post", f"/api/v1/meetings/{meeting.pk}/reports/", {"language": "en"}),
        ("post", "/api/v1/action-points/", _new_point(meeting, district=lucknow.pk)),
        ("patch", f"/api/v1/action-points/{lucknow_point.pk}/", {"number": 9}),
        (
            "post",
            f"/api/v1/action-points/{lucknow_point.pk}/updates/",
            {"status": "complied", "text_en": "Done."},
        ),
        ("post", f"/api/v1/report-jobs/{approved_report.pk}/approve/", {}),
    ]
    for method, url, payload in writes:
        _error(getattr(client, method)(url, payload, format="json"), 403, "permission_denied")
    assert (Meeting.objects.count(), ActionPoint.objects.count()) == (2, 1)
    assert ReportJob.objects.count() == 1 and ComplianceUpdate.objects.count() == 1
    lucknow_point.refresh_from_db()
    assert (lucknow_point.number, lucknow_point.status) == (1, "open")


def test_an_anonymous_client_is_asked_to_authenticate(db):
    for name in ["meetings", "action-points", "compliance-updates", "report-jobs"]:
        _error(APIClient().get(f"/api/v1/{name}/"), 401, "not_authenticated")


def test_unknown_ids_answer_404(cell_officer):
    client = _client(cell_officer)
    _error(client.get("/api/v1/meetings/999999/"), 404, "not_found")
    _error(
        client.post("/api/v1/meetings/999999/reports/", {"language": "en"}, "json"),
        404,
        "not_found",
    )
    _error(client.post("/api/v1/report-jobs/999999/approve/"), 404, "not_found")
    _error(
        client.post(
            "/api/v1/action-points/999999/updates/", {"status": "complied", "text_en": "x"}, "json"
        ),
        404,
        "not_found",
    )


# --- Query counts -----------------------------------------------------------------------------


def _add_rows(officer, attendee, district, start, count):
    """``count`` meetings, each with an agenda item, an attendee, an action point of
    ``district`` with a compliance update, and an approved report."""
    for n in range(start, start + count):
        meeting = builders.meeting(officer=officer, days_ahead=-n - 1, title_en=f"Meeting {n}")
        meeting.attendees.set([officer, attendee])
        AgendaItem.objects.create(meeting=meeting, position=1, title_en=f"Item {n}")
        point = builders.action_point(meeting_obj=meeting, officer=officer, district=district)
        ComplianceUpdate.objects.create(
            action_point=point, on=TODAY, status="in_progress", text_en="Started.", by=officer
        )
        builders.finished_job(meeting_obj=meeting, officer=officer, approved=True)


@pytest.mark.parametrize(
    ("persona", "name"),
    [
        ("cell_officer", "meetings"),
        ("cell_officer", "action-points"),
        ("cell_officer", "compliance-updates"),
        ("cell_officer", "report-jobs"),
        ("lucknow_staff", "action-points"),
        ("lucknow_staff", "compliance-updates"),
        ("principal_secretary", "meetings"),
        ("principal_secretary", "report-jobs"),
    ],
)
def test_every_list_runs_a_constant_number_of_queries(
    persona, name, request, db, cell_officer, principal_secretary, lucknow
):
    client = _client(request.getfixturevalue(persona))
    _add_rows(cell_officer, principal_secretary, lucknow, 0, 1)

    def fetch():
        response = client.get(f"/api/v1/{name}/?page_size=100")
        assert response.status_code == 200, response.content
        return response

    assert_constant_queries(
        fetch, lambda: _add_rows(cell_officer, principal_secretary, lucknow, 1, 49)
    )
    assert fetch().json()["count"] == 50
