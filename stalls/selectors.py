"""Reads for fairs: coverage of districts and products, progress, a district's allotments, the
stall board. Pages, the admin, the dashboard and the status report all read through these."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum

from districts.models import District, Product
from events.models import Fair, Space
from stalls.models import Allocation, Allotment, DailySale, Nomination, Stall

ZERO = Decimal(0)


@dataclass
class Coverage:
    """Which districts and ODOP products have an allocated place in a fair."""

    districts_covered: list = field(default_factory=list)
    districts_missing: list = field(default_factory=list)
    products_covered: list = field(default_factory=list)
    products_missing: list = field(default_factory=list)

    @property
    def district_count(self) -> int:
        return len(self.districts_covered)

    @property
    def product_count(self) -> int:
        return len(self.products_covered)


def coverage_for_fairs(fair_ids) -> dict[int, Coverage]:
    """Coverage of each fair, in four queries whatever the number of fairs or allocations."""
    fair_ids = list(fair_ids)
    placed = (
        Allocation.objects.filter(fair_id__in=fair_ids, status=Allocation.Status.ACTIVE)
        .values_list("fair_id", "district_id", "nomination__exhibitor__product_id")
        .order_by()
        .distinct()
    )
    districts_of, products_of = defaultdict(set), defaultdict(set)
    for fair_id, district_id, product_id in placed:
        districts_of[fair_id].add(district_id)
        if product_id:
            products_of[fair_id].add(product_id)
    districts = list(District.objects.select_related("division").order_by("name_en", "pk"))
    products = list(Product.objects.select_related("district").order_by("district__name_en", "pk"))
    coverage = {}
    for fair_id in fair_ids:
        coverage[fair_id] = Coverage(
            districts_covered=[d for d in districts if d.pk in districts_of[fair_id]],
            districts_missing=[d for d in districts if d.pk not in districts_of[fair_id]],
            products_covered=[p for p in products if p.pk in products_of[fair_id]],
            products_missing=[p for p in products if p.pk not in products_of[fair_id]],
        )
    return coverage


def fair_coverage(*, fair: Fair) -> Coverage:
    return coverage_for_fairs([fair.pk])[fair.pk]


def fair_spaces(*, fair: Fair):
    """A fair's spaces with their counters (capacity, allotted, allocated)."""
    return Space.objects.filter(fair=fair).order_by("pk")


def district_fair_rows(*, user, fairs):
    """For district staff: per fair and space, the district's allotment, claims and places."""
    district_id = user.district_id
    spaces = list(Space.objects.filter(fair__in=fairs).select_related("fair").order_by("pk"))
    allotments = {
        a.space_id: a
        for a in Allotment.objects.for_user(user).filter(space__in=spaces, district_id=district_id)
    }
    claims = {
        row["space_id"]: row
        for row in Nomination.objects.for_user(user)
        .filter(space__in=spaces, district_id=district_id, status__in=Nomination.ACTIVE)
        .values("space_id")
        .annotate(
            count=Count("pk"),
            area=Sum("area_requested"),
            allocated=Count("pk", filter=Q(status=Nomination.Status.ALLOCATED)),
        )
        .order_by()
    }
    rows = defaultdict(list)
    for space in spaces:
        allotment = allotments.get(space.pk)
        claim = claims.get(space.pk, {})
        allowed = (allotment.units if space.is_units else allotment.area) if allotment else 0
        used = claim.get("count", 0) if space.is_units else (claim.get("area") or ZERO)
        rows[space.fair_id].append(
            {
                "space": space,
                "allotted": allowed,
                "used": used,
                "free": max(allowed - used, 0),
                "allocated": claim.get("allocated", 0),
            }
        )
    return rows


def district_nominations(*, user, fair: Fair):
    """The nominations of the user's scope in a fair, with their place and waiting position."""
    nominations = list(
        Nomination.objects.for_user(user)
        .filter(fair=fair)
        .select_related("exhibitor__product", "space", "district")
        .prefetch_related(
            Prefetch(
                "allocations",
                queryset=Allocation.objects.filter(status=Allocation.Status.ACTIVE).select_related(
                    "stall"
                ),
                to_attr="active_allocations",
            )
        )
        .order_by("space", "status", "exhibitor__name", "pk")
    )
    positions = waiting_positions(space_ids={n.space_id for n in nominations})
    for nomination in nominations:
        nomination.waiting_position = positions.get(nomination.pk)
        nomination.place = (
            nomination.active_allocations[0] if nomination.active_allocations else None
        )
    return nominations


def waiting_positions(*, space_ids) -> dict[int, int]:
    """Nomination id → its place in its space's waiting list (1 is next), in one query."""
    positions, counters = {}, defaultdict(int)
    waiting = (
        Nomination.objects.filter(space_id__in=space_ids, status=Nomination.Status.WAITLISTED)
        .order_by("space_id", "waitlisted_at", "pk")
        .values_list("pk", "space_id")
    )
    for pk, space_id in waiting:
        counters[space_id] += 1
        positions[pk] = counters[space_id]
    return positions


