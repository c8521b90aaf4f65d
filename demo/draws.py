"""Demo data: the allocation rules of the demo's spaces, and their draws of lots.

- Surajkund's 100 ODOP stalls: retention, then lots. Last season's exhibitors who entered their
  sales there claim first (six of them are nominated again); 10 % of the places are reserved
  for women-led units and 10 % for GI-tag holders; the rest are drawn.
- The Defence Expo's ODOP pavilion: a draw of lots (more m² asked than the pavilion holds),
  coverage first.
- Dilli Haat's 118 shops and the defence companies' pavilion: first come, first served.
The seeds are demo seeds, written here so the draws can be checked; a real draw's seed stays
secret until the draw. Written through the services, like the rest of the demo.
"""

import hashlib

from events.models import Space
from exhibitors.services import priority_claim_add
from stalls.models import Allocation, DailySale, Nomination, Stall
from stalls.services import (
    allocation_create,
    allocation_rule_set,
    draw_perform,
    draw_publish,
    nomination_approve,
    nomination_submit,
    reserved_shares_set,
)

SEEDS = {
    "Surajkund International Crafts Fair": "odop-demo-surajkund-2027-stalls",
    "Defence Expo": "odop-demo-defence-expo-2027-pavilion",
}


def rule_set(space: Space, method: str, officer) -> None:
    """The space's rule, chosen before any nomination is decided."""
    allocation_rule_set(space=space, method=method, user=officer)
    space.refresh_from_db()


def returning_enter(space: Space, last_season, officer, staff, count: int) -> None:
    """Nominate ``count`` of last season's exhibitors who sold there, and approve them."""
    sold = DailySale.objects.filter(fair=last_season).values("allocation_id")
    held = (
        Allocation.objects.filter(fair=last_season, pk__in=sold)
        .active()
        .select_related("nomination__exhibitor")
        .order_by("pk")
    )
    taken = set(
        Nomination.objects.filter(fair=space.fair).active().values_list("exhibitor_id", flat=True)
    )
    for allocation in held:
        exhibitor = allocation.nomination.exhibitor
        if count == 0:
            break
        if exhibitor.pk in taken:
            continue
        nomination = nomination_submit(
            space=space, exhibitor=exhibitor, user=staff.get(exhibitor.district_id, officer)
        )
        nomination_approve(nomination=nomination, user=officer)
        count -= 1


def shares_with_claims(space: Space, officer, staff) -> None:
    """Reserve 10 % of the space's places for women-led units and 10 % for GI-tag holders,
    and record those categories, with evidence, for some of its entrants."""
    reserved_shares_set(space=space, shares={"women_led": 10, "gi_tag": 10}, user=officer)
    entered = Nomination.objects.filter(space=space, status=Nomination.Status.IN_DRAW)
    for index, nomination in enumerate(entered.select_related("exhibitor").order_by("pk")):
        category = {3: "women_led", 6: "gi_tag"}.get(index % 8)
        if category:
            priority_claim_add(
                user=staff.get(nomination.district_id, officer),
                exhibitor=nomination.exhibitor,
                category=category,
                evidence=f"{'WL' if category == 'women_led' else 'GI'}/2026/{nomination.pk:04d}",
                issued_by="District Industries Centre"
                if category == "women_led"
                else "Geographical Indications Registry",
            )


def draw_and_place(space: Space, officer, *, place: int) -> None:
    """Publish the space's draw, make it with the demo seed, and give the first ``place``
    places in the drawn order (the rest are left for the cell to allocate)."""
    seed = SEEDS[space.fair.name_en]
    draw = draw_publish(
        space=space, commitment=hashlib.sha256(seed.encode()).hexdigest(), user=officer
    )
    draw_perform(draw=draw, seed=seed, user=officer)
    approved = Nomination.objects.filter(space=space, status=Nomination.Status.APPROVED)
    for nomination in approved.in_queue_order()[:place]:
        stall = Stall.objects.filter(space=space).free().in_board_order().first()
        allocation_create(nomination=nomination, user=officer, stall=stall)
