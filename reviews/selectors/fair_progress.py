"""Where each fair stands: capacity and allocation, coverage, programme, sales."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from events.models import Activity, Fair, Space
from stalls.selectors import coverage_for_fairs, sales_by_fair, spaces_with_outcome

ZERO = Decimal(0)


@dataclass
class FairProgress:
    """Where one fair stands: capacity and allocation (ODOP spaces, and other spaces apart),
    coverage, programme, sales."""

    fair: Fair
    spaces: list = field(default_factory=list)
    capacity_units: int = 0
    allocated_units: int = 0
    capacity_area: Decimal = ZERO
    allocated_area: Decimal = ZERO
    # Spaces not for ODOP (the Defence Expo's pavilion for defence companies): counted apart,
    # never added to the ODOP figures.
    other_capacity_units: int = 0
    other_allocated_units: int = 0
    other_capacity_area: Decimal = ZERO
    other_allocated_area: Decimal = ZERO
    coverage: object = None
    activities_ready: int = 0
    activities_total: int = 0
    sales: Decimal = ZERO

    @property
    def is_programme_only(self) -> bool:
        """A fair with a programme and no space to allocate (UP Diwas): no stall or coverage
        figures are shown for it."""
        return not self.spaces

    @property
    def has_other(self) -> bool:
        return self.other_capacity_units > 0 or self.other_capacity_area > 0

    @property
    def has_units(self) -> bool:
        return self.capacity_units > 0

    @property
    def has_area(self) -> bool:
        return self.capacity_area > 0

    @property
    def district_total(self) -> int:
        return self.coverage.district_total

    @property
    def product_total(self) -> int:
        return self.coverage.product_total

    @property
    def units_percent(self) -> int:
        return int(self.allocated_units * 100 // self.capacity_units) if self.has_units else 0

    @property
    def area_percent(self) -> int:
        return int(self.allocated_area * 100 // self.capacity_area) if self.has_area else 0


def fair_progress_list(*, user, fairs, groups=None, outcome_only=False) -> list[FairProgress]:
    """Progress of each fair, in four queries whatever the number of fairs (three when the
    fairs' ``sales_groups`` are given; two with ``outcome_only``, which leaves out sales and
    coverage: ``sales`` stays zero and ``coverage`` None).

    Coverage comes from ``stalls.selectors.coverage_for_fairs``; sales per fair from
    ``stalls.selectors.sales_by_fair`` over the rows the user may see, the rows
    ``sales_totals`` adds up too.
    """
    fairs = list(fairs)
    fair_ids = [fair.pk for fair in fairs]
    spaces = defaultdict(list)
    for space in spaces_with_outcome(Space.objects.filter(fair_id__in=fair_ids).order_by("pk")):
        spaces[space.fair_id].append(space)
    readiness = {
        row["fair_id"]: row
        for row in Activity.objects.filter(fair_id__in=fair_ids)
        .values("fair_id")
        .annotate(total=Count("pk"), ready=Count("pk", filter=Q(is_ready=True)))
        .order_by()
    }
    sales, coverage = {}, {}
    if not outcome_only:
        sales = sales_by_fair(user=user, fair_ids=fair_ids, groups=groups)
        coverage = coverage_for_fairs(fair_ids)
    result = []
    for fair in fairs:
        own = spaces[fair.pk]
        odop = _measures([s for s in own if s.is_odop])
        other = _measures([s for s in own if not s.is_odop])
        result.append(
            FairProgress(
                fair=fair,
                spaces=own,
                capacity_units=odop["capacity_units"],
                allocated_units=odop["allocated_units"],
                capacity_area=odop["capacity_area"],
                allocated_area=odop["allocated_area"],
                other_capacity_units=other["capacity_units"],
                other_allocated_units=other["allocated_units"],
                other_capacity_area=other["capacity_area"],
                other_allocated_area=other["allocated_area"],
                coverage=coverage.get(fair.pk),
                activities_ready=readiness.get(fair.pk, {}).get("ready", 0),
                activities_total=readiness.get(fair.pk, {}).get("total", 0),
                sales=sales.get(fair.pk) or ZERO,
            )
        )
    return result


def _measures(spaces) -> dict:
    """Stalls and m² of ``spaces``: capacity and allocated."""
    units = [s for s in spaces if s.is_units]
    areas = [s for s in spaces if not s.is_units]
    return {
        "capacity_units": sum(s.capacity_units or 0 for s in units),
        "allocated_units": sum(s.allocated_units for s in units),
        "capacity_area": sum((s.capacity_area or ZERO for s in areas), ZERO),
        "allocated_area": sum((s.allocated_area for s in areas), ZERO),
    }
