"""Allocation rules per space and draws of lots anyone can verify."""

import hashlib
import hmac

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction

from core.exceptions import ApplicationError
from events.models import Space
from notifications.models import Notice
from stalls import lots
from stalls.models import AllocationRuleChange, Draw, DrawEntrant, Nomination
from stalls.services import (
    allocation_create,
    allocation_rule_set,
    allotment_set,
    draw_perform,
    draw_publish,
    draw_verify,
    nomination_approve,
    nomination_submit,
    nomination_withdraw,
)
from tests import factories

SEED = "surajkund-2026-seed"
COMMITMENT = hashlib.sha256(SEED.encode()).hexdigest()


@pytest.fixture
def lots_space(fair, lucknow, varanasi, cell_officer) -> Space:
    """Two stalls numbered (of four) drawn by lots; each district may nominate two."""
    space = factories.space(fair=fair, capacity_units=4, name_en="Lots block")
    from stalls.services import stalls_create

    stalls_create(space=space, numbers=["L1", "L2"], user=cell_officer)
    space.refresh_from_db()
    allocation_rule_set(space=space, method=Space.Method.LOTS, user=cell_officer)
    for district in (lucknow, varanasi):
        allotment_set(space=space, district=district, units=2, user=cell_officer)
    space.refresh_from_db()
    return space


def entered(space, district, staff, officer, count, first_mobile):
    made = []
    for index in range(count):
        exhibitor = factories.exhibitor(district=district, mobile=str(first_mobile + index))
        nomination = nomination_submit(space=space, exhibitor=exhibitor, user=staff)
        made.append(nomination_approve(nomination=nomination, user=officer))
    return made


@pytest.fixture
def entrants(lots_space, lucknow, varanasi, lucknow_staff, varanasi_staff, cell_officer):
    return entered(lots_space, lucknow, lucknow_staff, cell_officer, 2, 9415100001) + entered(
        lots_space, varanasi, varanasi_staff, cell_officer, 2, 9415200001
    )


def test_approval_under_lots_enters_the_draw_and_tells_the_district(
    entrants, lucknow_staff, cell_officer
):
    assert {n.status for n in entrants} == {Nomination.Status.IN_DRAW}
    notice = Notice.objects.filter(recipient=lucknow_staff).first()
    assert notice.code == Notice.Code.NOMINATION_IN_DRAW
    assert "enters its draw of lots" in notice.text


def test_the_draw_orders_by_hmac_of_seed_and_number_and_places_in_that_order(
    lots_space, entrants, cell_officer
):
    draw = draw_publish(space=lots_space, commitment=COMMITMENT.upper(), user=cell_officer)
    assert draw.commitment == COMMITMENT
    assert draw.entrants.count() == 4
    draw_perform(draw=draw, seed=f"  {SEED} ", user=cell_officer)

    def ticket(number):
        return hmac.new(SEED.encode(), str(number).encode(), hashlib.sha256).hexdigest()

    expected = sorted((n.pk for n in entrants), key=ticket)
    rows = list(DrawEntrant.objects.filter(draw=draw).order_by("position"))
    assert [row.nomination_id for row in rows] == expected
    assert [row.ticket for row in rows] == [ticket(number) for number in expected]
    statuses = {n.pk: n.status for n in Nomination.objects.filter(pk__in=expected)}
    assert [statuses[pk] for pk in expected] == ["approved", "approved", "waitlisted", "waitlisted"]
    lots_of = dict(Nomination.objects.filter(pk__in=expected).values_list("pk", "lot"))
    assert [lots_of[pk] for pk in expected] == [1, 2, 3, 4]
    # The waiting list follows the drawn order, and so does allocation in order.
    waiting = Nomination.objects.filter(space=lots_space).waiting_list()
    assert list(waiting.values_list("pk", flat=True)) == expected[2:]
    assert draw_verify(Draw.objects.get(pk=draw.pk)) == []