def stall_board(*, fair: Fair, user):
    """Spaces of a fair with their stalls, each stall's active allocation (in the user's scope)
    and each space's active allocations (for m² spaces), in four queries."""
    active = (
        Allocation.objects.for_user(user)
        .filter(status=Allocation.Status.ACTIVE)
        .select_related("nomination__exhibitor", "district")
    )
    spaces = list(
        Space.objects.filter(fair=fair)
        .prefetch_related(
            Prefetch(
                "stalls",
                queryset=Stall.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("allocations", queryset=active, to_attr="active_allocations")
                ),
            ),
            Prefetch("allocations", queryset=active, to_attr="active_allocations"),
        )
        .order_by("pk")
    )
    for space in spaces:
        for stall in space.stalls.all():
            stall.allocation = stall.active_allocations[0] if stall.active_allocations else None
    return spaces


@dataclass
class SalesTotals:
    """Sales of one or more fairs: the total, and the breakdown by district and by product."""

    amount: Decimal = ZERO
    enquiries: int = 0
    export_leads: int = 0
    days_entered: int = 0
    by_district: list = field(default_factory=list)  # dicts: district, amount, enquiries, leads
    by_product: list = field(default_factory=list)  # dicts: product, amount


def sales_totals(*, user, fair_ids) -> SalesTotals:
    """Sales in the user's scope for the given fairs, in three queries."""
    sales = DailySale.objects.for_user(user).filter(fair_id__in=list(fair_ids))
    total = sales.aggregate(
        amount=Sum("amount"),
        enquiries=Sum("enquiries"),
        export_leads=Sum("export_leads"),
        days=Count("date", distinct=True),
    )
    by_district = list(
        sales.values("district_id")
        .annotate(
            amount=Sum("amount"), enquiries=Sum("enquiries"), export_leads=Sum("export_leads")
        )
        .order_by("-amount", "district_id")
    )
    districts = District.objects.in_bulk([row["district_id"] for row in by_district])
    for row in by_district:
        row["district"] = districts[row["district_id"]]
    by_product = list(
        sales.values("allocation__nomination__exhibitor__product_id")
        .annotate(amount=Sum("amount"))
        .order_by("-amount", "allocation__nomination__exhibitor__product_id")
    )
    products = Product.objects.select_related("district").in_bulk(
        [row["allocation__nomination__exhibitor__product_id"] for row in by_product]
    )
    for row in by_product:
        row["product"] = products.get(row["allocation__nomination__exhibitor__product_id"])
    return SalesTotals(
        amount=total["amount"] or ZERO,
        enquiries=total["enquiries"] or 0,
        export_leads=total["export_leads"] or 0,
        days_entered=total["days"] or 0,
        by_district=by_district,
        by_product=by_product,
    )


def district_fair_history(*, user, district) -> list[dict]:
    """Per fair, a district's nominations, places and sales, newest fair first (three queries)."""
    nominations = {
        row["fair_id"]: row
        for row in Nomination.objects.for_user(user)
        .filter(district=district, status__in=Nomination.ACTIVE)
        .values("fair_id")
        .annotate(
            nominated=Count("pk"),
            placed=Count("pk", filter=Q(status=Nomination.Status.ALLOCATED)),
        )
        .order_by()
    }
    sales = {
        row["fair_id"]: row
        for row in DailySale.objects.for_user(user)
        .filter(district=district)
        .values("fair_id")
        .annotate(
            amount=Sum("amount"), enquiries=Sum("enquiries"), export_leads=Sum("export_leads")
        )
        .order_by()
    }
    fairs = Fair.objects.filter(pk__in=set(nominations) | set(sales)).order_by("-start_date", "pk")
    return [
        {
            "fair": fair,
            "nominated": nominations.get(fair.pk, {}).get("nominated", 0),
            "placed": nominations.get(fair.pk, {}).get("placed", 0),
            "sales": sales.get(fair.pk, {}).get("amount") or ZERO,
            "enquiries": sales.get(fair.pk, {}).get("enquiries") or 0,
            "export_leads": sales.get(fair.pk, {}).get("export_leads") or 0,
        }
        for fair in fairs
    ]


def district_last_update(*, user, district):
    """When the district last changed one of its exhibitors, nominations or sales."""
    from django.db.models import Max

    from exhibitors.models import Exhibitor

    latest = [
        model.objects.for_user(user).filter(district=district).aggregate(at=Max("updated_at"))["at"]
        for model in (Exhibitor, Nomination, DailySale)
    ]
    return max((at for at in latest if at), default=None)
