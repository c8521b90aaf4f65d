"""The admin for cell officers: MoU list with stage, days, staleness; history read-only."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mous.models import Deliverable, MoU, MoUStageChange, ProgressEntry, Stage
from partners.models import Partner
from tests.mous import builders
from tests.queries import assert_constant_queries, assert_num_queries

made = iter(range(10_000))


def _mou_form(partner, officer, **overrides):
    data = {
        "partner": partner.pk,
        "title_en": "Packaging support",
        "title_hi": "पैकेजिंग सहयोग",
        "purpose_en": "Better packaging of ODOP products",
        "purpose_hi": "ओडीओपी उत्पादों की पैकेजिंग बेहतर करना",
        "nodal_officer": officer.pk,
        "stage": "advanced",
        "note_en": "Talks reported at an advanced stage in the review meeting.",
        "deliverables-TOTAL_FORMS": "0",
        "deliverables-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def test_an_officer_records_an_mou_at_the_advanced_stage_with_its_first_history_row(
    personas, mou_partner, cell_officer
):
    response = personas["cell_officer"].post(
        reverse("admin:mous_mou_add"), _mou_form(mou_partner, cell_officer)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    mou = MoU.objects.get()
    assert mou.stage == Stage.ADVANCED
    row = mou.stage_changes.get()
    assert (row.from_stage, row.to_stage, row.changed_by) == ("", Stage.ADVANCED, cell_officer)


def test_recording_an_mou_needs_a_note_and_an_open_stage(personas, mou_partner, cell_officer):
    client = personas["cell_officer"]
    response = client.post(
        reverse("admin:mous_mou_add"), _mou_form(mou_partner, cell_officer, note_en="")
    )
    assert "note_en" in response.context["adminform"].form.errors
    response = client.post(
        reverse("admin:mous_mou_add"), _mou_form(mou_partner, cell_officer, stage="dropped")
    )
    assert "stage" in response.context["adminform"].form.errors
    assert not MoU.objects.exists()


def test_valid_until_before_valid_from_is_refused_in_the_admin(personas, mou_partner, cell_officer):
    response = personas["cell_officer"].post(
        reverse("admin:mous_mou_add"),
        _mou_form(mou_partner, cell_officer, valid_from="2027-01-26", valid_until="2026-01-26"),
    )
    assert response.context["adminform"].form.errors["valid_until"] == [
        "The end of validity cannot be before its start."
    ]
    assert not MoU.objects.exists()


def test_the_nodal_officer_must_be_a_cell_officer(personas, mou_partner, lucknow_staff):
    response = personas["cell_officer"].post(
        reverse("admin:mous_mou_add"), _mou_form(mou_partner, lucknow_staff)
    )
    assert "nodal_officer" in response.context["adminform"].form.errors


def test_the_stage_cannot_be_changed_through_the_change_form(personas, mou, cell_officer):
    data = _mou_form(mou.partner, cell_officer, stage="completed", title_en="Renamed")
    data["stage_changes-TOTAL_FORMS"] = data["stage_changes-INITIAL_FORMS"] = "1"
    data["stage_changes-0-id"] = mou.stage_changes.get().pk
    data["stage_changes-0-mou"] = mou.pk
    response = personas["cell_officer"].post(reverse("admin:mous_mou_change", args=[mou.pk]), data)
    assert response.status_code == 302
    mou.refresh_from_db()
    assert (mou.title_en, mou.stage) == ("Renamed", Stage.IDENTIFIED)


def test_the_changelist_shows_stage_days_staleness_and_next_step(personas, mou, cell_officer):
    MoU.objects.filter(pk=mou.pk).update(
        last_update_at=timezone.now() - timedelta(days=40),
        stage_changed_at=timezone.now() - timedelta(days=40, hours=1),
        next_step_en="Call the partner",
    )
    client = personas["cell_officer"]
    page = client.get(reverse("admin:mous_mou_changelist")).content.decode()
    assert "stale-amber" in page and "Call the partner" in page and ">40<" in page
    for query, count in [
        ("stage=identified", 1),
        ("stage=signed", 0),
        ("partner__kind=marketplace", 1),
        ("partner__kind=finance", 0),
        ("staleness=amber", 1),
        ("staleness=red", 0),
    ]:
        response = client.get(reverse("admin:mous_mou_changelist") + "?" + query)
        assert response.context["cl"].result_count == count, query


def test_the_changelist_runs_a_constant_number_of_queries(personas, cell_officer):
    client = personas["cell_officer"]

    def grow():
        for _ in range(5):
            partner = builders.partner(name_en=f"Partner {next(made)}", kind=Partner.Kind.DESIGN)
            builders.mou(officer=cell_officer, partner_obj=partner)

    grow()
    url = reverse("admin:mous_mou_changelist")
    client.get(url)
    # user (session from the cache), permissions, filtered count, total count,
    # MoUs with partner and status
    with assert_num_queries(5):
        client.get(url)
    assert_constant_queries(lambda: client.get(url), grow)
    for name in (
        "mous_moustagechange",
        "mous_deliverable",
        "mous_moudocument",
        "mous_moureminder",
        "partners_partner",
    ):
        other = reverse(f"admin:{name}_changelist")
        assert_constant_queries(lambda other=other: client.get(other), grow)


def test_the_history_cannot_be_changed_or_deleted_in_the_admin(personas, mou_stage_change):
    client = personas["cell_officer"]
    change_url = reverse("admin:mous_moustagechange_change", args=[mou_stage_change.pk])
    page = client.get(change_url)
    assert page.status_code == 200 and b'type="submit"' not in page.content.split(b"<form")[-1]
    response = client.post(change_url, {"note_en": "rewritten", "to_stage": "signed"})
    assert response.status_code == 403
    delete_url = reverse("admin:mous_moustagechange_delete", args=[mou_stage_change.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:mous_moustagechange_add")).status_code == 403
    assert MoUStageChange.objects.get(pk=mou_stage_change.pk).note == "Proposed by the ODOP cell."


def test_a_superuser_cannot_change_history_either(mou_stage_change, client):
    from tests import factories

    admin = factories.user(username="root", role="cell_officer")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    url = reverse("admin:mous_moustagechange_change", args=[mou_stage_change.pk])
    assert client.post(url, {"note_en": "rewritten"}).status_code == 403


def test_a_negative_target_is_refused_at_the_field(personas, mou):
    response = personas["cell_officer"].post(
        reverse("admin:mous_deliverable_add"),
        {
            "mou": mou.pk,
            "kind": "orders",
            "target": "-10",
            "progress_entries-TOTAL_FORMS": "0",
            "progress_entries-INITIAL_FORMS": "0",
        },
    )
    assert response.context["adminform"].form.errors["target"] == [
        "The target must be a number greater than zero."
    ]
    assert not Deliverable.objects.exists()


def _progress(deliverable, on, value):
    return {
        "mou": deliverable.mou_id,
        "kind": deliverable.kind,
        "target": deliverable.target,
        "progress_entries-TOTAL_FORMS": "1",
        "progress_entries-INITIAL_FORMS": "0",
        "progress_entries-0-on": on,
        "progress_entries-0-value": value,
        "progress_entries-0-note": "",
    }


def test_progress_is_recorded_in_the_admin_through_the_service(personas, mou_deliverable):
    url = reverse("admin:mous_deliverable_change", args=[mou_deliverable.pk])
    response = personas["cell_officer"].post(
        url, _progress(mou_deliverable, timezone.localdate().isoformat(), "125")
    )
    assert response.status_code == 302
    entry = ProgressEntry.objects.get()
    assert (entry.value, entry.recorded_by) == (125, personas["cell_officer"].user)
    page = personas["cell_officer"].get(reverse("admin:mous_deliverable_changelist"))
    assert "25%" in page.content.decode()


def test_progress_in_the_future_is_refused_in_the_admin(personas, mou_deliverable):
    url = reverse("admin:mous_deliverable_change", args=[mou_deliverable.pk])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = personas["cell_officer"].post(url, _progress(mou_deliverable, tomorrow, "5"))
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors
    assert errors[0]["on"] == ["Progress cannot be dated in the future."]
    assert not ProgressEntry.objects.exists()


def test_the_principal_secretary_and_district_staff_cannot_write_in_the_admin(personas, mou):
    for persona in ("principal_secretary", "lucknow_staff"):
        client = personas[persona]
        response = client.post(
            reverse("admin:mous_mou_change", args=[mou.pk]), {"title_en": "Hijacked"}
        )
        assert response.status_code == 302 and "login" in response["Location"]
    mou.refresh_from_db()
    assert mou.title_en == "E-commerce sales of ODOP products"
