"""MoU next steps and timeline notes written in English and Hindi: pages, the status report and
the API show the active language's, falling back to the other one with its lang and a marker;
the stage history stays append-only in the database after the columns were added."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from mous.models import MoU, MoUStageChange, Stage
from mous.services import mou_expire, mou_note_add, mou_stage_move
from reviews.pdf import report_html
from tests.api.clients import api_client, assert_error
from tests.mous import builders

pytestmark = pytest.mark.django_db

ENGLISH_MARKED = "(अंग्रेज़ी में)"
NOTE = ("Met the partner in Lucknow.", "लखनऊ में सहयोगी संस्था से बैठक हुई।")
NEXT = ("Send the draft for vetting.", "मसौदा परीक्षण हेतु भेजना।")


def _move_in_both(mou, officer):
    return mou_stage_move(
        mou=mou,
        to_stage=Stage.IN_TALKS,
        note_en=NOTE[0],
        note_hi=NOTE[1],
        next_step_en=NEXT[0],
        next_step_hi=NEXT[1],
        user=officer,
    )


def _page(client, name, *args, language="en"):
    response = client.get(reverse(name, args=args), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_a_hindi_page_shows_the_hindi_note_and_next_step(personas, mou, cell_officer):
    _move_in_both(mou, cell_officer)
    secretary = personas["principal_secretary"]
    for name, args in [("mous:detail", [mou.pk]), ("mous:list", [])]:
        hindi = _page(secretary, name, *args, language="hi")
        assert NOTE[1] in hindi and NEXT[1] in hindi, name
        assert NOTE[0] not in hindi and NEXT[0] not in hindi, name
        english = _page(secretary, name, *args)
        assert NOTE[0] in english and NEXT[0] in english and NEXT[1] not in english, name


def test_english_only_text_on_a_hindi_page_is_marked(personas, mou, cell_officer):
    mou_note_add(
        mou=mou, note_en="Chased by e-mail.", next_step_en="Call on Monday", user=cell_officer
    )
    secretary = personas["principal_secretary"]
    detail = _page(secretary, "mous:detail", mou.pk, language="hi")
    assert '<span lang="en">Chased by e-mail.</span>' in detail
    assert '<span lang="en">Call on Monday</span>' in detail and ENGLISH_MARKED in detail
    listing = _page(secretary, "mous:list", language="hi")
    assert '<span lang="en">Call on Monday</span> <span class="fallback-marker">' in listing
    # Text in the page's own language carries no marker.
    assert "fallback-marker" not in _page(secretary, "mous:detail", mou.pk)


def test_hindi_only_next_step_on_an_english_page_is_marked(personas, mou, cell_officer):
    mou_note_add(mou=mou, note_en="Chased.", next_step_hi=NEXT[1], user=cell_officer)
    page = _page(personas["principal_secretary"], "mous:detail", mou.pk)
    assert (
        f'<span lang="hi">{NEXT[1]}</span> <span class="fallback-marker">(in Hindi)</span>' in page
    )


def test_the_stage_move_page_takes_both_languages(personas, mou):
    client = personas["cell_officer"]
    url = reverse("mous:stage_move", args=[mou.pk])
    form = client.get(url).content.decode()
    assert 'name="note_hi"' in form and 'lang="hi"' in form and 'name="next_step_hi"' in form
    response = client.post(
        url,
        {
            "to_stage": "",
            "note_en": NOTE[0],
            "note_hi": NOTE[1],
            "next_step_en": NEXT[0],
            "next_step_hi": NEXT[1],
        },
    )
    assert response.status_code == 302
    row = mou.stage_changes.order_by("-pk").first()
    assert (row.note_en, row.note_hi, row.next_step_en, row.next_step_hi) == (*NOTE, *NEXT)
    stored = MoU.objects.get(pk=mou.pk)
    assert (stored.next_step_en, stored.next_step_hi) == NEXT
    # The next time, the form starts from the MoU's next step in both languages.
    initial = client.get(url).context["form"]
    assert (initial["next_step_en"].value(), initial["next_step_hi"].value()) == NEXT


def test_a_hindi_note_alone_is_refused_at_the_english_note(personas, mou):
    response = personas["cell_officer"].post(
        reverse("mous:stage_move", args=[mou.pk]), {"to_stage": "in_talks", "note_hi": NOTE[1]}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["note_en"] == ["This field is required."]
    assert mou.stage_changes.count() == 1


def test_the_hindi_status_report_shows_the_hindi_next_step_and_note(meeting, mou, cell_officer):
    _move_in_both(mou, cell_officer)
    hindi = report_html(meeting=meeting, user=cell_officer, language="hi", cutoff=timezone.now())
    assert NEXT[1] in hindi and NEXT[0] not in hindi
    english = report_html(meeting=meeting, user=cell_officer, language="en", cutoff=timezone.now())
    assert NEXT[0] in english and NEXT[1] not in english


def test_the_hindi_status_report_marks_an_english_only_note(meeting, mou, cell_officer):
    mou_note_add(
        mou=mou, note_en="Chased by e-mail.", next_step_en="Call on Monday", user=cell_officer
    )
    hindi = report_html(meeting=meeting, user=cell_officer, language="hi", cutoff=timezone.now())
    assert '<span lang="en">Chased by e-mail.</span>' in hindi
    assert '<span lang="en">Call on Monday</span>' in hindi and ENGLISH_MARKED in hindi


def test_the_api_writes_both_languages_and_reads_the_active_one(cell_officer, mou):
    client = api_client(cell_officer)
    response = client.post(
        f"/api/v1/mous/{mou.pk}/move-stage/",
        {
            "to_stage": "in_talks",
            "note_en": NOTE[0],
            "note_hi": NOTE[1],
            "next_step_en": NEXT[0],
            "next_step_hi": NEXT[1],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["next_step"], body["next_step_en"], body["next_step_hi"]) == (NEXT[0], *NEXT)
    hindi = api_client(cell_officer, "hi").get(f"/api/v1/mous/{mou.pk}/").json()
    assert hindi["next_step"] == NEXT[1]
    change = hindi["changes_since"][-1]
    assert (change["note"], change["note_en"], change["note_hi"]) == (NOTE[1], *NOTE)
    assert (change["next_step"], change["next_step_en"], change["next_step_hi"]) == (NEXT[1], *NEXT)
    history = api_client(cell_officer, "hi").get(f"/api/v1/mou-stage-history/?mou={mou.pk}")
    assert [row["note"] for row in history.json()["results"]][-1] == NOTE[1]


def test_the_api_falls_back_to_english_and_refuses_the_old_names(cell_officer, mou):
    client = api_client(cell_officer, "hi")
    answer = client.post(
        f"/api/v1/mous/{mou.pk}/note/",
        {"note_en": "Chased.", "next_step_en": "Call"},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert (answer.json()["next_step"], answer.json()["next_step_hi"]) == ("Call", "")
    # The old names are read-only now: sending one is refused at it, and nothing is recorded.
    for old, field in [
        ({"note": "Chased."}, "note"),
        ({"note_en": "x", "next_step": "Call"}, "next_step"),
    ]:
        body = assert_error(
            client.post(f"/api/v1/mous/{mou.pk}/note/", old, format="json"), 400, "invalid"
        )
        assert list(body["fields"]) == [field]
    assert mou.stage_changes.count() == 2


def test_a_new_mou_through_the_api_opens_its_timeline_in_both_languages(cell_officer, mou_partner):
    response = api_client(cell_officer).post(
        "/api/v1/mous/",
        {
            "partner": mou_partner.pk,
            "title_en": "Packaging",
            "title_hi": "पैकेजिंग",
            "purpose_en": "Better packaging",
            "purpose_hi": "बेहतर पैकेजिंग",
            "nodal_officer": cell_officer.pk,
            "note_en": NOTE[0],
            "note_hi": NOTE[1],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    row = MoUStageChange.objects.get(mou_id=response.json()["id"])
    assert (row.note_en, row.note_hi) == NOTE


def test_the_admin_records_an_mou_with_a_hindi_note(personas, mou_partner, cell_officer):
    response = personas["cell_officer"].post(
        reverse("admin:mous_mou_add"),
        {
            "partner": mou_partner.pk,
            "title_en": "Packaging",
            "title_hi": "पैकेजिंग",
            "purpose_en": "Better packaging",
            "purpose_hi": "बेहतर पैकेजिंग",
            "nodal_officer": cell_officer.pk,
            "stage": "identified",
            "note_en": NOTE[0],
            "note_hi": NOTE[1],
            "deliverables-TOTAL_FORMS": "0",
            "deliverables-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert (MoUStageChange.objects.get().note_en, MoUStageChange.objects.get().note_hi) == NOTE


def test_the_admin_changelists_mark_english_only_text(personas, mou, cell_officer):
    mou_note_add(mou=mou, note_en="Chased.", next_step_en="Call on Monday", user=cell_officer)
    client = personas["cell_officer"]
    mous = client.get(reverse("admin:mous_mou_changelist"), HTTP_ACCEPT_LANGUAGE="hi")
    assert '<span lang="en">Call on Monday</span>' in mous.content.decode()
    history = client.get(reverse("admin:mous_moustagechange_changelist"), HTTP_ACCEPT_LANGUAGE="hi")
    assert '<span lang="en">Chased.</span>' in history.content.decode()


def test_the_expiry_run_writes_its_note_in_both_languages(cell_officer):
    mou = builders.mou(officer=cell_officer, stage=Stage.SIGNED)
    MoU.objects.filter(pk=mou.pk).update(valid_until=datetime.date(2026, 1, 5))
    mou_expire(mou_id=mou.pk, today=datetime.date(2026, 2, 1))
    row = mou.stage_changes.order_by("-pk").first()
    assert row.to_stage == Stage.EXPIRED
    assert row.note_en == "The MoU's validity has ended; the portal marked it expired."
    assert row.note_hi == "एमओयू की वैधता समाप्त हो गई है; पोर्टल ने इसे समाप्त चिह्नित किया।"


# --- The history stays append-only ------------------------------------------------------------


def _update_refused(sql: str, params: list) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


TABLE = MoUStageChange._meta.db_table


@pytest.mark.parametrize("column", ["note", "note_hi", "next_step", "next_step_hi"])
def test_the_database_refuses_an_update_of_either_language(mou, column):
    row = mou.stage_changes.get()
    assert _update_refused(f"UPDATE {TABLE} SET {column} = %s WHERE id = %s", ["x", row.pk])  # noqa: S608
    stored = MoUStageChange.objects.get(pk=row.pk)
    assert (stored.note_en, stored.note_hi) == ("Proposed by the ODOP cell.", "")


def test_the_model_refuses_to_save_a_history_row_again(mou):
    row = mou.stage_changes.get()
    row.note_hi = "बदला हुआ"
    with pytest.raises(TypeError):
        row.save()
    with pytest.raises(TypeError):
        MoUStageChange.objects.filter(pk=row.pk).update(note_hi="बदला हुआ")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_the_english_text_and_the_guard_both_ways(cell_officer):
    mou = builders.mou(officer=cell_officer)
    mou_note_add(mou=mou, note_en=NOTE[0], note_hi=NOTE[1], next_step_en=NEXT[0], user=cell_officer)
    before = [("mous", "0006_progress_corrections")]
    after = [("mous", "0007_bilingual_notes_next_steps")]
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(before)
        # Back on the single-language columns: the texts are there, and updates are refused.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT note, next_step FROM {TABLE} ORDER BY id")  # noqa: S608
            assert cursor.fetchall()[-1] == (NOTE[0], NEXT[0])
        assert _update_refused(f"UPDATE {TABLE} SET note = %s", ["x"])  # noqa: S608
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    row = MoUStageChange.objects.order_by("-pk").first()
    assert (row.note_en, row.note_hi, row.next_step_en, row.next_step_hi) == (
        NOTE[0],
        "",
        NEXT[0],
        "",
    )
    assert MoU.objects.get(pk=mou.pk).next_step_en == NEXT[0]
    assert _update_refused(f"UPDATE {TABLE} SET note_hi = %s", ["x"])  # noqa: S608
    assert _update_refused(f"UPDATE {TABLE} SET note = %s", ["x"])  # noqa: S608
