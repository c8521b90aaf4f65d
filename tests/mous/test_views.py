"""The MoU pages: the meeting's list, the detail with timeline, the stage change page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from demo.mous import mou_demo_load
from mous.models import MoU, MoUStageChange, Stage
from mous.services import mou_stage_move
from tests.mous import builders
from tests.queries import assert_constant_queries, assert_num_queries

made = iter(range(10_000))


def _more_mous(officer, n=10):
    for _ in range(n):
        number = next(made)
        mou = builders.mou(
            officer=officer, partner_obj=builders.partner(name_en=f"Partner {number}")
        )
        mou_stage_move(mou=mou, to_stage=Stage.IN_TALKS, note_en="Met.", user=officer)


def test_the_list_answers_where_each_mou_stands_since_when_and_what_changed(personas, cell_officer):
    mou_demo_load(officer=cell_officer)
    flipkart = MoU.objects.get(partner__name_en="Flipkart.com")
    mou_stage_move(
        mou=flipkart, to_stage=Stage.APPROVED_FOR_SIGNING, note_en="Vetted.", user=cell_officer
    )
    response = personas["principal_secretary"].get(reverse("mous:list"), {"since": "2026-09-01"})
    assert response.status_code == 200
    rows = {mou.partner.name_en: mou for mou in response.context["mous"]}
    assert len(rows) == 8
    assert {mou.stage for name, mou in rows.items() if name != "Flipkart.com"} == {Stage.ADVANCED}
    page = response.content.decode()
    assert "Advanced stage" in page and "Approved for signing" in page
    assert "Vetted." in page
    # QCI reached the advanced stage on 27 Jul 2026, before the date asked for.
    assert [c.to_stage for c in rows["Quality Council of India (QCI)"].changes_since] == []
    assert [c.to_stage for c in rows["Alibaba.com"].changes_since] == [Stage.ADVANCED]
    assert "22 Sep 2026" in page


def test_since_defaults_to_thirty_days_ago(personas):
    response = personas["cell_officer"].get(reverse("mous:list"))
    assert response.context["since"] == timezone.localdate() - timedelta(days=30)


def test_a_bad_since_date_gets_a_message_at_the_field(personas, mou):
    response = personas["cell_officer"].get(reverse("mous:list"), {"since": "2026-13-45"})
    assert response.status_code == 200
    assert "since" in response.context["filterset"].form.errors
    assert len(response.context["mous"]) == 1


def test_the_list_filters_by_stage_kind_and_staleness(personas, mou, cell_officer):
    client = personas["cell_officer"]
    assert len(client.get(reverse("mous:list"), {"stage": "signed"}).context["mous"]) == 0
    assert len(client.get(reverse("mous:list"), {"stage": "identified"}).context["mous"]) == 1
    assert len(client.get(reverse("mous:list"), {"kind": "finance"}).context["mous"]) == 0
    MoU.objects.filter(pk=mou.pk).update(last_update_at=timezone.now() - timedelta(days=70))
    response = client.get(reverse("mous:list"), {"staleness": "red"})
    assert [m.pk for m in response.context["mous"]] == [mou.pk]
    assert "stale-red" in response.content.decode()


def test_the_list_runs_a_constant_number_of_queries(personas, cell_officer):
    client = personas["principal_secretary"]
    _more_mous(cell_officer, 1)
    client.get(reverse("mous:list"))
    # user (session from the cache), permissions, MoUs with partner, nodal officer
    # and status, their changes since the date (with who made them)
    with assert_num_queries(4):
        client.get(reverse("mous:list"))
    assert_constant_queries(
        lambda: client.get(reverse("mous:list")), lambda: _more_mous(cell_officer)
    )


def test_the_detail_runs_a_constant_number_of_queries(
    personas, mou, mou_deliverable, cell_officer, lucknow
):
    from mous.models import Deliverable
    from mous.services import progress_entry_add

    client = personas["principal_secretary"]
    url = reverse("mous:detail", args=[mou.pk])
    client.get(url)
    # user (session from the cache), permissions, the MoU with partner, nodal
    # officer and status, timeline, deliverables with achievement, their progress entries,
    # documents, partner contacts
    with assert_num_queries(8):
        client.get(url)

    def grow():
        for kind in (Deliverable.Kind.ORDERS, Deliverable.Kind.GMV):
            deliverable = Deliverable.objects.create(
                mou=mou, kind=kind, district=lucknow, target=3500000
            )
            progress_entry_add(
                deliverable=deliverable, on=timezone.localdate(), value=1200000, user=cell_officer
            )
        builders.document(mou_obj=mou, officer=cell_officer)
        mou.partner.contacts.create(name="A. Sharma", phone="+91 98390 00000")

    assert_constant_queries(lambda: client.get(url), grow)
    page = client.get(url).content.decode()
    assert "₹35,00,000" in page and "₹12,00,000" in page and "34%" in page


def test_the_principal_secretary_sees_no_edit_control(personas, mou, mou_document):
    page = personas["principal_secretary"].get(reverse("mous:detail", args=[mou.pk]))
    text = page.content.decode()
    assert reverse("mous:stage_move", args=[mou.pk]) not in text
    assert "/admin/" not in text
    assert reverse("mous:document_download", args=[mou_document.pk]) in text
    officer_page = personas["cell_officer"].get(reverse("mous:detail", args=[mou.pk]))
    assert reverse("mous:stage_move", args=[mou.pk]) in officer_page.content.decode()


def test_the_detail_shows_the_timeline(personas, mou, cell_officer):
    mou_stage_move(
        mou=mou,
        to_stage=Stage.IN_TALKS,
        note_en="First meeting in Lucknow.",
        next_step_en="Share draft",
        user=cell_officer,
    )
    page = personas["cell_officer"].get(reverse("mous:detail", args=[mou.pk])).content.decode()
    assert "First meeting in Lucknow." in page and "Share draft" in page
    assert "Identified → In talks" in page


def test_an_officer_moves_a_stage_from_the_page(personas, mou):
    response = personas["cell_officer"].post(
        reverse("mous:stage_move", args=[mou.pk]),
        {"to_stage": "in_talks", "note_en": "Met the partner.", "next_step_en": "Draft"},
    )
    assert response.status_code == 302
    mou.refresh_from_db()
    assert mou.stage == Stage.IN_TALKS and mou.next_step == "Draft"


def test_an_officer_adds_a_note_without_changing_stage(personas, mou):
    response = personas["cell_officer"].post(
        reverse("mous:stage_move", args=[mou.pk]), {"to_stage": "", "note_en": "Chased by e-mail."}
    )
    assert response.status_code == 302
    mou.refresh_from_db()
    assert mou.stage == Stage.IDENTIFIED
    assert mou.stage_changes.order_by("-pk").first().note == "Chased by e-mail."


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"to_stage": "signed", "note_en": "x"},
            "to_stage",
            "An MoU cannot move from “Identified” to “Signed”.",
        ),
        ({"to_stage": "in_talks", "note_en": ""}, "note_en", "This field is required."),
        (
            {"to_stage": "dropped", "note_en": "x"},
            "reason",
            "Give the reason for dropping or terminating the MoU.",
        ),
        (
            {"to_stage": "nonsense", "note_en": "x"},
            "to_stage",
            "Select a valid choice. nonsense is not one of the available choices.",
        ),
    ],
)
def test_bad_stage_changes_get_a_message_at_the_field_and_change_nothing(
    personas, mou, data, field, message
):
    response = personas["cell_officer"].post(reverse("mous:stage_move", args=[mou.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    mou.refresh_from_db()
    assert mou.stage == Stage.IDENTIFIED
    assert MoUStageChange.objects.filter(mou=mou).count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [("principal_secretary", 403), ("lucknow_staff", 403), ("anonymous", 302)],
)
def test_others_cannot_post_a_stage_change(personas, mou, persona, status):
    response = personas[persona].post(
        reverse("mous:stage_move", args=[mou.pk]), {"to_stage": "in_talks", "note_en": "x"}
    )
    assert response.status_code == status
    mou.refresh_from_db()
    assert mou.stage == Stage.IDENTIFIED and mou.stage_changes.count() == 1


def test_an_unknown_mou_is_404(personas):
    assert personas["cell_officer"].get(reverse("mous:detail", args=[99999])).status_code == 404
    assert personas["cell_officer"].get(reverse("mous:stage_move", args=[99999])).status_code == 404


def test_the_pages_render_in_hindi(personas, mou):
    client = personas["principal_secretary"]
    client.post(reverse("accounts:language"), {"language": "hi"})
    page = client.get(reverse("mous:list")).content.decode()
    assert "ई-कॉमर्स से ओडीओपी उत्पादों की बिक्री" in page
    assert "चिह्नित" in page


def test_the_nav_links_to_mous_only_for_readers(personas):
    assert reverse("mous:list") in personas["principal_secretary"].get("/").content.decode()
    assert reverse("mous:list") not in personas["lucknow_staff"].get("/").content.decode()
