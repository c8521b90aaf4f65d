"""Fixtures for fairs, stalls and sales: a fair whose records belong to Lucknow."""

import datetime
from decimal import Decimal

import pytest

from events.models import Fair, Space
from exhibitors.models import Exhibitor
from stalls.models import Allocation, Nomination, Offer
from stalls.services import allocation_create, allotment_set, nomination_approve, stalls_create
from tests import factories


@pytest.fixture
def fair(cell_officer) -> Fair:
    return factories.fair(status=Fair.Status.NOMINATIONS_OPEN)


@pytest.fixture
def units_space(fair, cell_officer) -> Space:
    """Three stalls, S1 to S3."""
    space = factories.space(fair=fair, capacity_units=3)
    stalls_create(space=space, numbers=["S1", "S2", "S3"], user=cell_officer)
    space.refresh_from_db()
    return space


@pytest.fixture
def area_space(fair) -> Space:
    return factories.space(
        fair=fair, measure="area", capacity_area=Decimal(100), name_en="Pavilion"
    )


@pytest.fixture
def stall(units_space):
    return units_space.stalls.order_by("number").first()


@pytest.fixture
def lucknow_exhibitor(lucknow, cell_officer) -> Exhibitor:
    return factories.exhibitor(district=lucknow, mobile="9415000001")


@pytest.fixture
def varanasi_exhibitor(varanasi, cell_officer) -> Exhibitor:
    return factories.exhibitor(district=varanasi, mobile="9415000002")


@pytest.fixture
def allotments(units_space, area_space, lucknow, varanasi, cell_officer):
    for district in (lucknow, varanasi):
        allotment_set(space=units_space, district=district, units=1, user=cell_officer)
        allotment_set(space=area_space, district=district, area=Decimal(40), user=cell_officer)
    units_space.refresh_from_db()
    area_space.refresh_from_db()


@pytest.fixture
def nomination(allotments, units_space, lucknow_exhibitor, lucknow_staff) -> Nomination:
    from stalls.services import nomination_submit

    return nomination_submit(space=units_space, exhibitor=lucknow_exhibitor, user=lucknow_staff)


@pytest.fixture
def allocation(nomination, stall, cell_officer) -> Allocation:
    approved = nomination_approve(nomination=nomination, user=cell_officer)
    return allocation_create(nomination=approved, stall=stall, user=cell_officer)


@pytest.fixture
def live_fair(fair):
    """The fair, running from 10 days ago to 5 days ahead."""
    today = datetime.date.today()
    fair.start_date, fair.end_date = (
        today - datetime.timedelta(days=10),
        today + datetime.timedelta(days=5),
    )
    fair.status = Fair.Status.LIVE
    fair.save()
    return fair


@pytest.fixture
def units_space_fair(units_space):
    return units_space.fair


@pytest.fixture
def activity(fair):
    from events.models import Activity

    return Activity.objects.create(
        fair=fair,
        kind="awards",
        title_en="ODOP awards",
        title_hi="ओडीओपी पुरस्कार",
        date=fair.start_date,
    )


@pytest.fixture
def recipient(activity, lucknow_exhibitor):
    from events.models import Recipient

    return Recipient.objects.create(
        activity=activity,
        exhibitor=lucknow_exhibitor,
        district=lucknow_exhibitor.district,
        given="Award",
    )


@pytest.fixture
def allotment(allotments, units_space, lucknow):
    return units_space.allotments.get(district=lucknow)


@pytest.fixture
def allotment_request(allotments, units_space, lucknow, lucknow_staff):
    from stalls.services import allotment_request_submit

    return allotment_request_submit(
        space=units_space,
        district=lucknow,
        units=1,
        reason="Twelve artisans are waiting.",
        user=lucknow_staff,
    )


@pytest.fixture
def override(nomination, cell_officer):
    from stalls.models import Override

    return Override.objects.create(
        kind="move", nomination=nomination, reason="Moved near the entrance", made_by=cell_officer
    )


@pytest.fixture
def daily_sale(allocation, cell_officer):
    from stalls.models import DailySale

    return DailySale.objects.create(
        allocation=allocation,
        district=allocation.district,
        product_id=allocation.product_id,
        fair=allocation.fair,
        date=allocation.fair.start_date,
        amount=Decimal(1000),
        entered_by=cell_officer,
    )


@pytest.fixture
def draw(units_space, nomination, cell_officer):
    """The units space allocated by lots, its draw published with Lucknow's nomination as
    the one entrant (not yet drawn)."""
    import hashlib

    from stalls.services import allocation_rule_set, draw_publish

    allocation_rule_set(space=units_space, method=Space.Method.LOTS, user=cell_officer)
    nomination_approve(nomination=nomination, user=cell_officer)
    return draw_publish(
        space=units_space,
        commitment=hashlib.sha256(b"matrix-seed").hexdigest(),
        user=cell_officer,
    )


@pytest.fixture
def rule_change(area_space, cell_officer):
    """The pavilion's rule changed to a draw of lots before allocation started."""
    from stalls.services import allocation_rule_set

    allocation_rule_set(space=area_space, method=Space.Method.LOTS, user=cell_officer)
    return area_space.rule_changes.get()


@pytest.fixture
def offer(fair, lucknow, lucknow_staff, cell_officer):
    """A one-stall space: Lucknow's first nomination withdrawn, so the stall is offered to
    the second, which waited for it."""
    from stalls.services import nomination_submit, nomination_withdraw

    space = factories.space(fair=fair, capacity_units=1, name_en="Corner stall")
    stalls_create(space=space, numbers=["C1"], user=cell_officer)
    allotment_set(space=space, district=lucknow, units=1, user=cell_officer)
    first, second = (
        nomination_submit(
            space=space,
            exhibitor=factories.exhibitor(district=lucknow, mobile=mobile),
            user=cell_officer,
            override_reason="A reserve for the corner stall.",
        )
        for mobile in ("9415000101", "9415000102")
    )
    nomination_approve(nomination=first, user=cell_officer)
    nomination_approve(nomination=second, user=cell_officer)
    nomination_withdraw(nomination=first, user=lucknow_staff, reason="Cannot travel.")
    return Offer.objects.get(nomination=second)
