"""Compliance updates written in English, in Hindi or in both: the action point's pages, the
meeting page, the status report and the API show the active language's, falling back to the
other one with its lang and a marker; one language is required for what was done, and either
satisfies the reason needed past the due date; updates stay append-only."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone, translation

from districts.models import District
from districts.services import master_data_load, master_data_read
from reviews.models import ActionPoint, ComplianceUpdate
from reviews.pdf import report_html
from reviews.services.meetings import compliance_update_add
from tests.api.clients import api_client, assert_error
from tests.queries import assert_constant_queries
from tests.reviews import builders

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DONE = ("Stalls nominated.", "स्टॉलों का नामांकन हो गया।")
REASON = ("Udyam registration pending.", "उद्यम पंजीकरण लंबित है।")
ENGLISH_MARKED = "(अंग्रेज़ी में)"
HINDI_MARKED = '<span class="fallback-marker">(in Hindi)</span>'


@pytest.fixture
def overdue_point(past_meeting, cell_officer, lucknow):
    return builders.action_point(
        meeting_obj=past_meeting,
        officer=cell_officer,
        number=2,
        district=lucknow,
        due_on=TODAY() - datetime.timedelta(days=5),
    )


def _detail(point) -> str:
    return reverse("reviews:action_point_detail", args=[point.pk])


def _page(client, url, language="en") -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _post(client, point, language="en", **fields):
    data = {"on": TODAY().isoformat(), "status": "in_progress", **fields}
    return client.post(_detail(point), data, HTTP_ACCEPT_LANGUAGE=language)


def _message(language: str, text: str) -> str:
    # The Hindi catalogue is filled by the lead: compare with what gettext gives now.
    with translation.override(language):
        return str(translation.gettext(text))


# --- Pages -----------------------------------------------------------------------------------


def test_the_form_offers_both_languages_with_their_lang(personas, lucknow_point):
    form = _page(personas["lucknow_staff"], _detail(lucknow_point), "hi")
    for name in ("text_en", "text_hi", "reason_en", "reason_hi"):
        assert f'name="{name}"' in form
    assert 'lang="hi"' in form and 'lang="en"' in form


def test_a_hindi_only_update_reads_in_hindi_on_a_hindi_page_and_is_marked_on_an_english_one(
    personas, overdue_point, past_meeting
):
    staff = personas["lucknow_staff"]
    response = _post(staff, overdue_point, "hi", text_hi=DONE[1], reason_hi=REASON[1])
    assert response.status_code == 302
    update = overdue_point.updates.get()
    assert (update.text_en, update.text_hi, update.reason_en, update.reason_hi) == (
        "",
        DONE[1],
        "",
        REASON[1],
    )
    hindi = _page(staff, _detail(overdue_point), "hi")
    assert DONE[1] in hindi and REASON[1] in hindi and "fallback-marker" not in hindi
    english = _page(staff, _detail(overdue_point))
    assert f'<span lang="hi">{DONE[1]}</span> {HINDI_MARKED}' in english
    assert f'<span lang="hi">{REASON[1]}</span> {HINDI_MARKED}' in english
    # The action point carries the reason: the lists and the meeting page show it too.
    for client, url in [
        (staff, reverse("reviews:action_point_list")),
        (
            personas["principal_secretary"],
            reverse("reviews:meeting_detail", args=[past_meeting.pk]),
        ),
    ]:
        assert f'<span lang="hi">{REASON[1]}</span> {HINDI_MARKED}' in _page(client, url)
        listing = _page(client, url, "hi")
        assert REASON[1] in listing and f'<span lang="hi">{REASON[1]}' not in listing


def test_an_english_only_update_is_marked_on_a_hindi_page(personas, overdue_point):
    staff = personas["lucknow_staff"]
    assert _post(staff, overdue_point, text_en=DONE[0], reason_en=REASON[0]).status_code == 302
    hindi = _page(staff, _detail(overdue_point), "hi")
    assert f'<span lang="en">{DONE[0]}</span> <span class="fallback-marker">{ENGLISH_MARKED}' in (
        hindi
    )
    assert f'<span lang="en">{REASON[0]}</span>' in hindi
    listing = _page(staff, reverse("reviews:action_point_list"), "hi")
    assert f'<span lang="en">{REASON[0]}</span>' in listing
    english = _page(staff, _detail(overdue_point))
    assert DONE[0] in english and "fallback-marker" not in english


def test_an_update_in_both_languages_shows_the_page_language_only(personas, lucknow_point):
    staff = personas["lucknow_staff"]
    assert _post(staff, lucknow_point, text_en=DONE[0], text_hi=DONE[1]).status_code == 302
    hindi = _page(staff, _detail(lucknow_point), "hi")
    assert DONE[1] in hindi and DONE[0] not in hindi
    english = _page(staff, _detail(lucknow_point))
    assert DONE[0] in english and DONE[1] not in english


@pytest.mark.parametrize(("language", "field"), [("en", "text_en"), ("hi", "text_hi")])
def test_an_update_with_nothing_written_is_refused_at_the_page_language_field(
    personas, lucknow_point, language, field
):
    response = _post(
        personas["lucknow_staff"],
        lucknow_point,
        language,
        text_en="  ",
        text_hi="",
        status="complied",
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors[field] == [_message(language, "Write what was done, in English or in Hindi.")]
    assert list(errors) == [field]
    lucknow_point.refresh_from_db()
    assert (lucknow_point.status, lucknow_point.updates.count()) == ("open", 0)


REASON_NEEDED = "The action point is past its due date: give the reason for the delay."


@pytest.mark.parametrize(("language", "field"), [("en", "reason_en"), ("hi", "reason_hi")])
def test_past_the_due_date_a_reason_is_needed_in_some_language(
    personas, overdue_point, language, field
):
    staff = personas["lucknow_staff"]
    response = _post(staff, overdue_point, language, text_hi=DONE[1])
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [_message(language, REASON_NEEDED)]
    assert overdue_point.updates.count() == 0


@pytest.mark.parametrize("reason", [{"reason_en": REASON[0]}, {"reason_hi": REASON[1]}])
def test_past_the_due_date_a_reason_in_either_language_is_enough(personas, overdue_point, reason):
    assert _post(
        personas["lucknow_staff"], overdue_point, text_en=DONE[0], **reason
    ).status_code == (302)
    point = ActionPoint.objects.get(pk=overdue_point.pk)
    assert (point.delay_reason_en, point.delay_reason_hi) == (
        reason.get("reason_en", ""),
        reason.get("reason_hi", ""),
    )


def test_a_later_update_without_a_reason_keeps_the_last_one(overdue_point, lucknow_staff):
    compliance_update_add(
        action_point=overdue_point,
        on=TODAY(),
        status="in_progress",
        text_en=DONE[0],
        reason_en=REASON[0],
        reason_hi=REASON[1],
        user=lucknow_staff,
    )
    compliance_update_add(
        action_point=overdue_point,
        on=TODAY(),
        status="complied",
        text_hi=DONE[1],
        user=lucknow_staff,
    )
    point = ActionPoint.objects.get(pk=overdue_point.pk)
    assert (point.status, point.delay_reason_en, point.delay_reason_hi) == ("complied", *REASON)


def test_the_detail_page_runs_constant_queries_as_updates_grow(personas, lucknow_point):
    client = personas["cell_officer"]

    def grow():
        for n in range(5):
            ComplianceUpdate.objects.create(
                action_point=lucknow_point,
                on=TODAY(),
                status="in_progress",
                text_en="" if n % 2 else f"Step {n}",
                text_hi=f"चरण {n}",
                by=personas["lucknow_staff"].user,
            )

    grow()
    assert_constant_queries(lambda: client.get(_detail(lucknow_point)), grow)


# --- The status report -----------------------------------------------------------------------


def test_the_hindi_status_report_shows_the_hindi_update_and_reason(
    meeting, overdue_point, lucknow_staff, cell_officer
):
    compliance_update_add(
        action_point=overdue_point,
        on=TODAY(),
        status="in_progress",
        text_en=DONE[0],
        text_hi=DONE[1],
        reason_hi=REASON[1],
        user=lucknow_staff,
    )
    now = timezone.now()
    hindi = report_html(meeting=meeting, user=cell_officer, language="hi", cutoff=now)
    assert DONE[1] in hindi and DONE[0] not in hindi
    assert REASON[1] in hindi and f'<span lang="hi">{REASON[1]}' not in hindi
    english = report_html(meeting=meeting, user=cell_officer, language="en", cutoff=now)
    assert DONE[0] in english and DONE[1] not in english
    assert f'<span lang="hi">{REASON[1]}</span> {HINDI_MARKED}' in english


def test_the_hindi_status_report_marks_an_english_only_update(
    meeting, overdue_point, lucknow_staff, cell_officer
):
    compliance_update_add(
        action_point=overdue_point,
        on=TODAY(),
        status="in_progress",
        text_en=DONE[0],
        reason_en=REASON[0],
        user=lucknow_staff,
    )
    hindi = report_html(meeting=meeting, user=cell_officer, language="hi", cutoff=timezone.now())
    assert f'<span lang="en">{DONE[0]}</span> <span class="fallback-marker">{ENGLISH_MARKED}' in (
        hindi
    )
    assert f'<span lang="en">{REASON[0]}</span>' in hindi


# --- The API ---------------------------------------------------------------------------------


def test_the_api_writes_both_languages_and_reads_the_active_one(lucknow_staff, overdue_point):
    url = f"/api/v1/action-points/{overdue_point.pk}/updates/"
    response = api_client(lucknow_staff).post(
        url,
        {"status": "in_progress", "text_en": DONE[0], "text_hi": DONE[1], "reason_hi": REASON[1]},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["text"], body["text_en"], body["text_hi"]) == (DONE[0], *DONE)
    # The API gives plain text: the other language's, without a marker.
    assert (body["reason"], body["reason_en"], body["reason_hi"]) == (REASON[1], "", REASON[1])
    hindi = api_client(lucknow_staff, "hi")
    row = hindi.get(f"/api/v1/compliance-updates/{body['id']}/").json()
    assert (row["text"], row["reason"]) == (DONE[1], REASON[1])
    point = hindi.get(f"/api/v1/action-points/{overdue_point.pk}/").json()
    assert (point["delay_reason"], point["delay_reason_en"], point["delay_reason_hi"]) == (
        REASON[1],
        "",
        REASON[1],
    )


def test_the_api_takes_hindi_only_and_refuses_nothing_written(lucknow_staff, lucknow_point):
    url = f"/api/v1/action-points/{lucknow_point.pk}/updates/"
    body = assert_error(
        api_client(lucknow_staff, "hi").post(url, {"status": "complied"}, format="json"),
        400,
        "invalid",
    )
    assert body["fields"] == {
        "text_hi": [_message("hi", "Write what was done, in English or in Hindi.")]
    }
    assert not ComplianceUpdate.objects.exists()
    response = api_client(lucknow_staff).post(
        url, {"status": "complied", "text_hi": DONE[1]}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["text"] == DONE[1]


@pytest.mark.parametrize("old", [{"text": DONE[0]}, {"reason": REASON[0]}])
def test_the_api_refuses_the_old_names(lucknow_staff, lucknow_point, old):
    body = assert_error(
        api_client(lucknow_staff).post(
            f"/api/v1/action-points/{lucknow_point.pk}/updates/",
            {"status": "in_progress", "text_en": DONE[0], **old},
            format="json",
        ),
        400,
        "invalid",
    )
    assert list(body["fields"]) == list(old)
    assert not ComplianceUpdate.objects.exists()


# --- Append-only -----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("field", ["text_en", "text_hi", "reason_hi"])
def test_the_api_refuses_to_change_either_language(
    lucknow_staff, cell_officer, compliance_update, method, field
):
    for user in (lucknow_staff, cell_officer):
        response = getattr(api_client(user), method)(
            f"/api/v1/compliance-updates/{compliance_update.pk}/", {field: "x"}, format="json"
        )
        assert_error(response, 405, "method_not_allowed")
    stored = ComplianceUpdate.objects.get(pk=compliance_update.pk)
    assert (stored.text_en, stored.text_hi, stored.reason_hi) == ("Nominations started.", "", "")


def test_the_admin_shows_both_languages_and_changes_none(personas, compliance_update):
    client = personas["cell_officer"]
    url = reverse("admin:reviews_complianceupdate_change", args=[compliance_update.pk])
    page = client.get(url).content.decode()
    assert "Nominations started." in page and 'name="text_en"' not in page
    assert client.post(url, {"text_en": "x", "text_hi": "y"}).status_code == 403
    point = reverse("admin:reviews_actionpoint_change", args=[compliance_update.action_point_id])
    assert "what was done (hindi)" in client.get(point).content.decode().lower()
    assert ComplianceUpdate.objects.get().text_en == "Nominations started."


def test_the_database_needs_what_was_done_in_some_language(lucknow_point, lucknow_staff):
    values = {"action_point": lucknow_point, "on": TODAY(), "status": "open", "by": lucknow_staff}
    with pytest.raises(IntegrityError), transaction.atomic():
        ComplianceUpdate.objects.create(**values)
    ComplianceUpdate.objects.create(text_hi=DONE[1], **values)
    assert ComplianceUpdate.objects.count() == 1


# --- The migration ---------------------------------------------------------------------------


@pytest.fixture
def districts_loaded(transactional_db):
    """The master data again: a transactional test run earlier in the session flushed it."""
    master_data_load(rows=master_data_read())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_the_english_texts_both_ways(
    districts_loaded, past_meeting, cell_officer
):
    lucknow = District.objects.get(name_en="Lucknow")
    point = builders.action_point(
        meeting_obj=past_meeting,
        officer=cell_officer,
        district=lucknow,
        due_on=TODAY() - datetime.timedelta(days=2),
    )
    compliance_update_add(
        action_point=point,
        on=TODAY(),
        status="in_progress",
        text_en=DONE[0],
        text_hi=DONE[1],
        reason_en=REASON[0],
        user=cell_officer,
    )
    updates = ComplianceUpdate._meta.db_table
    points = ActionPoint._meta.db_table
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("reviews", "0004_input_bounds")])
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT text, reason FROM {updates}")  # noqa: S608
            assert cursor.fetchall() == [(DONE[0], REASON[0])]
            cursor.execute(f"SELECT delay_reason FROM {points} WHERE id = %s", [point.pk])  # noqa: S608
            assert cursor.fetchall() == [(REASON[0],)]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("reviews"))
    update = ComplianceUpdate.objects.get()
    assert (update.text_en, update.text_hi, update.reason_en, update.reason_hi) == (
        DONE[0],
        "",
        REASON[0],
        "",
    )
    assert ActionPoint.objects.get(pk=point.pk).delay_reason_en == REASON[0]
    # The check on what was done holds again, on both languages.
    with pytest.raises(IntegrityError), transaction.atomic():
        ComplianceUpdate.objects.create(
            action_point=point, on=TODAY(), status="open", by=cell_officer
        )
