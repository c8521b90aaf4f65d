"""The draws' public pages, the fair page's rules, the admin and the API of rules and draws."""

import hashlib
import json

import pytest
from django.urls import reverse

from events.models import Space
from stalls.models import AllocationRuleChange, Draw
from stalls.services import allocation_rule_set, draw_perform, nomination_approve
from tests import factories
from tests.queries import assert_constant_queries

SEED = "matrix-seed"


@pytest.fixture
def drawn(draw, cell_officer):
    return draw_perform(draw=draw, seed=SEED, user=cell_officer)


def test_the_public_page_shows_rule_entrants_seed_and_order_and_no_mobile(
    client, drawn, nomination
):
    page = client.get(drawn.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    exhibitor = nomination.exhibitor
    assert exhibitor.name in text
    assert exhibitor.district.name_en in text
    assert exhibitor.mobile not in text
    assert drawn.commitment in text and SEED in text
    data = client.get(reverse("draws:data", args=[drawn.pk])).json()
    assert data["seed"] == SEED and data["entrants"][0]["position"] == 1
    assert exhibitor.mobile not in json.dumps(data)
    assert "mobile" not in json.dumps(data)


def test_before_the_draw_the_seed_is_not_shown(client, draw):
    text = client.get(draw.get_absolute_url()).content.decode()
    assert draw.commitment in text
    assert "Not yet: the seed is revealed at the draw." in text
    assert client.get(reverse("draws:data", args=[draw.pk])).json()["seed"] is None


def test_the_public_page_is_in_hindi_too(client, drawn):
    client.cookies["django_language"] = "hi"
    text = client.get(drawn.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "लॉटरी का क्रम" in text and "सीड" in text


def test_the_draw_list_lists_published_draws(client, draw):
    text = client.get(reverse("draws:list")).content.decode()
    assert draw.get_absolute_url() in text


def test_the_public_page_reads_a_constant_number_of_queries(
    client, drawn, units_space, lucknow, lucknow_staff
):
    from stalls.models import DrawEntrant, Nomination

    def grow():
        for index in range(5):
            exhibitor = factories.exhibitor(district=lucknow, mobile=f"94151110{index:02d}")
            nomination = Nomination.objects.create(
                fair=units_space.fair,
                space=units_space,
                exhibitor=exhibitor,
                district=lucknow,
                nominated_by=lucknow_staff,
            )
            DrawEntrant.objects.create(
                draw=drawn, nomination=nomination, ticket="0" * 64, position=index + 2
            )

    queries = assert_constant_queries(lambda: client.get(drawn.get_absolute_url()), grow)
    assert queries <= 3


def test_the_fair_page_shows_each_space_rule_and_links_the_draw(
    client, fair, draw, area_space, lucknow_staff
):
    client.force_login(lucknow_staff)
    text = " ".join(client.get(fair.get_absolute_url()).content.decode().split())
    assert "How places are given" in text
    assert "Draw of lots" in text and "First come, first served" in text
    assert draw.get_absolute_url() in text
    assert "The district allotment does not limit nominations here." in text


def test_the_officer_changes_a_rule_in_the_admin_with_a_reason_after_start(
    client, units_space, nomination, cell_officer
):
    nomination_approve(nomination=nomination, user=cell_officer)
    client.force_login(cell_officer)
    url = reverse("admin:events_space_change", args=[units_space.pk])
    form = {
        "fair": units_space.fair_id,
        "name_en": units_space.name_en,
        "name_hi": units_space.name_hi,
        "measure": "units",
        "is_odop": "on",
        "capacity_units": units_space.capacity_units,
        "charge_gst_percent": "0",
        "rule_method": "lots",
        "rule_retention": "1",
        "rule_rotation": "0",
        "rule_reason": "",
        "reserved_shares-TOTAL_FORMS": "0",
        "reserved_shares-INITIAL_FORMS": "0",
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "give the reason for changing its rule" in refused.content.decode()
    units_space.refresh_from_db()
    assert units_space.allocation_method == "first_come"
    saved = client.post(url, {**form, "rule_reason": "Too many nominations."})
    assert saved.status_code == 302
    units_space.refresh_from_db()
    assert units_space.allocation_method == "lots"
    assert AllocationRuleChange.objects.get().reason == "Too many nominations."


def test_the_officer_publishes_and_makes_a_draw_in_the_admin(
    client, units_space, nomination, cell_officer
):
    allocation_rule_set(space=units_space, method=Space.Method.LOTS, user=cell_officer)
    nomination_approve(nomination=nomination, user=cell_officer)
    client.force_login(cell_officer)
    add = reverse("admin:stalls_draw_add")
    bad = client.post(add, {"space": units_space.pk, "commitment": "not a hash"})
    assert bad.status_code == 200 and "64 hexadecimal digits" in bad.content.decode()
    assert not Draw.objects.exists()
    commitment = hashlib.sha256(SEED.encode()).hexdigest()
    assert client.post(add, {"space": units_space.pk, "commitment": commitment}).status_code == 302
    draw = Draw.objects.get()
    change = reverse("admin:stalls_draw_change", args=[draw.pk])
    wrong = client.post(change, {"reveal_seed": "wrong-seed"})
    assert wrong.status_code == 200
    assert "does not match the commitment" in wrong.content.decode()
    draw.refresh_from_db()
    assert not draw.is_drawn
    assert client.post(change, {"reveal_seed": SEED}).status_code == 302
    draw.refresh_from_db()
    assert draw.is_drawn and draw.entrants.get().position == 1
    # Made: the change page is read-only, a second POST changes nothing.
    assert client.post(change, {"reveal_seed": SEED}).status_code == 403


def test_the_api_sets_rules_publishes_and_draws(client, units_space, nomination, cell_officer):
    client.force_login(cell_officer)
    rule = client.post(
        "/api/v1/allocation-rules/",
        {"space": units_space.pk, "allocation_method": "lots"},
        content_type="application/json",
    )
    assert rule.status_code == 201, rule.content
    assert rule.json()["method_after"] == "lots"
    same = client.post(
        "/api/v1/allocation-rules/",
        {"space": units_space.pk, "allocation_method": "lots"},
        content_type="application/json",
    )
    assert same.status_code == 204
    nomination_approve(nomination=nomination, user=cell_officer)
    commitment = hashlib.sha256(SEED.encode()).hexdigest()
    published = client.post(
        "/api/v1/draws/",
        {"space": units_space.pk, "commitment": commitment},
        content_type="application/json",
    )
    assert published.status_code == 201, published.content
    draw_id = published.json()["id"]
    wrong = client.post(
        f"/api/v1/draws/{draw_id}/draw/", {"seed": "nope-nope"}, content_type="application/json"
    )
    assert wrong.status_code == 400
    assert "seed" in json.dumps(wrong.json())
    made = client.post(
        f"/api/v1/draws/{draw_id}/draw/", {"seed": SEED}, content_type="application/json"
    )
    assert made.status_code == 200
    assert made.json()["entrants"][0]["position"] == 1
    again = client.post(
        f"/api/v1/draws/{draw_id}/draw/", {"seed": SEED}, content_type="application/json"
    )
    assert again.status_code == 409


def test_the_dashboard_the_fair_page_and_the_report_show_each_rule_and_its_outcome(
    client, fair, drawn, cell_officer, principal_secretary
):
    from reviews.selectors import fair_progress_list

    (progress,) = fair_progress_list(user=principal_secretary, fairs=[fair])
    space = next(s for s in progress.spaces if s.pk == drawn.space_id)
    assert (space.entrants, space.retention_claims, space.waiting) == (1, 0, 0)
    client.force_login(principal_secretary)
    dashboard = " ".join(client.get(reverse("dashboard:home")).content.decode().split())
    assert "Draw of lots · drawn on" in dashboard and "entrants: 1" in dashboard
    client.force_login(cell_officer)
    page = " ".join(client.get(fair.get_absolute_url()).content.decode().split())
    assert "Draw of lots · drawn on" in page


def test_the_status_report_shows_each_space_rule_and_its_outcome(drawn, meeting, cell_officer):
    from django.utils import timezone

    from reviews.pdf import report_html

    for language, expected in (("en", "Draw of lots · drawn on"), ("hi", "लॉटरी (ड्रॉ) · ")):
        html = report_html(
            meeting=meeting, user=cell_officer, language=language, cutoff=timezone.now()
        )
        assert expected in " ".join(html.split()), language


def test_the_api_sets_shares_and_coverage_with_the_rule_all_or_nothing(
    client, units_space, cell_officer
):
    from stalls.models import ReservedShare

    client.force_login(cell_officer)
    over = client.post(
        "/api/v1/allocation-rules/",
        {
            "space": units_space.pk,
            "allocation_method": "lots",
            "reserved_shares": {"women_led": 70, "gi_tag": 40},
        },
        content_type="application/json",
    )
    assert over.status_code == 400
    assert "100" in over.json()["error"]["message"]
    units_space.refresh_from_db()
    assert units_space.allocation_method == "first_come"  # nothing changed
    done = client.post(
        "/api/v1/allocation-rules/",
        {
            "space": units_space.pk,
            "allocation_method": "lots",
            "reserved_shares": {"women_led": 20},
            "coverage_first": True,
        },
        content_type="application/json",
    )
    assert done.status_code == 201, done.content
    units_space.refresh_from_db()
    assert units_space.coverage_first
    assert dict(ReservedShare.objects.values_list("category", "percent")) == {"women_led": 20}


def test_the_draw_list_reads_a_constant_number_of_queries(
    client, fair, drawn, lucknow, lucknow_staff, cell_officer
):
    import hashlib as _hashlib

    from stalls.services import draw_publish as publish
    from stalls.services import nomination_submit, stalls_create

    def grow():
        for index in range(3):
            space = factories.space(fair=fair, capacity_units=2, name_en=f"Block {index}")
            stalls_create(space=space, numbers=[f"B{index}"], user=cell_officer)
            allocation_rule_set(space=space, method=Space.Method.LOTS, user=cell_officer)
            exhibitor = factories.exhibitor(district=lucknow, mobile=f"94152220{index:02d}")
            nomination_approve(
                nomination=nomination_submit(space=space, exhibitor=exhibitor, user=lucknow_staff),
                user=cell_officer,
            )
            publish(
                space=space,
                commitment=_hashlib.sha256(f"seed-{index}-long".encode()).hexdigest(),
                user=cell_officer,
            )

    queries = assert_constant_queries(lambda: client.get(reverse("draws:list")), grow)
    assert queries <= 3
