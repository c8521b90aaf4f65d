"""The partners, MoU and notices API: workflows through the services, strict input, refusals
with their codes, read-only history, roles, query counts and Hindi messages."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from mous.models import Deliverable, MoU, MoUDocument, MoUStageChange, ProgressEntry, Stage
from mous.services import progress_entry_add
from notifications.models import Notice
from notifications.services import notice_create
from partners.models import ContactPerson, Partner
from tests.api.clients import api_client as _client
from tests.api.clients import assert_error as _error
from tests.mous import builders
from tests.queries import assert_constant_queries


def _new_mou(partner, officer, **extra):
    return {
        "partner": partner.pk,
        "title_en": "Packaging for Banarasi sarees",
        "title_hi": "बनारसी साड़ियों की पैकेजिंग",
        "purpose_en": "Better packaging",
        "purpose_hi": "बेहतर पैकेजिंग",
        "nodal_officer": officer.pk,
        "note_en": "Proposed at the review meeting.",
        **extra,
    }


# --- MoUs: create, change, move ---------------------------------------------------------------


def test_an_officer_records_an_mou_with_the_first_row_of_its_timeline(cell_officer, mou_partner):
    response = _client(cell_officer).post(
        "/api/v1/mous/", _new_mou(mou_partner, cell_officer, stage="in_talks"), format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["stage"], body["days_in_stage"], body["staleness"]) == ("in_talks", 0, "fresh")
    assert body["allowed_stages"] == ["advanced", "dropped"]
    assert [row["note"] for row in body["changes_since"]] == ["Proposed at the review meeting."]
    history = MoUStageChange.objects.get(mou_id=body["id"])
    assert (history.from_stage, history.to_stage, history.changed_by) == (
        "",
        "in_talks",
        cell_officer,
    )


def test_a_new_mou_cannot_start_closed(cell_officer, mou_partner):
    body = _error(
        _client(cell_officer).post(
            "/api/v1/mous/", _new_mou(mou_partner, cell_officer, stage="dropped"), format="json"
        ),
        400,
        "invalid",
    )
    assert "stage" in body["fields"]
    assert not MoU.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"last_update_at": "2020-01-01T00:00:00Z"}, "last_update_at"),
        ({"stage_changed_at": "2020-01-01T00:00:00Z"}, "stage_changed_at"),
        ({"next_step": "Sign"}, "next_step"),
        ({"next_step_en": "Sign"}, "next_step_en"),
        ({"note": "Old name"}, "note"),
        ({"is_staff": True}, "is_staff"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_mass_assigned_and_unknown_fields_are_refused_on_create(
    cell_officer, mou_partner, payload, field
):
    response = _client(cell_officer).post(
        "/api/v1/mous/", _new_mou(mou_partner, cell_officer, **payload), format="json"
    )
    body = _error(response, 400, "invalid")
    assert body["fields"][field] == ["This field cannot be set here."]
    assert not MoU.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"stage": "signed"}, "stage"),
        ({"last_update_at": "2020-01-01T00:00:00Z"}, "last_update_at"),
        ({"is_staff": True}, "is_staff"),
        ({"note": "x"}, "note"),
        ({"note_en": "x"}, "note_en"),
        ({"next_step_hi": "x"}, "next_step_hi"),
    ],
)
def test_the_stage_and_dates_cannot_be_set_by_an_update(cell_officer, mou, payload, field):
    body = _error(
        _client(cell_officer).patch(f"/api/v1/mous/{mou.pk}/", payload, format="json"),
        400,
        "invalid",
    )
    assert field in body["fields"]
    assert MoU.objects.get(pk=mou.pk).stage == Stage.IDENTIFIED
    assert mou.stage_changes.count() == 1


def test_an_officer_changes_the_facts_of_an_mou(cell_officer, mou):
    response = _client(cell_officer).patch(
        f"/api/v1/mous/{mou.pk}/",
        {"title_en": "Online sales", "valid_from": "2026-01-01", "valid_until": "2027-12-31"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["title_en"] == "Online sales"
    mou.refresh_from_db()
    assert (mou.title_en, mou.valid_until) == ("Online sales", datetime.date(2027, 12, 31))


def test_an_update_runs_the_models_validation(cell_officer, mou):
    body = _error(
        _client(cell_officer).patch(
            f"/api/v1/mous/{mou.pk}/",
            {"valid_from": "2027-01-01", "valid_until": "2026-01-01"},
            format="json",
        ),
        400,
        "invalid",
    )
    assert body["fields"]["valid_until"] == ["The end of validity cannot be before its start."]
    mou.refresh_from_db()
    assert mou.valid_until is None


def test_an_officer_moves_the_stage_and_the_history_grows(cell_officer, mou):
    response = _client(cell_officer).post(
        f"/api/v1/mous/{mou.pk}/move-stage/",
        {"to_stage": "in_talks", "note_en": "Met the partner.", "next_step_en": "Send the draft"},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["stage"], body["next_step"]) == ("in_talks", "Send the draft")
    last = mou.stage_changes.order_by("-pk").first()
    assert (last.from_stage, last.to_stage, last.note) == (
        "identified",
        "in_talks",
        "Met the partner.",
    )


def test_signed_to_in_talks_is_refused_with_its_code_and_changes_nothing(cell_officer):
    mou = builders.mou(officer=cell_officer, stage=Stage.SIGNED)
    before = MoU.objects.get(pk=mou.pk)
    body = _error(
        _client(cell_officer).post(
            f"/api/v1/mous/{mou.pk}/move-stage/",
            {"to_stage": "in_talks", "note_en": "Talks again?"},
            format="json",
        ),
        409,
        "not_allowed_transition",
    )
    assert body["fields"] == {"to_stage": ["An MoU cannot move from “Signed” to “In talks”."]}
    after = MoU.objects.get(pk=mou.pk)
    assert (after.stage, after.last_update_at, after.next_step) == (
        Stage.SIGNED,
        before.last_update_at,
        before.next_step,
    )
    assert mou.stage_changes.count() == 1


def test_a_hindi_client_gets_the_refusal_in_hindi(cell_officer):
    mou = builders.mou(officer=cell_officer, stage=Stage.SIGNED)
    body = _error(
        _client(cell_officer, "hi").post(
            f"/api/v1/mous/{mou.pk}/move-stage/",
            {"to_stage": "in_talks", "note_en": "x"},
            format="json",
        ),
        409,
        "not_allowed_transition",
    )
    assert body["fields"]["to_stage"] == ["एमओयू “हस्ताक्षरित” से “वार्ता जारी” चरण में नहीं जा सकता।"]


def test_a_hindi_client_gets_hindi_field_messages(cell_officer, mou):
    body = _error(
        _client(cell_officer, "hi").post(
            f"/api/v1/mous/{mou.pk}/move-stage/", {"colour": "red"}, format="json"
        ),
        400,
        "invalid",
    )
    assert body["message"] == "अनुरोध में त्रुटियाँ हैं; संबंधित फ़ील्ड देखें।"
    assert body["fields"]["colour"] == ["यह फ़ील्ड यहाँ से निर्धारित नहीं की जा सकती।"]


def test_dropping_without_a_reason_is_refused_at_the_reason(cell_officer, mou):
    body = _error(
        _client(cell_officer).post(
            f"/api/v1/mous/{mou.pk}/move-stage/",
            {"to_stage": "dropped", "note_en": "The partner went quiet."},
            format="json",
        ),
        400,
        "invalid",
    )
    assert body["fields"]["reason"] == ["Give the reason for dropping or terminating the MoU."]
    assert MoU.objects.get(pk=mou.pk).stage == Stage.IDENTIFIED


def test_a_note_keeps_the_stage_and_resets_staleness(cell_officer, mou):
    MoU.objects.filter(pk=mou.pk).update(
        last_update_at=timezone.now() - datetime.timedelta(days=90)
    )
    client = _client(cell_officer)
    assert client.get(f"/api/v1/mous/{mou.pk}/").json()["staleness"] == "red"
    response = client.post(
        f"/api/v1/mous/{mou.pk}/note/",
        {"note_en": "Chased by e-mail.", "next_step_en": "Call on Monday"},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["stage"], body["staleness"], body["next_step"]) == (
        "identified",
        "fresh",
        "Call on Monday",
    )


# --- Stage history ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "detail"),
    [("post", False), ("put", True), ("patch", True), ("delete", True), ("delete", False)],
)
def test_the_history_is_read_only(cell_officer, mou_stage_change, method, detail):
    url = "/api/v1/mou-stage-history/" + (f"{mou_stage_change.pk}/" if detail else "")
    response = getattr(_client(cell_officer), method)(url, {"note_en": "rewritten"}, format="json")
    _error(response, 405, "method_not_allowed")
    mou_stage_change.refresh_from_db()
    assert mou_stage_change.note == "Proposed by the ODOP cell."


def test_the_history_filters_by_mou_and_dates_and_orders(cell_officer, mou):
    other = builders.mou(officer=cell_officer, partner_obj=builders.partner(name_en="NIFT"))
    client = _client(cell_officer)
    client.post(
        f"/api/v1/mous/{mou.pk}/move-stage/",
        {"to_stage": "in_talks", "note_en": "Met."},
        format="json",
    )
    rows = client.get(f"/api/v1/mou-stage-history/?mou={mou.pk}&ordering=-changed_at").json()
    assert [(r["from_stage"], r["to_stage"]) for r in rows["results"]] == [
        ("identified", "in_talks"),
        ("", "identified"),
    ]
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    assert client.get(f"/api/v1/mou-stage-history/?changed_after={today}").json()["count"] == 3
    assert client.get(f"/api/v1/mou-stage-history/?changed_after={tomorrow}").json()["count"] == 0
    assert (
        client.get(f"/api/v1/mou-stage-history/?mou={other.pk}&changed_before={today}").json()[
            "count"
        ]
        == 1
    )


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/mous/?ordering=password",
        "/api/v1/mou-stage-history/?ordering=note",
        "/api/v1/mou-deliverables/?ordering=mou__partner__address",
        "/api/v1/partners/?ordering=address",
        "/api/v1/notices/?ordering=params",
    ],
)
def test_ordering_by_an_unknown_field_is_refused(cell_officer, url):
    body = _error(_client(cell_officer).get(url), 400, "invalid")
    assert "ordering" in body["fields"]


def test_mous_filter_by_partner_stage_and_staleness(cell_officer, mou):
    other = builders.mou(
        officer=cell_officer, partner_obj=builders.partner(name_en="NIFT"), stage=Stage.IN_TALKS
    )
    MoU.objects.filter(pk=other.pk).update(
        last_update_at=timezone.now() - datetime.timedelta(days=90)
    )
    client = _client(cell_officer)

    def ids(query):
        return [row["id"] for row in client.get(f"/api/v1/mous/?{query}").json()["results"]]

    assert ids(f"partner={mou.partner_id}") == [mou.pk]
    assert ids("stage=in_talks") == [other.pk]
    assert ids("staleness=red") == [other.pk]
    assert ids("staleness=fresh") == [mou.pk]
    assert ids("ordering=-id") == [other.pk, mou.pk]
    _error(client.get("/api/v1/mous/?stage=nonsense"), 400, "invalid")
    _error(client.get("/api/v1/mous/?since=yesterday"), 400, "invalid")


# --- Roles ------------------------------------------------------------------------------------

LISTS = [
    "partners",
    "partner-contacts",
    "mous",
    "mou-stage-history",
    "mou-deliverables",
    "mou-progress",
    "mou-documents",
]


def test_the_principal_secretary_reads_everything_and_writes_nothing(
    principal_secretary, mou, mou_deliverable, mou_partner
):
    client = _client(principal_secretary)
    for name in LISTS:
        assert client.get(f"/api/v1/{name}/").status_code == 200, name
    writes = [
        ("post", "/api/v1/mous/", {}),
        ("patch", f"/api/v1/mous/{mou.pk}/", {"title_en": "Changed"}),
        ("post", f"/api/v1/mous/{mou.pk}/move-stage/", {"to_stage": "in_talks", "note_en": "x"}),
        ("post", f"/api/v1/mous/{mou.pk}/note/", {"note_en": "x"}),
        ("post", "/api/v1/mou-deliverables/", {"mou": mou.pk, "kind": "orders", "target": 5}),
        (
            "post",
            "/api/v1/mou-progress/",
            {"deliverable": mou_deliverable.pk, "on": str(timezone.localdate()), "value": 3},
        ),
        ("post", "/api/v1/partners/", {"name_en": "X", "name_hi": "X", "kind": "other"}),
        ("patch", f"/api/v1/partners/{mou_partner.pk}/", {"name_en": "Changed"}),
        ("post", "/api/v1/partner-contacts/", {"partner": mou_partner.pk, "name": "X"}),
    ]
    for method, url, payload in writes:
        _error(getattr(client, method)(url, payload, format="json"), 403, "permission_denied")
    mou.refresh_from_db()
    assert (mou.stage, mou.title_en) == (Stage.IDENTIFIED, "E-commerce sales of ODOP products")
    assert mou.stage_changes.count() == 1 and not ProgressEntry.objects.exists()
    assert Deliverable.objects.count() == 1 and Partner.objects.count() == 1
    assert not ContactPerson.objects.exists()


@pytest.mark.parametrize("persona", ["lucknow_staff", "varanasi_staff"])
def test_district_staff_have_no_access(persona, request, db, mou, mou_document):
    client = _client(request.getfixturevalue(persona))
    for name in LISTS:
        _error(client.get(f"/api/v1/{name}/"), 403, "permission_denied")
    _error(client.get(f"/api/v1/mous/{mou.pk}/"), 403, "permission_denied")
    _error(
        client.get(f"/api/v1/mou-documents/{mou_document.pk}/download/"), 403, "permission_denied"
    )
    _error(
        client.post(f"/api/v1/mous/{mou.pk}/note/", {"note_en": "x"}, format="json"),
        403,
        "permission_denied",
    )
    assert mou.stage_changes.count() == 1


def test_an_anonymous_client_is_asked_to_authenticate(db):
    _error(APIClient().get("/api/v1/mous/"), 401, "not_authenticated")
    _error(APIClient().get("/api/v1/notices/"), 401, "not_authenticated")


def test_an_unknown_mou_answers_404(cell_officer):
    _error(_client(cell_officer).get("/api/v1/mous/999999/"), 404, "not_found")
    _error(
        _client(cell_officer).post(
            "/api/v1/mous/999999/move-stage/",
            {"to_stage": "in_talks", "note_en": "x"},
            format="json",
        ),
        404,
        "not_found",
    )


# --- Deliverables and progress ----------------------------------------------------------------


def test_a_deliverable_is_created_through_the_models_validation(cell_officer, mou, lucknow):
    client = _client(cell_officer)
    body = _error(
        client.post(
            "/api/v1/mou-deliverables/",
            {"mou": mou.pk, "kind": "other", "target": 0},
            format="json",
        ),
        400,
        "invalid",
    )
    assert body["fields"]["target"] == ["The target must be a number greater than zero."]
    assert body["fields"]["description"] == ["Describe the outcome when it is “Other”."]
    response = client.post(
        "/api/v1/mou-deliverables/",
        {"mou": mou.pk, "kind": "sellers_onboarded", "target": 500, "district": lucknow.pk},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert (response.json()["achieved"], response.json()["percent_achieved"]) == (0, 0)
    body = _error(
        client.post(
            "/api/v1/mou-deliverables/",
            {"mou": mou.pk, "kind": "sellers_onboarded", "target": 50, "district": lucknow.pk},
            format="json",
        ),
        400,
        "invalid",
    )
    # A rule over several fields: the message is not at one field (its key comes from the
    # shared ValidatedModelSerializer).
    assert ["This MoU already has this target for this district."] in body["fields"].values()
    assert Deliverable.objects.count() == 1


def test_progress_is_recorded_and_counts_towards_the_target(cell_officer, mou_deliverable):
    client = _client(cell_officer)
    today = str(timezone.localdate())
    response = client.post(
        "/api/v1/mou-progress/",
        {"deliverable": mou_deliverable.pk, "on": today, "value": 125, "note": "First batch"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["recorded_by"] == cell_officer.pk
    body = client.get(f"/api/v1/mou-deliverables/{mou_deliverable.pk}/").json()
    assert (body["achieved"], body["percent_achieved"]) == (125, 25)
    rows = client.get(f"/api/v1/mou-progress/?mou={mou_deliverable.mou_id}").json()["results"]
    assert [row["value"] for row in rows] == [125]


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"value": -5}, "value", "Progress cannot be negative."),
        (
            {"on": str(timezone.localdate() + datetime.timedelta(days=3))},
            "on",
            "Progress cannot be dated in the future.",
        ),
        ({"recorded_by": 1}, "recorded_by", "This field cannot be set here."),
    ],
)
def test_bad_progress_is_refused_at_its_field(
    cell_officer, mou_deliverable, payload, field, message
):
    data = {"deliverable": mou_deliverable.pk, "on": str(timezone.localdate()), "value": 3}
    body = _error(
        _client(cell_officer).post("/api/v1/mou-progress/", {**data, **payload}, format="json"),
        400,
        "invalid",
    )
    assert body["fields"][field] == [message]
    assert not ProgressEntry.objects.exists()


def test_progress_on_an_unknown_deliverable_answers_404(cell_officer, db):
    _error(
        _client(cell_officer).post(
            "/api/v1/mou-progress/",
            {"deliverable": 999999, "on": str(timezone.localdate()), "value": 1},
            format="json",
        ),
        404,
        "not_found",
    )


# --- Documents --------------------------------------------------------------------------------


def test_a_document_is_listed_and_downloaded_as_an_attachment(principal_secretary, mou_document):
    client = _client(principal_secretary)
    row = client.get(f"/api/v1/mou-documents/?mou={mou_document.mou_id}").json()["results"][0]
    assert (row["id"], row["kind"], row["size"]) == (
        mou_document.pk,
        "signed_mou",
        len(builders.PDF_BYTES),
    )
    response = client.get(row["download_url"])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == builders.PDF_BYTES


def test_an_unknown_document_answers_404(cell_officer, db):
    _error(_client(cell_officer).get("/api/v1/mou-documents/999999/download/"), 404, "not_found")


def test_an_officer_uploads_a_pdf_and_a_disguised_file_is_refused(cell_officer, mou):
    client = _client(cell_officer)
    data = {"mou": mou.pk, "kind": "annex", "title": "Annex A"}
    response = client.post(
        "/api/v1/mou-documents/", {**data, "file": builders.pdf_upload()}, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert response.json()["uploaded_by"] == cell_officer.pk
    html = builders.pdf_upload(b"<html><script>alert(1)</script></html>", "annex.pdf")
    body = _error(
        client.post("/api/v1/mou-documents/", {**data, "file": html}, format="multipart"),
        400,
        "invalid",
    )
    assert body["fields"]["file"] == ["This file is not a PDF document. Upload the MoU as a PDF."]
    assert MoUDocument.objects.count() == 1


# --- Partners ---------------------------------------------------------------------------------


def test_an_officer_records_a_partner_and_its_contact_people(cell_officer):
    client = _client(cell_officer)
    response = client.post(
        "/api/v1/partners/",
        {"name_en": "NIFT", "name_hi": "निफ्ट", "kind": "design", "short_name": "NIFT"},
        format="json",
    )
    assert response.status_code == 201, response.content
    partner = response.json()["id"]
    response = client.post(
        "/api/v1/partner-contacts/",
        {"partner": partner, "name": "Asha Verma", "phone": "+91 522 2345678"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = client.get(f"/api/v1/partners/{partner}/").json()
    assert [c["name"] for c in body["contacts"]] == ["Asha Verma"]
    body = _error(
        client.post(
            "/api/v1/partner-contacts/",
            {"partner": partner, "name": "X", "phone": "call me"},
            format="json",
        ),
        400,
        "invalid",
    )
    assert "phone" in body["fields"]
    body = _error(
        client.post(
            "/api/v1/partners/",
            {"name_en": "NIFT", "name_hi": "निफ्ट", "kind": "design", "created_at": "2020-01-01"},
            format="json",
        ),
        400,
        "invalid",
    )
    assert "created_at" in body["fields"]
    assert Partner.objects.count() == 1


# --- Notices ----------------------------------------------------------------------------------


def test_a_user_reads_and_marks_only_their_own_notices(lucknow_staff, varanasi_staff, notice):
    other = _client(varanasi_staff)
    assert other.get("/api/v1/notices/").json()["count"] == 0
    _error(other.get(f"/api/v1/notices/{notice.pk}/"), 404, "not_found")
    _error(other.post(f"/api/v1/notices/{notice.pk}/read/", format="json"), 404, "not_found")
    notice.refresh_from_db()
    assert notice.read_at is None

    own = _client(lucknow_staff, "hi")
    rows = own.get("/api/v1/notices/?unread=true").json()["results"]
    assert [row["id"] for row in rows] == [notice.pk]
    assert rows[0]["text"].startswith("फ्लिपकार्ट.कॉम के साथ एमओयू “ई-कॉमर्स बिक्री” में")
    response = own.post(f"/api/v1/notices/{notice.pk}/read/", format="json")
    assert response.status_code == 200 and response.json()["is_read"] is True
    assert own.get("/api/v1/notices/?unread=true").json()["count"] == 0


def test_mark_all_read_marks_only_the_users_notices(lucknow_staff, varanasi_staff, notice):
    theirs = notice_create(recipient=varanasi_staff, code=Notice.Code.MOU_STALE, params={})
    response = _client(lucknow_staff).post("/api/v1/notices/read-all/", format="json")
    assert response.json() == {"changed": 1}
    theirs.refresh_from_db()
    notice.refresh_from_db()
    assert notice.read_at is not None and theirs.read_at is None


# --- Query counts -----------------------------------------------------------------------------


def _add_rows(officer, start, count):
    """``count`` partners, each with a contact, an MoU, a deliverable with progress, a
    document, and a notice for ``officer``."""
    for n in range(start, start + count):
        partner = builders.partner(name_en=f"Partner {n}", name_hi=f"साझेदार {n}")
        ContactPerson.objects.create(partner=partner, name=f"Contact {n}")
        mou = builders.mou(officer=officer, partner_obj=partner)
        deliverable = Deliverable.objects.create(mou=mou, kind="orders", target=10)
        progress_entry_add(deliverable=deliverable, on=timezone.localdate(), value=1, user=officer)
        builders.document(mou_obj=mou, officer=officer)
        notice_create(recipient=officer, code=Notice.Code.MOU_STALE, params={})


@pytest.mark.parametrize("name", [*LISTS, "notices"])
def test_every_list_runs_a_constant_number_of_queries(cell_officer, name):
    client = _client(cell_officer)
    _add_rows(cell_officer, 0, 1)

    def fetch():
        response = client.get(f"/api/v1/{name}/?page_size=100")
        assert response.status_code == 200, response.content
        return response

    assert_constant_queries(fetch, lambda: _add_rows(cell_officer, 1, 49))
    assert fetch().json()["count"] >= 50
