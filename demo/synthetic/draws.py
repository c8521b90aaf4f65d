"""Synthetic draws of lots and offers of freed places.

About one fair in four, every fair not over yet among them, gave its space's places by lots:
the draw was published with the space's nominations as entrants and made by revealing its
seed, each ticket and position as stalls/lots.py computes them (draw_verify reproduces them),
and every entrant got a place. In the fairs not over, a few exhibitors withdrew after the draw
and nominations approved later wait behind its order; each freed place is offered to the first
in line. Some past drawn fairs keep such an offer's history: the withdrawal, an offer declined
or let lapse, and the accepted one whose nomination took the withdrawn stall.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from demo.synthetic.bulk import _bulk
from demo.synthetic.places import nomination_row
from events.models import AllocationMethod, Space
from stalls import lots
from stalls.models import Allocation, AllocationRuleChange, Draw, DrawEntrant, Nomination, Offer

DRAWN_SHARE = 0.25
WITHDRAWN = "The exhibitor cannot attend the fair."
DECLINED = "The offered place was declined."
LAPSED = "The offered place was not answered in time."
Status = Nomination.Status


class Place(NamedTuple):
    allocation: int
    nomination: int
    exhibitor: int
    stall: int
    product: int | None


@dataclass
class _Plan:
    """One drawn space: its draw, and the rows the time after the draw left."""

    space: Space
    drawn_at: datetime.datetime
    seed: str
    entrants: list  # (nomination: its id or a new row, its ODOP product id)
    nominations: list = field(default_factory=list)  # new rows: withdrawn, waiting, offered
    cancelled: list = field(default_factory=list)  # new rows: places given back
    offers: list = field(default_factory=list)
    withdrawn: list = field(default_factory=list)  # (place, late): given back after the draw
    waited: list = field(default_factory=list)  # (nomination id, since): placed from the queue


def _draws(sizes, rng, fairs, exhibitors, officer) -> None:
    """Draws of lots for about a fair in four, with the offers of places freed after them."""
    chosen, history = _drawn_fairs(rng, fairs)
    if not chosen:
        return
    spaces = {space.fair_id: space for space in Space.objects.filter(fair__in=chosen)}
    held = _held([space.pk for space in spaces.values()])
    plans = [
        _plan(rng, fair, spaces[fair.pk], held[spaces[fair.pk].pk], exhibitors, officer, history)
        for fair in chosen
    ]
    made = sizes.made
    _bulk(made, Nomination, [n for plan in plans for n in plan.nominations])
    _bulk(made, Allocation, [a for plan in plans for a in plan.cancelled])
    _bulk(made, AllocationRuleChange, [_rule_change(plan, officer) for plan in plans], dated=True)
    draws = _bulk(made, Draw, [_draw(plan, officer) for plan in plans], dated=True)
    entrants = [e for plan, draw in zip(plans, draws, strict=True) for e in _entrants(plan, draw)]
    _bulk(made, DrawEntrant, entrants)
    _bulk(made, Offer, [offer for plan in plans for offer in plan.offers], dated=True)
    _earlier_rows_updated(plans)


def _drawn_fairs(rng, fairs) -> tuple[list, set]:
    """Every fair not over, and past fairs to make about a quarter in all; half of those past
    keep the history of an offer."""
    today = timezone.localdate()
    coming = [fair for fair in fairs if fair.end_date >= today]
    over = [fair for fair in fairs if fair.end_date < today]
    wanted = min(len(over), max(1, round(len(fairs) * DRAWN_SHARE) - len(coming)))
    drawn = rng.sample(over, wanted)
    history = {fair.pk for fair in rng.sample(drawn, (len(drawn) + 1) // 2)}
    return sorted(drawn + coming, key=lambda fair: fair.pk), history


def _held(space_ids: list) -> dict:
    held = defaultdict(list)
    rows = (
        Allocation.objects.filter(space_id__in=space_ids)
        .order_by("pk")
        .values_list(
            "space_id", "pk", "nomination_id", "nomination__exhibitor_id", "stall_id", "product_id"
        )
    )
    for space_id, *place in rows:
        held[space_id].append(Place(*place))
    return held


def _plan(rng, fair, space, places, exhibitors, officer, history: set) -> _Plan:
    now = timezone.now()
    day = fair.start_date - datetime.timedelta(days=rng.randint(25, 45))
    drawn_at = min(_at(day, 11), now - datetime.timedelta(days=rng.randint(3, 10)))
    seed = f"{rng.getrandbits(128):032x}"
    plan = _Plan(space, drawn_at, seed, [(p.nomination, p.product) for p in places])
    newcomers = _newcomers(rng, exhibitors, {p.exhibitor for p in places})
    if fair.end_date >= timezone.localdate():
        _waiting_list(rng, plan, fair, places, newcomers, officer)
    elif fair.pk in history:
        _offer_history(rng, plan, fair, places, newcomers, officer)
    return plan


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _newcomers(rng, exhibitors, taken: set):
    """Exhibitors not nominated for the fair yet, at random, each once."""
    while True:
        exhibitor = exhibitors[rng.randrange(len(exhibitors))]
        if exhibitor.pk not in taken:
            taken.add(exhibitor.pk)
            yield exhibitor


def _is_late(fair, day: datetime.date) -> bool:
    return (fair.start_date - day).days <= settings.LATE_WITHDRAWAL_DAYS


def _waiting_list(rng, plan, fair, places, newcomers, officer) -> None:
    """After the draw a few exhibitors withdrew, and nominations approved later joined the
    waiting list; as many as places were freed hold an open offer each, the first in line."""
    now, hours = timezone.now(), datetime.timedelta(hours=settings.OFFER_HOURS)
    freed = rng.randint(1, 3)
    late = _is_late(fair, timezone.localdate())
    plan.withdrawn = [(place, late) for place in rng.sample(places, freed)]
    # Each place offered as it was freed, to the first in line then: minutes ago, in order.
    ago = sorted(rng.sample(range(30, 720), freed), reverse=True)
    for n in range(freed + rng.randint(1, 4)):
        offered = n < freed
        nomination = nomination_row(
            plan.space,
            next(newcomers),
            officer,
            Status.OFFERED if offered else Status.WAITLISTED,
            waitlisted_at=plan.drawn_at + datetime.timedelta(hours=6 + 7 * n),
        )
        plan.nominations.append(nomination)
        if offered:
            at = now - datetime.timedelta(minutes=ago[n])
            plan.offers.append(
                Offer(nomination=nomination, space=plan.space, offered_at=at, expires_at=at + hours)
            )


def _offer_history(rng, plan, fair, places, newcomers, officer) -> None:
    """An entrant withdrew after the draw; the place went down the waiting list, perhaps
    declined or let lapse by the first in line, and was accepted by a nomination approved
    after the draw, which holds the withdrawn stall."""
    hours = datetime.timedelta(hours=settings.OFFER_HOURS)
    taker = places[rng.randrange(len(places))]
    gone_at = plan.drawn_at + datetime.timedelta(days=5, hours=rng.randint(0, 8))
    exhibitor = next(newcomers)
    withdrew = nomination_row(
        plan.space,
        exhibitor,
        officer,
        Status.WITHDRAWN,
        decision_reason=WITHDRAWN,
        late_withdrawal=_is_late(fair, gone_at.date()),
    )
    plan.nominations.append(withdrew)
    plan.cancelled.append(
        Allocation(
            nomination=withdrew,
            fair_id=fair.pk,
            space=plan.space,
            district_id=exhibitor.district_id,
            product_id=exhibitor.product_id,
            stall_id=taker.stall,
            status=Allocation.Status.CANCELLED,
            cancelled_reason=WITHDRAWN,
            allocated_by=officer,
        )
    )
    plan.entrants = [(p.nomination, p.product) for p in places if p != taker]
    plan.entrants.append((withdrew, exhibitor.product_id))
    plan.waited.append((taker.nomination, plan.drawn_at + datetime.timedelta(days=2)))
    at = gone_at + datetime.timedelta(minutes=5)
    if rng.random() < 0.5:
        at = _passed_over(rng, plan, next(newcomers), at, officer)
    plan.offers.append(
        Offer(
            nomination_id=taker.nomination,
            space=plan.space,
            offered_at=at,
            expires_at=at + hours,
            status=Offer.Status.ACCEPTED,
            answered_at=at + hours * rng.uniform(0.02, 0.9),
            answered_by=officer,
        )
    )


def _passed_over(rng, plan, exhibitor, at, officer) -> datetime.datetime:
    """The first in line, who declined the place or let its offer lapse; returns when the
    place was offered on."""
    hours = datetime.timedelta(hours=settings.OFFER_HOURS)
    declined = rng.random() < 0.6
    if declined:
        ended = at + hours * rng.uniform(0.05, 0.8)
    else:
        ended = at + hours + datetime.timedelta(minutes=rng.randint(5, 50))
    nomination = nomination_row(
        plan.space,
        exhibitor,
        officer,
        Status.WITHDRAWN,
        decision_reason=DECLINED if declined else LAPSED,
        waitlisted_at=plan.drawn_at + datetime.timedelta(days=1),
    )
    plan.nominations.append(nomination)
    plan.offers.append(
        Offer(
            nomination=nomination,
            space=plan.space,
            offered_at=at,
            expires_at=at + hours,
            status=Offer.Status.DECLINED if declined else Offer.Status.LAPSED,
            answered_at=ended,
            answered_by=officer if declined else None,
        )
    )
    return ended + datetime.timedelta(minutes=5)


def _rule_change(plan, officer) -> AllocationRuleChange:
    """The space's rule set to lots before allocation started, as allocation_rule_set keeps it."""
    space = plan.space
    return AllocationRuleChange(
        space=space,
        method_before=space.allocation_method,
        method_after=AllocationMethod.LOTS,
        retention_before=space.retention_editions,
        retention_after=space.retention_editions,
        rotation_before=space.rotation_editions,
        rotation_after=space.rotation_editions,
        made_by=officer,
        made_at=plan.drawn_at - datetime.timedelta(days=21),
    )


