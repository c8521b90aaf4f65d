"""The public fair guide: no sign-in, places given only, never a mobile number or a draft."""

import pytest
from django.urls import reverse

from events.models import Fair
from tests import factories
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_the_guide_lists_open_fairs_with_their_places_and_hides_drafts(client, allocation):
    draft = factories.fair(name_en="Draft fair of next year")
    assert draft.status == Fair.Status.PLANNING
    text = client.get(reverse("guide:fair_list")).content.decode()
    assert allocation.fair.name_en in text
    assert "1 places given · 1 districts · 1 ODOP products" in text
    assert draft.name_en not in text
    assert client.get(reverse("guide:fair", args=[draft.pk])).status_code == 404


def test_a_fair_shows_its_exhibitors_and_never_a_mobile_number(client, allocation):
    exhibitor = allocation.nomination.exhibitor
    text = client.get(reverse("guide:fair", args=[allocation.fair_id])).content.decode()
    assert exhibitor.name in text and "S1" in text and allocation.district.name_en in text
    assert exhibitor.mobile not in text
    for name in ("guide:map",):
        assert (
            exhibitor.mobile
            not in client.get(reverse(name, args=[allocation.fair_id])).content.decode()
        )


def test_a_nomination_not_yet_placed_is_not_shown(client, nomination):
    # Lucknow's nomination is submitted, not placed: nothing of it is public.
    text = client.get(reverse("guide:fair", args=[nomination.fair_id])).content.decode()
    assert nomination.exhibitor.name not in text


def test_the_search_narrows_by_district_product_and_name(client, allocation, varanasi):
    url = reverse("guide:fair", args=[allocation.fair_id])
    name = allocation.nomination.exhibitor.name
    assert name in client.get(url, {"district": allocation.district_id}).content.decode()
    assert name not in client.get(url, {"district": varanasi.pk}).content.decode()
    assert name in client.get(url, {"product": allocation.product_id}).content.decode()
    assert name in client.get(url, {"q": name[:5]}).content.decode()
    assert name not in client.get(url, {"q": "nobody-by-this-name"}).content.decode()
    assert client.get(url, {"district": "abc", "product": "-1"}).status_code == 200


def test_a_stall_page_and_its_qr_poster(client, allocation):
    stall = allocation.stall
    page = client.get(reverse("guide:stall", args=[allocation.fair_id, stall.pk]))
    assert allocation.nomination.exhibitor.name in page.content.decode()
    poster = client.get(reverse("guide:poster", args=[allocation.fair_id, stall.pk]))
    text = poster.content.decode()
    assert "<svg" in text and stall.number in text
    other = factories.fair(name_en="Other fair", status=Fair.Status.NOMINATIONS_OPEN)
    assert client.get(reverse("guide:stall", args=[other.pk, stall.pk])).status_code == 404


def test_the_fair_page_and_its_map_query_the_same_as_places_are_given(
    client, allocation, cell_officer
):
    from decimal import Decimal

    from stalls.services import (
        allocation_create,
        allotment_set,
        nomination_approve,
        nomination_submit,
    )

    made = iter(range(100))
    space = factories.space(
        fair=allocation.fair, measure="area", capacity_area=Decimal(1000), name_en="Hall"
    )
    allotment_set(space=space, district=allocation.district, area=Decimal(500), user=cell_officer)

    def grow():
        n = next(made)
        exhibitor = factories.exhibitor(district=allocation.district, mobile=f"94156{n:05d}")
        nomination = nomination_submit(
            space=space, exhibitor=exhibitor, user=cell_officer, area_requested=Decimal(9)
        )
        nomination = nomination_approve(nomination=nomination, user=cell_officer)
        allocation_create(nomination=nomination, area=Decimal(9), user=cell_officer)

    for name in ("guide:fair", "guide:map"):
        url = reverse(name, args=[allocation.fair_id])
        assert_constant_queries(lambda url=url: client.get(url), grow)
