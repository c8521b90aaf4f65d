"""Reads for fairs: coverage of districts and products, progress, a district's allotments, the
stall board. Pages, the admin, the dashboard and the status report all read through these."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import (
    Count,
    DateField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.db.models.query import prefetch_related_objects
from django.utils import timezone

from districts.masterdata import master_data
from events.models import Fair, Space
from stalls.models import (
    Allocation,
    Allotment,
    DailySale,
    DrawEntrant,
    Nomination,
    Offer,
    ReservedShare,
    Stall,
)
from stalls.models.draws import LOT_METHODS

ZERO = Decimal(0)


class Coverage:
    """Which districts and ODOP products have an allocated place in a fair. The lists are
    built when first read: a page showing seventy fairs' counts never builds them."""

    def __init__(self, *, district_ids: set, product_ids: set, master):
        self.district_ids, self.product_ids, self._master = district_ids, product_ids, master

    @cached_property
    def districts_covered(self) -> list:
        return [d for d in self._master.districts if d.pk in self.district_ids]

    @cached_property
    def districts_missing(self) -> list:
        return [d for d in self._master.districts if d.pk not in self.district_ids]

    @cached_property
    def products_covered(self) -> list:
        return [p for p in self._master.products if p.pk in self.product_ids]

    @cached_property
    def products_missing(self) -> list:
        return [p for p in self._master.products if p.pk not in self.product_ids]

    @property
    def district_count(self) -> int:
        return len(self.district_ids)

    @property
    def product_count(self) -> int:
        return len(self.product_ids)

    @property
    def district_total(self) -> int:
        return len(self._master.districts)

    @property
    def product_total(self) -> int:
        return len(self._master.products)


def coverage_for_fairs(fair_ids) -> dict[int, Coverage]:
    """Coverage of each fair, in one query (and the cached master data) whatever the number
    of fairs or allocations."""
    fair_ids = list(fair_ids)
    placed = (
        Allocation.objects.filter(fair_id__in=fair_ids)
        .active()
        .values_list("fair_id", "district_id", "product_id")
        .order_by()
        .distinct()
    )
    districts_of, products_of = defaultdict(set), defaultdict(set)
    for fair_id, district_id, product_id in placed:
        districts_of[fair_id].add(district_id)
        if product_id:
            products_of[fair_id].add(product_id)
    master = master_data()
    return {
        fair_id: Coverage(
            district_ids=districts_of[fair_id], product_ids=products_of[fair_id], master=master
        )
        for fair_id in fair_ids
    }


def fair_coverage(*, fair: Fair) -> Coverage:
    return coverage_for_fairs([fair.pk])[fair.pk]


def fair_spaces(*, fair: Fair):
    """A fair's spaces with their counters (capacity, allotted, allocated), their rule and
    its outcome (``spaces_with_outcome``)."""
    spaces = list(spaces_with_outcome(Space.objects.filter(fair=fair).order_by("pk")))
    # Only spaces drawn by lots have shares: a fair without one reads none.
    if any(space.allocation_method in LOT_METHODS for space in spaces):
        shares = Prefetch("reserved_shares", queryset=ReservedShare.objects.order_by("pk"))
        prefetch_related_objects(spaces, shares)
    return spaces


def _count_of(queryset, space_path: str):
    """A subquery counting the rows of ``queryset`` whose ``space_path`` is the outer space."""
    rows = queryset.filter(**{space_path: OuterRef("pk")}).order_by()
    return Coalesce(
        Subquery(rows.values(space_path).annotate(n=Count("pk")).values("n")[:1]),
        0,
        output_field=IntegerField(),
    )


