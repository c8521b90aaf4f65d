"""Demo data: spaces given by a draw of lots, one drawn (with retention) and one published.

- Surajkund's craft-demonstration stalls: retention, then lots. Last season's exhibitors who
  entered their sales there claim first; the draw was made with a seed published here (a demo
  seed: a real draw's seed stays secret until the draw).
- Dilli Haat's weekend shops: a draw of lots published with its entrants and commitment, to be
  made by the cell (its seed is DILLI_HAAT_SEED).
Written through the services, like the rest of the demo.
"""

import hashlib

from demo.builders import _exhibitors, _space
from events.models import Space
from stalls.models import Allocation, DailySale, Nomination
from stalls.services import (
    allocation_rule_set,
    draw_perform,
    draw_publish,
    nomination_approve,
    nomination_submit,
    stalls_fill,
)

SURAJKUND_SEED = "odop-demo-surajkund-2027-craft-demonstrations"
DILLI_HAAT_SEED = "odop-demo-dilli-haat-2027-weekend-shops"


def draw_demo_load(*, surajkund, last_season, dilli_haat, districts, officer, staff) -> None:
    if surajkund is not None and last_season is not None:
        _surajkund_demonstrations(surajkund, last_season, districts, officer, staff)
    if dilli_haat is not None:
        _dilli_haat_weekend(dilli_haat, districts, officer, staff)


def _lots_space(fair, officer, method, prefix, **fields) -> Space:
    space = _space(fair, measure="units", **fields)
    stalls_fill(space=space, prefix=prefix, user=officer)
    allocation_rule_set(space=space, method=method, user=officer)
    space.refresh_from_db()
    return space


def _enter(space, exhibitors, officer, staff) -> None:
    for exhibitor in exhibitors:
        nomination = nomination_submit(
            space=space, exhibitor=exhibitor, user=staff.get(exhibitor.district_id, officer)
        )
        nomination_approve(nomination=nomination, user=officer)


def _surajkund_demonstrations(fair, last_season, districts, officer, staff) -> None:
    if fair.previous_edition_id is None:
        fair.previous_edition = last_season
        fair.save(update_fields=["previous_edition"])
    space = _lots_space(
        fair,
        officer,
        Space.Method.RETENTION_LOTS,
        "CD-",
        name_en="Craft demonstration stalls",
        name_hi="शिल्प प्रदर्शन स्टॉल",
        capacity_units=12,
    )
    # Six of last season's exhibitors who sold there, and twelve newcomers.
    sold = DailySale.objects.filter(fair=last_season).values("allocation_id")
    returning = [
        allocation.nomination.exhibitor
        for allocation in Allocation.objects.filter(fair=last_season, pk__in=sold)
        .active()
        .select_related("nomination__exhibitor")
        .order_by("pk")[:6]
    ]
    taken = set(
        Nomination.objects.filter(fair=fair).active().values_list("exhibitor_id", flat=True)
    )
    newcomers = [
        _exhibitors(district, 5000 + index, 1, officer)[0]
        for index, district in enumerate(districts[1::6][:12])
    ]
    _enter(space, [e for e in returning + newcomers if e.pk not in taken], officer, staff)
    draw = draw_publish(
        space=space, commitment=hashlib.sha256(SURAJKUND_SEED.encode()).hexdigest(), user=officer
    )
    draw_perform(draw=draw, seed=SURAJKUND_SEED, user=officer)


def _dilli_haat_weekend(fair, districts, officer, staff) -> None:
    space = _lots_space(
        fair,
        officer,
        Space.Method.LOTS,
        "WE-",
        name_en="Weekend shops",
        name_hi="सप्ताहांत दुकानें",
        capacity_units=8,
    )
    entrants = [
        _exhibitors(district, 6000 + index, 1, officer)[0]
        for index, district in enumerate(districts[2::5][:14])
    ]
    _enter(space, entrants, officer, staff)
    draw_publish(
        space=space, commitment=hashlib.sha256(DILLI_HAAT_SEED.encode()).hexdigest(), user=officer
    )