def _draw(plan, officer) -> Draw:
    space = plan.space
    return Draw(
        space=space,
        method=AllocationMethod.LOTS,
        retention_editions=space.retention_editions,
        rotation_editions=space.rotation_editions,
        places=space.stall_count,  # every stall was free when the draw was published
        commitment=lots.commitment_of(plan.seed),
        seed=plan.seed,
        published_by=officer,
        published_at=plan.drawn_at - datetime.timedelta(days=7),
        drawn_by=officer,
        drawn_at=plan.drawn_at,
    )


def _entrants(plan, draw) -> list:
    """The entrants with the tickets and positions the seed gives them (as draw_perform)."""
    products = {(n if isinstance(n, int) else n.pk): product_id for n, product_id in plan.entrants}
    order = lots.draw_order(
        plan.seed, [(number, False, False, False) for number in products], retention=False
    )
    return [
        DrawEntrant(
            draw=draw,
            nomination_id=number,
            product_id=products[number],
            ticket=lots.ticket_of(plan.seed, number),
            position=position,
        )
        for position, number in enumerate(order, start=1)
    ]


def _earlier_rows_updated(plans) -> None:
    """What the draws and offers mean for rows written before them: the spaces allocated by
    lots, the lots the draws gave, the places given back and those taken from the queue."""
    space_ids = [plan.space.pk for plan in plans]
    Space.objects.filter(pk__in=space_ids).update(allocation_method=AllocationMethod.LOTS)
    position = DrawEntrant.objects.filter(nomination_id=OuterRef("pk")).values("position")[:1]
    Nomination.objects.filter(space_id__in=space_ids).update(lot=Subquery(position))
    withdrawn = [item for plan in plans for item in plan.withdrawn]
    Nomination.objects.bulk_update(
        [
            Nomination(
                pk=place.nomination,
                status=Status.WITHDRAWN,
                decision_reason=WITHDRAWN,
                late_withdrawal=late,
            )
            for place, late in withdrawn
        ],
        ["status", "decision_reason", "late_withdrawal"],
    )
    Allocation.objects.bulk_update(
        [
            Allocation(
                pk=place.allocation,
                status=Allocation.Status.CANCELLED,
                cancelled_reason=WITHDRAWN,
            )
            for place, _late in withdrawn
        ],
        ["status", "cancelled_reason"],
    )
    Space.objects.bulk_update(
        [
            Space(
                pk=plan.space.pk, allocated_units=plan.space.allocated_units - len(plan.withdrawn)
            )
            for plan in plans
            if plan.withdrawn
        ],
        ["allocated_units"],
    )
    Nomination.objects.bulk_update(
        [Nomination(pk=pk, waitlisted_at=since) for plan in plans for pk, since in plan.waited],
        ["waitlisted_at"],
    )