def spaces_with_outcome(spaces):
    """``spaces`` with their draw (if any) and what their rule has given so far, in the same
    query: ``waiting`` (on the waiting list), ``offered`` (open offers), and for a draw its
    ``entrants``, ``retention_claims`` and ``late_entrants``."""
    entrants = DrawEntrant.objects.all()
    return spaces.select_related("draw").annotate(
        waiting=_count_of(Nomination.objects.filter(status=Nomination.Status.WAITLISTED), "space"),
        offered=_count_of(Offer.objects.open(), "space"),
        entrants=_count_of(entrants, "draw__space"),
        retention_claims=_count_of(entrants.filter(retained=True), "draw__space"),
        late_entrants=_count_of(entrants.filter(deferred=True), "draw__space"),
    )


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
        .filter(space__in=spaces, district_id=district_id)
        .active()
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
    """The nominations of the user's scope in a fair, by space, status and name (a queryset:
    pages show them 50 at a time; ``nominations_placed`` adds place and waiting position)."""
    open_offers = Offer.objects.open().filter(nomination=OuterRef("pk")).order_by("pk")
    return (
        Nomination.objects.for_user(user)
        .filter(fair=fair)
        .select_related("exhibitor__product", "space", "district")
        .prefetch_related(
            Prefetch(
                "allocations",
                queryset=Allocation.objects.active().select_related("stall"),
                to_attr="active_allocations",
            ),
        )
        # The open offer, if any, in the same query (its id and deadline).
        .annotate(
            open_offer_id=Subquery(open_offers.values("pk")[:1]),
            open_offer_until=Subquery(open_offers.values("expires_at")[:1]),
        )
        .order_by("space", "status", "exhibitor__name", "pk")
    )


def nominations_placed(nominations) -> list:
    """The nominations with their place (active allocation) and waiting-list position."""
    nominations = list(nominations)
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
        Nomination.objects.filter(space_id__in=space_ids)
        .waiting_list()
        .values_list("pk", "space_id")
    )
    for pk, space_id in waiting:
        counters[space_id] += 1
        positions[pk] = counters[space_id]
    return positions


def stall_board(*, fair: Fair, user):
    """Spaces of a fair with their stalls, each stall's active allocation (in the user's scope)
    and each space's active allocations (for m² spaces), in three queries: the allocations are
    read once, with the exhibitor's name (districts come from the cached master data), and
    handed to their stall and space here."""
    spaces = list(
        Space.objects.filter(fair=fair)
        .prefetch_related(Prefetch("stalls", queryset=Stall.objects.in_board_order()))
        .order_by("pk")
    )
    active = (
        Allocation.objects.for_user(user)
        .filter(fair=fair)
        .active()
        .annotate(exhibitor_name=F("nomination__exhibitor__name"))
        .only("pk", "fair_id", "space_id", "stall_id", "district_id", "area")
        .order_by("space_id", "pk")
    )
    districts = {d.pk: d for d in master_data().districts}
    by_stall, by_space = {}, defaultdict(list)
    for allocation in active:
        allocation.district_record = districts[allocation.district_id]
        by_space[allocation.space_id].append(allocation)
        if allocation.stall_id:
            by_stall[allocation.stall_id] = allocation
    for space in spaces:
        space.active_allocations = by_space[space.pk]
        for stall in space.stalls.all():
            stall.allocation = by_stall.get(stall.pk)
    return spaces


@dataclass
class SalesTotals:
    """Sales of one or more fairs: the total, and the breakdown by district and by product."""

    amount: Decimal = ZERO
    enquiries: int = 0
    export_leads: int = 0
    by_district: list = field(default_factory=list)  # dicts: district, amount, enquiries, leads
    by_product: list = field(default_factory=list)  # dicts: product, amount


@dataclass(frozen=True)
class SalesGroup:
    """Sales of one fair, district and ODOP product: sums, days entered, and how many of
    those were entered on time (by the day after the fair ended, Indian time)."""

    fair_id: int
    district_id: int
    product_id: int | None
    amount: Decimal
    enquiries: int
    export_leads: int
    entries: int
    on_time: int


def sales_groups(*, user, fair_ids) -> list[SalesGroup]:
    """Sales in the user's scope for the given fairs, grouped by fair, district and product:
    one query, a few thousand rows at most, from which every sales figure of a page is added
    up (``sales_summary``, ``sales_by_fair``, the dashboard's data quality)."""
    deadline = ExpressionWrapper(
        F("fair__end_date") + datetime.timedelta(days=2), output_field=DateField()
    )
    rows = (
        DailySale.objects.for_user(user)
        .filter(fair_id__in=list(fair_ids))
        .values("fair_id", "district_id", "product_id")
        .annotate(
            total=Sum("amount"),
            enquiry_total=Sum("enquiries"),
            lead_total=Sum("export_leads"),
            entries=Count("pk"),
            on_time=Count("pk", filter=Q(created_at__date__lt=deadline)),
        )
        .order_by()
        .values_list(
            "fair_id",
            "district_id",
            "product_id",
            "total",
            "enquiry_total",
            "lead_total",
            "entries",
            "on_time",
        )
    )
    return [SalesGroup(*row) for row in rows]


