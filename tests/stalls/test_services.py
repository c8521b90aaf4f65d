"""Allotments, nominations, the waiting list and allocations, through the services."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError
from events.models import Fair, Space
from stalls.models import Allocation, Allotment, Nomination, Override, Stall
from stalls.services import (
    allocation_cancel,
    allocation_create,
    allocation_move,
    allocations_in_waiting_list_order,
    allotment_set,
    nomination_approve,
    nomination_reject,
    nomination_submit,
    nomination_withdraw,
    offer_accept,
    stalls_create,
)
from tests import factories


def _refused(code, call, **kwargs):
    with pytest.raises(ApplicationError) as error:
        call(**kwargs)
    assert error.value.code == code, error.value.message
    return error.value


def _nominee(district, n, space, user, **kwargs):
    exhibitor = factories.exhibitor(district=district, mobile=f"94160{n:05d}")
    return nomination_submit(space=space, exhibitor=exhibitor, user=user, **kwargs)


# --- Stalls and allotments -------------------------------------------------------------------


def test_more_stalls_than_capacity_are_refused(units_space, cell_officer):
    error = _refused(
        "capacity_exceeded", stalls_create, space=units_space, numbers=["S4"], user=cell_officer
    )
    assert error.field == "number"
    assert units_space.stalls.count() == 3


def test_a_stall_number_twice_in_one_fair_is_refused(fair, units_space, cell_officer):
    other = factories.space(fair=fair, capacity_units=5, name_en="Hall B")
    _refused("stall_number_taken", stalls_create, space=other, numbers=["S2"], user=cell_officer)
    _refused(
        "stall_number_taken", stalls_create, space=other, numbers=["B1", "B1"], user=cell_officer
    )
    assert not other.stalls.exists()


def test_the_database_refuses_a_stall_number_twice(units_space):
    with pytest.raises(IntegrityError), transaction.atomic():
        Stall.objects.create(space=units_space, fair=units_space.fair, number="S1")


def test_allotments_never_exceed_capacity(units_space, lucknow, varanasi, cell_officer):
    allotment_set(space=units_space, district=lucknow, units=2, user=cell_officer)
    error = _refused(
        "capacity_exceeded",
        allotment_set,
        space=units_space,
        district=varanasi,
        units=2,
        user=cell_officer,
    )
    assert "Only 1 stalls" in error.message
    units_space.refresh_from_db()
    assert units_space.allotted_units == 2


def test_the_database_refuses_allotments_beyond_capacity(units_space):
    with pytest.raises(IntegrityError), transaction.atomic():
        Space.objects.filter(pk=units_space.pk).update(allotted_units=4)


def test_an_allotment_can_be_changed_but_not_below_its_nominations(
    nomination, units_space, lucknow, cell_officer
):
    allotment_set(space=units_space, district=lucknow, units=2, user=cell_officer)
    assert Allotment.objects.get(space=units_space, district=lucknow).units == 2
    units_space.refresh_from_db()
    assert units_space.allotted_units == 3  # Lucknow 2, Varanasi 1
    allotment_set(space=units_space, district=lucknow, units=1, user=cell_officer)
    # Zero is not an allotment.
    _refused(
        "invalid_allotment",
        allotment_set,
        space=units_space,
        district=lucknow,
        units=0,
        user=cell_officer,
    )


def test_area_allotments_are_in_square_metres(area_space, lucknow, cell_officer, allotments):
    area_space.refresh_from_db()
    assert area_space.allotted_area == Decimal(80)
    _refused(
        "capacity_exceeded",
        allotment_set,
        space=area_space,
        district=lucknow,
        area=Decimal(70),
        user=cell_officer,
    )


# --- Nominations -----------------------------------------------------------------------------


def test_district_staff_nominate_within_their_allotment(
    nomination, units_space, lucknow, lucknow_staff
):
    assert nomination.status == Nomination.Status.SUBMITTED
    assert nomination.district == lucknow and nomination.nominated_by == lucknow_staff
    error = _refused(
        "allotment_used",
        lambda **kw: _nominee(lucknow, 1, units_space, lucknow_staff),
    )
    assert error.status == 409


def test_an_exhibitor_is_nominated_at_most_once_per_fair(
    nomination, area_space, lucknow_exhibitor, lucknow_staff
):
    _refused(
        "already_nominated",
        nomination_submit,
        space=area_space,
        exhibitor=lucknow_exhibitor,
        area_requested=Decimal(10),
        user=lucknow_staff,
    )


def test_the_database_refuses_a_second_active_nomination_per_fair(nomination):
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.create(
            fair=nomination.fair,
            space=nomination.space,
            exhibitor=nomination.exhibitor,
            district=nomination.district,
            nominated_by=nomination.nominated_by,
        )


def test_a_cell_officer_exceeds_an_allotment_only_with_a_reason(
    nomination, units_space, lucknow, cell_officer
):
    exhibitor = factories.exhibitor(district=lucknow, mobile="9416000001")
    _refused(
        "allotment_used",
        nomination_submit,
        space=units_space,
        exhibitor=exhibitor,
        user=cell_officer,
    )
    extra = nomination_submit(
        space=units_space,
        exhibitor=exhibitor,
        user=cell_officer,
        override_reason="State award winner",
    )
    override = Override.objects.get(nomination=extra)
    assert (override.kind, override.reason, override.made_by) == (
        "exceed_allotment",
        "State award winner",
        cell_officer,
    )


def test_district_staff_cannot_nominate_when_the_fair_is_not_open(
    allotments, units_space, lucknow_exhibitor, lucknow_staff
):
    Fair.objects.filter(pk=units_space.fair_id).update(status=Fair.Status.PLANNING)
    units_space.fair.refresh_from_db()
    _refused(
        "not_open",
        nomination_submit,
        space=units_space,
        exhibitor=lucknow_exhibitor,
        user=lucknow_staff,
    )


def test_an_odop_space_needs_an_odop_product(allotments, units_space, lucknow, lucknow_staff):
    company = factories.exhibitor(
        district=lucknow, mobile="9416000003", kind="company", product=None
    )
    _refused(
        "product_required",
        nomination_submit,
        space=units_space,
        exhibitor=company,
        user=lucknow_staff,
    )


def test_a_company_goes_to_a_non_odop_space(fair, lucknow, cell_officer):
    defence = factories.space(
        fair=fair, measure="area", capacity_area=Decimal(1000), is_odop=False, name_en="Defence"
    )
    allotment_set(space=defence, district=lucknow, area=Decimal(200), user=cell_officer)
    company = factories.exhibitor(
        district=lucknow, mobile="9416000004", kind="company", product=None
    )
    nomination = nomination_submit(
        space=defence, exhibitor=company, area_requested=Decimal(150), user=cell_officer
    )
    assert nomination.area_requested == Decimal(150)


def test_an_area_nomination_needs_an_area(allotments, area_space, lucknow_exhibitor, lucknow_staff):
    error = _refused(
        "area_required",
        nomination_submit,
        space=area_space,
        exhibitor=lucknow_exhibitor,
        user=lucknow_staff,
    )
    assert error.field == "area_requested"


# --- Approval, waiting list, allocation ------------------------------------------------------


def test_approval_waitlists_when_no_place_is_left(fair, lucknow, cell_officer):
    space = factories.space(fair=fair, capacity_units=1, name_en="Tiny")
    stalls_create(space=space, numbers=["T1"], user=cell_officer)
    allotment_set(space=space, district=lucknow, units=1, user=cell_officer)
    first = _nominee(lucknow, 1, space, cell_officer)
    second = _nominee(lucknow, 2, space, cell_officer, override_reason="Reserve")
    third = _nominee(lucknow, 3, space, cell_officer, override_reason="Reserve")
    assert nomination_approve(nomination=first, user=cell_officer).status == "approved"
    assert nomination_approve(nomination=second, user=cell_officer).status == "waitlisted"
    assert nomination_approve(nomination=third, user=cell_officer).status == "waitlisted"
    allocation = allocation_create(nomination=first, stall=space.stalls.get(), user=cell_officer)

    # Out of order needs a reason.
    third.refresh_from_db()
    _refused(
        "waiting_list_order",
        allocation_create,
        nomination=third,
        stall=space.stalls.get(),
        user=cell_officer,
    )

    # Cancelling frees the stall and offers it to the head of the waiting list; once the
    # district accepts, the place follows.
    allocation_cancel(allocation=allocation, reason="Did not come", user=cell_officer)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("offered", "waitlisted")
    assert allocations_in_waiting_list_order(space=space, user=cell_officer) == []
    offer_accept(offer=second.offers.get(), user=cell_officer)
    made = allocations_in_waiting_list_order(space=space, user=cell_officer)
    assert [a.nomination_id for a in made] == [second.pk]


def test_jumping_the_waiting_list_is_recorded_with_its_reason(fair, lucknow, cell_officer):
    space = factories.space(fair=fair, capacity_units=1, name_en="Tiny")
    stalls_create(space=space, numbers=["T1"], user=cell_officer)
    allotment_set(space=space, district=lucknow, units=1, user=cell_officer)
    holder = _nominee(lucknow, 1, space, cell_officer)
    nomination_approve(nomination=holder, user=cell_officer)
    first = _nominee(lucknow, 2, space, cell_officer, override_reason="Reserve")
    second = _nominee(lucknow, 3, space, cell_officer, override_reason="Reserve")
    nomination_approve(nomination=first, user=cell_officer)
    nomination_approve(nomination=second, user=cell_officer)
    Nomination.objects.filter(pk=holder.pk).update(status="withdrawn")
    second.refresh_from_db()
    allocation_create(
        nomination=second,
        stall=space.stalls.get(),
        user=cell_officer,
        override_reason="Minister's request",
    )
    override = Override.objects.get(nomination=second, kind="jump_waitlist")
    assert override.reason == "Minister's request"


def test_a_taken_stall_is_refused_with_409(
    allocation, units_space, lucknow, varanasi, varanasi_exhibitor, varanasi_staff, cell_officer
):
    other = nomination_submit(space=units_space, exhibitor=varanasi_exhibitor, user=varanasi_staff)
    nomination_approve(nomination=other, user=cell_officer)
    error = _refused(
        "stall_taken",
        allocation_create,
        nomination=other,
        stall=allocation.stall,
        user=cell_officer,
    )
    assert error.status == 409


def test_the_database_refuses_two_active_allocations_of_a_stall(allocation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(
            nomination=allocation.nomination,
            fair=allocation.fair,
            space=allocation.space,
            district=allocation.district,
            stall=allocation.stall,
            allocated_by=allocation.allocated_by,
        )


def test_area_allocations_never_exceed_the_free_area(
    allotments, area_space, lucknow_exhibitor, varanasi_exhibitor, cell_officer
):
    first = nomination_submit(
        space=area_space, exhibitor=lucknow_exhibitor, area_requested=Decimal(40), user=cell_officer
    )
    second = nomination_submit(
        space=area_space,
        exhibitor=varanasi_exhibitor,
        area_requested=Decimal(40),
        user=cell_officer,
    )
    for nomination in (first, second):
        nomination_approve(nomination=nomination, user=cell_officer)
    allocation_create(nomination=first, area=Decimal(70), user=cell_officer)
    error = _refused(
        "capacity_exceeded",
        allocation_create,
        nomination=second,
        area=Decimal(40),
        user=cell_officer,
    )
    assert "30" in error.message
    area_space.refresh_from_db()
    assert area_space.allocated_area == Decimal(70)


def test_the_database_refuses_allocating_beyond_the_area(area_space):
    with pytest.raises(IntegrityError), transaction.atomic():
        Space.objects.filter(pk=area_space.pk).update(allocated_area=Decimal("100.01"))


def test_allocation_needs_approval_first(nomination, stall, cell_officer):
    _refused(
        "not_allowed_transition",
        allocation_create,
        nomination=nomination,
        stall=stall,
        user=cell_officer,
    )


def test_rejecting_needs_a_reason(nomination, cell_officer):
    error = _refused(
        "reason_required", nomination_reject, nomination=nomination, reason="  ", user=cell_officer
    )
    assert error.field == "reason"
    nomination_reject(nomination=nomination, reason="Product not ODOP", user=cell_officer)
    nomination.refresh_from_db()
    assert (nomination.status, nomination.decision_reason) == ("rejected", "Product not ODOP")


def test_withdrawal_frees_the_stall(allocation, lucknow_staff):
    nomination_withdraw(nomination=allocation.nomination, user=lucknow_staff)
    allocation.refresh_from_db()
    allocation.space.refresh_from_db()
    assert allocation.status == "cancelled"
    assert allocation.space.allocated_units == 0


def test_moving_needs_a_reason_and_is_recorded(allocation, units_space, cell_officer):
    target = units_space.stalls.get(number="S3")
    _refused(
        "reason_required",
        allocation_move,
        allocation=allocation,
        stall=target,
        reason="",
        user=cell_officer,
    )
    moved = allocation_move(
        allocation=allocation, stall=target, reason="Near the entrance", user=cell_officer
    )
    assert moved.stall == target
    assert Override.objects.get(kind="move").detail == "S1 → S3"
    units_space.refresh_from_db()
    assert units_space.allocated_units == 1


def test_a_concluded_fair_changes_no_more(allocation, cell_officer):
    Fair.objects.filter(pk=allocation.fair_id).update(status=Fair.Status.CONCLUDED)
    _refused(
        "fair_closed", nomination_withdraw, nomination=allocation.nomination, user=cell_officer
    )


def test_counters_match_the_rows_after_a_busy_day(fair, lucknow, varanasi, cell_officer):
    space = factories.space(fair=fair, capacity_units=10, name_en="Hall")
    stalls_create(space=space, numbers=[f"H{n}" for n in range(1, 11)], user=cell_officer)
    for district in (lucknow, varanasi):
        allotment_set(space=space, district=district, units=5, user=cell_officer)
    nominations = [
        _nominee(d, n, space, cell_officer) for n, d in enumerate([lucknow] * 5 + [varanasi] * 5)
    ]
    for nomination in nominations:
        nomination_approve(nomination=nomination, user=cell_officer)
    allocations_in_waiting_list_order(space=space, user=cell_officer)
    nomination_withdraw(nomination=nominations[0], user=cell_officer)
    nomination_withdraw(nomination=nominations[7], user=cell_officer)
    space.refresh_from_db()
    active = Allocation.objects.filter(space=space, status="active").count()
    assert space.allocated_units == active == 8
    assert space.allotted_units == sum(a.units for a in space.allotments.all()) == 10


def test_allocating_a_nomination_that_has_a_place_is_a_conflict(allocation, cell_officer):

    other = Stall.objects.exclude(pk=allocation.stall_id).first()
    error = _refused(
        "already_allocated",
        allocation_create,
        nomination=allocation.nomination,
        stall=other,
        user=cell_officer,
    )
    assert error.status == 409


@pytest.mark.parametrize("persona", ["lucknow_staff", "principal_secretary"])
def test_allocation_checks_its_own_permission(request, nomination, stall, cell_officer, persona):
    from django.core.exceptions import PermissionDenied

    approved = nomination_approve(nomination=nomination, user=cell_officer)
    with pytest.raises(PermissionDenied):
        allocation_create(nomination=approved, stall=stall, user=request.getfixturevalue(persona))
    assert not approved.allocations.exists()