def test_a_freed_place_goes_to_the_next_in_lot_order(lots_space, entrants, cell_officer):
    draw = draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    draw_perform(draw=draw, seed=SEED, user=cell_officer)
    order = list(draw.entrants.order_by("position").values_list("nomination_id", flat=True))
    first = Nomination.objects.get(pk=order[0])
    nomination_withdraw(nomination=first, user=cell_officer, reason="Cannot come.")
    assert Nomination.objects.get(pk=order[2]).status == Nomination.Status.OFFERED
    assert Nomination.objects.get(pk=order[3]).status == Nomination.Status.WAITLISTED


def test_jumping_the_drawn_waiting_list_needs_a_reason(lots_space, entrants, cell_officer):
    draw = draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    draw_perform(draw=draw, seed=SEED, user=cell_officer)
    order = list(draw.entrants.order_by("position").values_list("nomination_id", flat=True))
    stall = lots_space.stalls.first()
    last = Nomination.objects.get(pk=order[3])
    with pytest.raises(ApplicationError) as refused:
        allocation_create(nomination=last, stall=stall, user=cell_officer)
    assert refused.value.code == "waiting_list_order"
    # First in the waiting list, but both stalls are held for the two drawn first.
    third = Nomination.objects.get(pk=order[2])
    with pytest.raises(ApplicationError) as refused:
        allocation_create(nomination=third, stall=stall, user=cell_officer)
    assert refused.value.code == "waiting_list_order"
    placed = allocation_create(
        nomination=third, stall=stall, user=cell_officer, override_reason="The first cannot come."
    )
    assert placed.stall == stall


def test_retention_claims_come_first(
    fair, lots_space, lucknow, lucknow_staff, varanasi, varanasi_staff, cell_officer
):
    from tests.stalls.editions import last_edition_with_sales

    returning = last_edition_with_sales(fair, lucknow, cell_officer)
    allocation_rule_set(
        space=lots_space,
        method=Space.Method.RETENTION_LOTS,
        retention_editions=1,
        user=cell_officer,
    )
    newcomers = entered(lots_space, varanasi, varanasi_staff, cell_officer, 2, 9415300001)
    kept = nomination_approve(
        nomination=nomination_submit(space=lots_space, exhibitor=returning, user=lucknow_staff),
        user=cell_officer,
    )
    draw = draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    assert set(draw.entrants.filter(retained=True).values_list("nomination_id", flat=True)) == {
        kept.pk
    }
    draw_perform(draw=draw, seed=SEED, user=cell_officer)
    first = draw.entrants.get(position=1)
    assert first.nomination_id == kept.pk
    assert {e.nomination_id for e in draw.entrants.exclude(position=1)} == {n.pk for n in newcomers}
    assert draw_verify(Draw.objects.get(pk=draw.pk)) == []


@pytest.mark.parametrize(
    ("commitment", "code"),
    [("", "invalid_commitment"), ("abc", "invalid_commitment"), ("z" * 64, "invalid_commitment")],
)
def test_a_bad_commitment_is_refused(lots_space, entrants, cell_officer, commitment, code):
    with pytest.raises(ApplicationError) as refused:
        draw_publish(space=lots_space, commitment=commitment, user=cell_officer)
    assert (refused.value.code, refused.value.field) == (code, "commitment")
    assert not Draw.objects.exists()


def test_a_draw_without_entrants_is_refused(lots_space, cell_officer):
    with pytest.raises(ApplicationError) as refused:
        draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    assert refused.value.code == "no_entrants"
    assert "A draw needs entrants" in str(refused.value)
    assert not Draw.objects.exists()


def test_a_first_come_space_has_no_draw(units_space, cell_officer):
    with pytest.raises(ApplicationError) as refused:
        draw_publish(space=units_space, commitment=COMMITMENT, user=cell_officer)
    assert refused.value.code == "not_by_lots"