def sales_by_fair(*, user, fair_ids=None, groups=None) -> dict[int, Decimal]:
    """Sales per fair in the user's scope: added up from ``groups`` when a page has them,
    else one query on the sales table alone (no join, so cheap for a few fairs)."""
    if groups is None:
        return dict(
            DailySale.objects.for_user(user)
            .filter(fair_id__in=list(fair_ids))
            .values("fair_id")
            .annotate(amount=Sum("amount"))
            .order_by()  # the model's ordering would add joins to the grouping
            .values_list("fair_id", "amount")
        )
    totals = defaultdict(Decimal)
    for group in groups:
        totals[group.fair_id] += group.amount or ZERO
    return dict(totals)


def sales_summary(groups) -> SalesTotals:
    """Total, by district and by product (most sales first) of the given groups."""
    by_district, by_product = {}, {}
    for group in groups:
        district = by_district.setdefault(
            group.district_id,
            {"district_id": group.district_id, "amount": ZERO, "enquiries": 0, "export_leads": 0},
        )
        district["amount"] += group.amount or ZERO
        district["enquiries"] += group.enquiries or 0
        district["export_leads"] += group.export_leads or 0
        product = by_product.setdefault(
            group.product_id, {"product_id": group.product_id, "amount": ZERO}
        )
        product["amount"] += group.amount or ZERO
    master = master_data()
    districts = {d.pk: d for d in master.districts}
    products = {p.pk: p for p in master.products}
    for row in by_district.values():
        row["district"] = districts[row["district_id"]]
    for row in by_product.values():
        row["product"] = products.get(row["product_id"])
    return SalesTotals(
        amount=sum((row["amount"] for row in by_district.values()), ZERO),
        enquiries=sum(row["enquiries"] for row in by_district.values()),
        export_leads=sum(row["export_leads"] for row in by_district.values()),
        by_district=sorted(by_district.values(), key=lambda r: (-r["amount"], r["district_id"])),
        by_product=sorted(by_product.values(), key=lambda r: (-r["amount"], r["product_id"] or 0)),
    )


def sales_totals(*, user, fair_ids) -> SalesTotals:
    """Sales in the user's scope for the given fairs, in total, by district and by ODOP
    product (one query)."""
    return sales_summary(sales_groups(user=user, fair_ids=fair_ids))


def _sale_sums() -> dict:
    """The sums of a group of daily sales: amount, enquiries, export leads."""
    return {
        "amount": Sum("amount"),
        "enquiries": Sum("enquiries"),
        "export_leads": Sum("export_leads"),
    }


def sales_by_day(*, user, fair) -> list[dict]:
    """Sales in the user's scope on each day of ``fair`` that has come, with enquiries and
    export leads (days without an entry count zero), first day first: one query. The same
    rows as ``sales_totals``, so the days add up to the fair's total."""
    last = min(fair.end_date, timezone.localdate())
    days = [
        fair.start_date + datetime.timedelta(days=n)
        for n in range((last - fair.start_date).days + 1)
    ]
    entered = {
        row["date"]: row
        for row in DailySale.objects.for_user(user)
        .filter(fair=fair)
        .values("date")
        .annotate(**_sale_sums())
        .order_by()
    }
    nothing = {"amount": ZERO, "enquiries": 0, "export_leads": 0}
    return [{**nothing, **entered.get(day, {}), "date": day} for day in days]


def district_fair_history(*, user, district) -> list[dict]:
    """Per fair, a district's nominations, places and sales, newest fair first (three queries)."""
    nominations = {
        row["fair_id"]: row
        for row in Nomination.objects.for_user(user)
        .filter(district=district)
        .active()
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
        .annotate(**_sale_sums())
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
