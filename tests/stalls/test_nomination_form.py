"""The nomination form knows its fair (issue 19): the allotment left per space, the only
space chosen already, and the m² field only where a space is counted in m²."""

from decimal import Decimal

import pytest
from django.urls import reverse

from events.models import Fair
from stalls.models import Nomination
from stalls.services import allotment_set, stalls_create
from tests import factories
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def stall_fair(lucknow, cell_officer):
    fair = factories.fair(name_en="Stall fair", status=Fair.Status.NOMINATIONS_OPEN)
    space = factories.space(fair=fair, capacity_units=5)
    stalls_create(space=space, numbers=[f"S{n}" for n in range(1, 6)], user=cell_officer)
    allotment_set(space=space, district=lucknow, units=3, user=cell_officer)
    return fair


@pytest.fixture
def area_fair(lucknow, cell_officer):
    fair = factories.fair(name_en="Expo", status=Fair.Status.NOMINATIONS_OPEN)
    space = factories.space(fair=fair, measure="area", capacity_area=Decimal(1000))
    allotment_set(space=space, district=lucknow, area=Decimal(60), user=cell_officer)
    return fair


def _form(client, fair):
    return client.get(reverse("stalls:nominate", args=[fair.pk])).context["form"]


def test_a_stall_fair_preselects_its_only_space_and_never_asks_for_m2(personas, stall_fair):
    form = _form(personas["lucknow_staff"], stall_fair)
    space = stall_fair.spaces.get()
    assert "area_requested" not in form.fields
    assert form.fields["space"].initial == space.pk
    assert [label for _, label in form.fields["space"].choices] == [
        "ODOP stalls — 3 stalls left of your district's allotment"
    ]


def test_the_page_shows_the_allotment_left_and_it_falls_as_nominations_come(
    personas, stall_fair, lucknow, lucknow_staff
):
    from stalls.services import nomination_submit

    client = personas["lucknow_staff"]
    space = stall_fair.spaces.get()
    nomination_submit(
        space=space,
        exhibitor=factories.exhibitor(district=lucknow, mobile="9415011111"),
        user=lucknow_staff,
    )
    page = client.get(reverse("stalls:nominate", args=[stall_fair.pk]))
    assert page.context["allotment_rows"][0]["free"] == 2
    assert "2 stalls left of your district&#x27;s allotment" in page.content.decode()


def test_an_area_fair_needs_the_m2_at_the_field(personas, area_fair, lucknow):
    client = personas["lucknow_staff"]
    exhibitor = factories.exhibitor(district=lucknow, mobile="9415022222")
    space = area_fair.spaces.get()
    form = _form(client, area_fair)
    assert form.fields["area_requested"].required
    assert any("60 m² left" in label for _, label in form.fields["space"].choices)
    answer = client.post(
        reverse("stalls:nominate", args=[area_fair.pk]),
        {"space": space.pk, "exhibitor": exhibitor.pk},
    )
    assert answer.status_code == 200
    assert answer.context["form"].errors["area_requested"]
    assert not Nomination.objects.exists()


def test_the_cell_sees_the_spaces_without_a_districts_allotment(personas, stall_fair):
    form = _form(personas["cell_officer"], stall_fair)
    assert [label for _, label in form.fields["space"].choices] == ["ODOP stalls"]


def test_the_form_costs_the_same_queries_whatever_the_spaces(
    personas, stall_fair, lucknow, cell_officer
):
    client = personas["lucknow_staff"]
    url = reverse("stalls:nominate", args=[stall_fair.pk])
    made = iter(range(100))

    def grow():
        space = factories.space(fair=stall_fair, capacity_units=2, name_en=f"Hall {next(made)}")
        allotment_set(space=space, district=lucknow, units=1, user=cell_officer)

    grow()  # one space is preselected, several are not: compare several with more
    assert_constant_queries(lambda: client.get(url), grow)