def test_a_seed_that_does_not_match_its_commitment_changes_nothing(
    lots_space, entrants, cell_officer
):
    draw = draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    with pytest.raises(ApplicationError) as refused:
        draw_perform(draw=draw, seed="another-seed", user=cell_officer)
    assert (refused.value.code, refused.value.field) == ("seed_mismatch", "seed")
    assert "does not match the commitment" in str(refused.value)
    draw.refresh_from_db()
    assert not draw.is_drawn
    assert not draw.entrants.filter(position__isnull=False).exists()
    assert set(Nomination.objects.values_list("status", flat=True)) == {"in_draw"}


def test_a_draw_is_made_once_and_the_database_refuses_to_change_it(
    lots_space, entrants, cell_officer
):
    draw = draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    draw_perform(draw=draw, seed=SEED, user=cell_officer)
    with pytest.raises(ApplicationError) as refused:
        draw_perform(draw=draw, seed=SEED, user=cell_officer)
    assert refused.value.code == "already_drawn"
    with pytest.raises(ApplicationError) as refused:
        draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    assert refused.value.code == "draw_exists"
    with pytest.raises(DatabaseError), transaction.atomic():
        Draw.objects.filter(pk=draw.pk).update(seed="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        DrawEntrant.objects.filter(draw=draw, position=1).update(position=99)
    assert draw_verify(Draw.objects.get(pk=draw.pk)) == []


def test_approval_waits_while_a_draw_is_published_and_queues_after_it(
    lots_space, entrants, lucknow, lucknow_staff, cell_officer
):
    late = nomination_submit(
        space=lots_space,
        exhibitor=factories.exhibitor(district=lucknow, mobile="9415100009"),
        user=lucknow_staff,
    )
    draw = draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    with pytest.raises(ApplicationError) as refused:
        nomination_approve(nomination=late, user=cell_officer)
    assert refused.value.code == "draw_pending"
    draw_perform(draw=draw, seed=SEED, user=cell_officer)
    late = nomination_approve(nomination=late, user=cell_officer)
    assert late.status == Nomination.Status.WAITLISTED
    waiting = list(Nomination.objects.filter(space=lots_space).waiting_list())
    assert waiting[-1].pk == late.pk


def test_an_entrant_withdrawn_before_the_draw_is_passed_over(lots_space, entrants, cell_officer):
    draw = draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    nomination_withdraw(nomination=entrants[0], user=cell_officer, reason="Not coming.")
    draw_perform(draw=draw, seed=SEED, user=cell_officer)
    assert draw.entrants.count() == 4
    statuses = Nomination.objects.exclude(pk=entrants[0].pk).values_list("status", flat=True)
    assert sorted(statuses) == ["approved", "approved", "waitlisted"]
    assert draw_verify(Draw.objects.get(pk=draw.pk)) == []


def test_the_rule_is_free_before_allocation_and_needs_a_reason_after(
    units_space, nomination, cell_officer
):
    allocation_rule_set(space=units_space, method=Space.Method.LOTS, user=cell_officer)
    change = AllocationRuleChange.objects.get()
    assert (change.method_before, change.method_after, change.after_start) == (
        "first_come",
        "lots",
        False,
    )
    allocation_rule_set(space=units_space, method=Space.Method.FIRST_COME, user=cell_officer)
    nomination_approve(nomination=nomination, user=cell_officer)
    with pytest.raises(ApplicationError) as refused:
        allocation_rule_set(space=units_space, method=Space.Method.LOTS, user=cell_officer)
    assert (refused.value.code, refused.value.field) == ("reason_required", "reason")
    units_space.refresh_from_db()
    assert units_space.allocation_method == "first_come"
    allocation_rule_set(
        space=units_space,
        method=Space.Method.LOTS,
        reason="Forty more nominations came than stalls.",
        user=cell_officer,
    )
    last = AllocationRuleChange.objects.order_by("-pk").first()
    assert last.after_start and last.reason == "Forty more nominations came than stalls."


def test_the_rule_cannot_change_once_the_draw_is_published(lots_space, entrants, cell_officer):
    draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    with pytest.raises(ApplicationError) as refused:
        allocation_rule_set(
            space=lots_space, method=Space.Method.FIRST_COME, reason="Why not.", user=cell_officer
        )
    assert refused.value.code == "draw_published"


def test_leaving_lots_puts_the_entrants_in_the_queue_first_come(lots_space, entrants, cell_officer):
    allocation_rule_set(
        space=lots_space,
        method=Space.Method.FIRST_COME,
        reason="One district only.",
        user=cell_officer,
    )
    statuses = list(
        Nomination.objects.filter(pk__in=[n.pk for n in entrants])
        .order_by("created_at", "pk")
        .values_list("status", flat=True)
    )
    assert statuses == ["approved", "approved", "waitlisted", "waitlisted"]


@pytest.mark.parametrize(
    ("method", "retention", "field"),
    [
        ("raffle", 1, "allocation_method"),
        ("lots", 0, "retention_editions"),
        ("lots", 6, "retention_editions"),
    ],
)
def test_a_bad_rule_is_refused(units_space, cell_officer, method, retention, field):
    with pytest.raises(ApplicationError) as refused:
        allocation_rule_set(
            space=units_space, method=method, retention_editions=retention, user=cell_officer
        )
    assert refused.value.field == field
    units_space.refresh_from_db()
    assert units_space.allocation_method == "first_come"
    assert not AllocationRuleChange.objects.exists()


def test_district_staff_cannot_set_rules_or_draw(lots_space, entrants, lucknow_staff):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        allocation_rule_set(space=lots_space, method=Space.Method.FIRST_COME, user=lucknow_staff)
    with pytest.raises(PermissionDenied):
        draw_publish(space=lots_space, commitment=COMMITMENT, user=lucknow_staff)


def test_verify_draw_reproduces_every_draw_and_names_a_mismatch(
    lots_space, entrants, cell_officer, capsys
):
    draw = draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    draw_perform(draw=draw, seed=SEED, user=cell_officer)
    call_command("verify_draw")
    out = capsys.readouterr().out
    assert f"Draw {draw.pk}" in out and "reproduced" in out
    assert lots.commitment_of(SEED) == COMMITMENT


def test_the_order_function_is_the_documented_one():
    def by_ticket(numbers):
        return sorted(numbers, key=lambda n: lots.ticket_of("seed-1234", n))

    entrants = [
        (7, False, False, False),
        (12, True, False, False),
        (3, False, False, False),
        (5, True, True, False),
        (9, False, False, True),
    ]
    plain = lots.draw_order("seed-1234", entrants, retention=False)
    # A district that yields by rotation after the others; a late withdrawal before, last.
    assert plain == [*by_ticket([7, 12, 3]), 9, 5]
    kept = lots.draw_order("seed-1234", entrants, retention=True)
    assert kept == [12, *by_ticket([7, 3]), 9, 5]
    assert len(lots.seed_suggest()) == 32


def test_nominations_by_lots_are_not_limited_by_the_allotment(
    lots_space, entrants, lucknow, lucknow_staff
):
    """Lucknow's allotment is two; under lots a third enters too: the draw decides."""
    third = nomination_submit(
        space=lots_space,
        exhibitor=factories.exhibitor(district=lucknow, mobile="9415100003"),
        user=lucknow_staff,
    )
    assert third.status == Nomination.Status.SUBMITTED


def test_an_area_space_draws_too(fair, area_space, lucknow, lucknow_staff, cell_officer):
    allocation_rule_set(space=area_space, method=Space.Method.LOTS, user=cell_officer)
    made = []
    for index, area in enumerate((60, 50, 30)):
        exhibitor = factories.exhibitor(district=lucknow, mobile=str(9415400001 + index))
        nomination = nomination_submit(
            space=area_space, exhibitor=exhibitor, area_requested=area, user=lucknow_staff
        )
        made.append(nomination_approve(nomination=nomination, user=cell_officer))
    draw = draw_publish(space=area_space, commitment=COMMITMENT, user=cell_officer)
    draw_perform(draw=draw, seed=SEED, user=cell_officer)
    order = list(draw.entrants.order_by("position").values_list("nomination_id", flat=True))
    statuses = dict(Nomination.objects.values_list("pk", "status"))
    # Places go down the order; once one does not fit, the rest wait in order.
    seen_waiting = False
    for pk in order:
        if statuses[pk] == "waitlisted":
            seen_waiting = True
        else:
            assert not seen_waiting
    assert seen_waiting  # 60 + 50 + 30 m² asked of 100 m²


def test_a_late_withdrawal_lowers_priority_at_the_next_fair(
    fair, lots_space, entrants, lucknow, lucknow_staff, cell_officer, settings
):
    """Withdrawn after its place was given, a week before the fair: at the next edition the
    exhibitor enters last, in the waiting list and in the draw."""
    import datetime

    from django.utils import timezone

    from events.models import Fair
    from stalls.services import stalls_create

    earlier = factories.fair(
        status=Fair.Status.ALLOCATION,
        name_en="Earlier fair",
        start_date=timezone.localdate() + datetime.timedelta(days=7),
        end_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    space = factories.space(fair=earlier, capacity_units=1)
    stalls_create(space=space, numbers=["E1"], user=cell_officer)
    allotment_set(space=space, district=lucknow, units=1, user=cell_officer)
    quitter = factories.exhibitor(district=lucknow, mobile="9415100777")
    held = nomination_approve(
        nomination=nomination_submit(space=space, exhibitor=quitter, user=lucknow_staff),
        user=cell_officer,
    )
    allocation_create(nomination=held, stall=space.stalls.get(), user=cell_officer)
    nomination_withdraw(nomination=held, user=lucknow_staff, reason="Family wedding.")
    held.refresh_from_db()
    assert held.late_withdrawal

    fair.start_date = earlier.start_date + datetime.timedelta(days=60)
    fair.end_date = fair.start_date + datetime.timedelta(days=5)
    fair.save()
    again = nomination_approve(
        nomination=nomination_submit(space=lots_space, exhibitor=quitter, user=lucknow_staff),
        user=cell_officer,
    )
    assert again.deferred
    draw = draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    assert draw.entrants.get(nomination=again).deferred
    draw_perform(draw=draw, seed=SEED, user=cell_officer)
    assert draw.entrants.get(nomination=again).position == 5  # after the four others
    assert draw_verify(Draw.objects.get(pk=draw.pk)) == []

    settings.LATE_WITHDRAWAL_PENALTY_DAYS = 0
    other = factories.exhibitor(district=lucknow, mobile="9415100778")
    assert not nomination_submit(space=lots_space, exhibitor=other, user=lucknow_staff).deferred


def test_an_early_withdrawal_is_not_late(units_space, allocation, nomination, lucknow_staff):
    # The fixture's fair starts in 2027, far from today.
    nomination_withdraw(nomination=nomination, user=lucknow_staff, reason="Plans changed.")
    nomination.refresh_from_db()
    assert not nomination.late_withdrawal


def test_rotation_puts_districts_that_held_places_every_edition_after_the_others(
    fair, lots_space, lucknow, lucknow_staff, varanasi, varanasi_staff, cell_officer
):
    from tests.stalls.editions import last_edition_with_sales

    last_edition_with_sales(fair, lucknow, cell_officer)  # Lucknow held a place last time
    allocation_rule_set(
        space=lots_space, method=Space.Method.LOTS, rotation_editions=1, user=cell_officer
    )
    lucknow_entries = entered(lots_space, lucknow, lucknow_staff, cell_officer, 2, 9415600001)
    varanasi_entries = entered(lots_space, varanasi, varanasi_staff, cell_officer, 2, 9415700001)
    draw = draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    assert draw.rotation_editions == 1
    yielding = set(draw.entrants.filter(yields=True).values_list("nomination_id", flat=True))
    assert yielding == {n.pk for n in lucknow_entries}
    draw_perform(draw=draw, seed=SEED, user=cell_officer)
    first_two = set(draw.entrants.filter(position__lte=2).values_list("nomination_id", flat=True))
    assert first_two == {n.pk for n in varanasi_entries}
    assert draw_verify(Draw.objects.get(pk=draw.pk)) == []
    change = AllocationRuleChange.objects.filter(space=lots_space).order_by("-pk").first()
    assert (change.rotation_before, change.rotation_after) == (0, 1)


def test_a_bad_rotation_is_refused(units_space, cell_officer):
    with pytest.raises(ApplicationError) as refused:
        allocation_rule_set(
            space=units_space, method="lots", rotation_editions=9, user=cell_officer
        )
    assert refused.value.field == "rotation_editions"


def test_reserved_shares_go_first_to_their_category_and_unused_ones_return(
    fair, lots_space, lucknow, lucknow_staff, varanasi, varanasi_staff, cell_officer
):
    """Two stalls, 50 % reserved for women-led units: the one women-led entrant gets a stall
    whatever her ticket; the share of GI-tag holders (none entered) returns to everyone."""
    from exhibitors.models import PriorityClaim
    from stalls.services import reserved_shares_set

    reserved_shares_set(space=lots_space, shares={"women_led": 50, "gi_tag": 50}, user=cell_officer)
    made = entered(lots_space, lucknow, lucknow_staff, cell_officer, 3, 9415800001)
    made += entered(lots_space, varanasi, varanasi_staff, cell_officer, 3, 9415900001)
    # The entrant with the last ticket is the women-led unit.
    last = max(made, key=lambda n: lots.ticket_of(SEED, n.pk))
    PriorityClaim.objects.create(
        exhibitor=last.exhibitor, category="women_led", evidence="WL/2026/0042"
    )
    draw = draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    assert (draw.shares, draw.places) == ({"women_led": 50, "gi_tag": 50}, 2)
    assert "women_led" in draw.entrants.get(nomination=last).categories
    draw_perform(draw=draw, seed=SEED, user=cell_officer)
    assert draw.entrants.get(nomination=last).position == 1
    others = sorted(
        (n.pk for n in made if n.pk != last.pk), key=lambda pk: lots.ticket_of(SEED, pk)
    )
    assert draw.entrants.get(position=2).nomination_id == others[0]
    last.refresh_from_db()
    assert last.status == Nomination.Status.APPROVED
    assert draw_verify(Draw.objects.get(pk=draw.pk)) == []


def test_first_time_participants_are_known_without_a_claim(
    fair, lots_space, lucknow, lucknow_staff, cell_officer
):
    from stalls.services import reserved_shares_set
    from tests.stalls.editions import last_edition_with_sales

    returning = last_edition_with_sales(fair, lucknow, cell_officer)
    reserved_shares_set(space=lots_space, shares={"first_time": 50}, user=cell_officer)
    newcomer = entered(lots_space, lucknow, lucknow_staff, cell_officer, 1, 9415810001)[0]
    again = nomination_approve(
        nomination=nomination_submit(space=lots_space, exhibitor=returning, user=lucknow_staff),
        user=cell_officer,
    )
    draw = draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    assert draw.entrants.get(nomination=newcomer).categories == ["first_time"]
    assert draw.entrants.get(nomination=again).categories == []


@pytest.mark.parametrize(
    ("shares", "code"),
    [
        ({"women_led": 60, "gi_tag": 50}, "shares_over_100"),
        ({"women_led": 0}, "invalid_percent"),
        ({"astrologers": 10}, "invalid_category"),
    ],
)
def test_bad_shares_are_refused_and_change_nothing(lots_space, cell_officer, shares, code):
    from stalls.models import ReservedShare
    from stalls.services import reserved_shares_set

    reserved_shares_set(space=lots_space, shares={"divyang": 10}, user=cell_officer)
    with pytest.raises(ApplicationError) as refused:
        reserved_shares_set(space=lots_space, shares=shares, user=cell_officer)
    assert refused.value.code == code
    assert dict(ReservedShare.objects.values_list("category", "percent")) == {"divyang": 10}


def test_shares_need_a_stall_space_drawn_by_lots(units_space, area_space, cell_officer):
    from stalls.services import reserved_shares_set

    with pytest.raises(ApplicationError) as refused:
        reserved_shares_set(space=units_space, shares={"divyang": 10}, user=cell_officer)
    assert refused.value.code == "shares_need_lots"


def test_a_category_claimed_without_evidence_is_refused(lucknow):
    from django.core.exceptions import ValidationError

    from exhibitors.models import PriorityClaim

    exhibitor = factories.exhibitor(district=lucknow, mobile="9415820001")
    claim = PriorityClaim(exhibitor=exhibitor, category="national_awardee", evidence="  ")
    with pytest.raises(ValidationError) as refused:
        claim.full_clean()
    assert "evidence" in refused.value.message_dict
    assert not PriorityClaim.objects.exists()


def test_coverage_first_gives_each_unrepresented_product_a_place_before_a_second_one():
    def by_ticket(numbers):
        return sorted(numbers, key=lambda n: lots.ticket_of("seed-1234", n))

    # 1 and 2 show product 10, 3 shows 20, 4 shows 30 (already at the fair).
    entrants = [
        (1, False, False, False, [], 10),
        (2, False, False, False, [], 10),
        (3, False, False, False, [], 20),
        (4, False, False, False, [], 30),
    ]
    order = lots.draw_order(
        "seed-1234", entrants, retention=False, coverage_first=True, represented=[30]
    )
    first_of_10 = by_ticket([1, 2])[0]
    assert order[:2] == by_ticket([first_of_10, 3])
    assert set(order[2:]) == {4, ({1, 2} - {first_of_10}).pop()}
    assert order[2:] == by_ticket(order[2:])


def test_a_draw_with_coverage_first_is_recorded_and_reproduced(
    lots_space, lucknow, lucknow_staff, varanasi, varanasi_staff, cell_officer
):
    from stalls.services import coverage_first_set

    coverage_first_set(space=lots_space, enabled=True, user=cell_officer)
    made = entered(lots_space, lucknow, lucknow_staff, cell_officer, 2, 9415830001)
    made += entered(lots_space, varanasi, varanasi_staff, cell_officer, 1, 9415840001)
    draw = draw_publish(space=lots_space, commitment=COMMITMENT, user=cell_officer)
    assert draw.coverage_first and draw.represented == []
    assert {e.product_id for e in draw.entrants.all()} == {n.exhibitor.product_id for n in made}
    draw_perform(draw=draw, seed=SEED, user=cell_officer)
    first_two = draw.entrants.filter(position__lte=2).select_related("product")
    assert len({e.product_id for e in first_two}) == 2  # two products before a second place
    assert draw_verify(Draw.objects.get(pk=draw.pk)) == []
    with pytest.raises(ApplicationError) as refused:
        coverage_first_set(space=lots_space, enabled=False, user=cell_officer)
    assert refused.value.code == "draw_published"


def test_coverage_first_needs_a_draw(units_space, cell_officer):
    from stalls.services import coverage_first_set

    with pytest.raises(ApplicationError) as refused:
        coverage_first_set(space=units_space, enabled=True, user=cell_officer)
    assert refused.value.code == "coverage_needs_lots"
