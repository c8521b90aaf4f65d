"""Figures for the home pages, read through the scoping method."""

import datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from accounts.models import User
from claims.selectors import claims_pipeline
from core.scoping import scoped_rows
from dashboard.filters import fairs_in_view
from dashboard.maps import district_symbol_id
from districts.masterdata import master_data
from districts.models import District, Product
from mous.models import MoU, Stage
from passes.models import Attendance
from reviews.selectors import action_point_summary, fair_progress_list, report_archive
from stalls.models import Allocation, Nomination
from stalls.selectors import sales_groups, sales_summary


def home_overview(*, user) -> dict:
    """State-wide (or own-district) counts of master data, from the cached master data, and
    users by role (one query, for those who may see users)."""
    master = master_data()
    districts = scoped_rows(master.districts, user, District)
    products = scoped_rows(master.products, user, Product)
    overview = {
        "districts": len(districts),
        "divisions": len({d.division_id for d in districts}),
        "products": len(products),
        "added_products": sum(1 for p in products if not p.is_original),
    }
    if user.has_perm("accounts.view_user"):
        counts = dict(
            User.objects.filter(is_active=True)
            .values_list("role")
            .annotate(n=Count("pk"))
            .order_by()
        )
        overview["users_by_role"] = [(role.label, counts.get(role.value, 0)) for role in User.Role]
    return overview


# --- Participation, ranking and data quality -------------------------------------------------


def district_participation(*, user, fairs, division=None, groups=None) -> list[dict]:
    """Per district in the user's scope: places held, nominations, sales, and data quality,
    for the given fairs, ranked by places and then sales. Three queries whatever the size, two
    when the fairs' ``sales_groups`` are given (districts come from the cached master data)."""
    fairs = list(fairs)
    fair_ids = [fair.pk for fair in fairs]
    districts = scoped_rows(master_data().districts, user, District)
    if division is not None:
        districts = [d for d in districts if d.division_id == division.pk]
    rows = {d.pk: _participation_row(d) for d in districts}
    nominations = (
        Nomination.objects.for_user(user)
        .filter(fair_id__in=fair_ids, status__in=Nomination.ACTIVE, district_id__in=rows)
        .values("district_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in nominations:
        rows[row["district_id"]]["nominations"] = row["n"]
    if groups is None:
        groups = sales_groups(user=user, fair_ids=fair_ids)
    _add_places_sales_and_quality(user, fairs, rows, groups)
    ranked = sorted(rows.values(), key=lambda r: (-r["places"], -r["sales"], r["district"].name_en))
    # Districts with neither a place nor a sale are not ranked: ordering zeros by name would
    # read as a ranking.
    ranked_rows = [row for row in ranked if row["places"] or row["sales"]]
    for rank, row in enumerate(ranked_rows, start=1):
        row["rank"] = rank
    return ranked


def _participation_row(district) -> dict:
    return {
        "district": district,
        "rank": None,
        "places": 0,
        "nominations": 0,
        "sales": Decimal(0),
        "sale_days": 0,
        "expected_days": 0,
        "on_time": 0,
        "gate_days": 0,
        "present_days": 0,
        "quality": None,
    }


def _add_places_sales_and_quality(user, fairs, rows, groups) -> None:
    """Places held, sales, and the data-quality score: of the fair days that have passed, the
    share with sales entered for every allocated place, the share of entries made on time (by
    the day after the fair ended), and at fairs whose gate checks passes, the share of place-days
    with the exhibitor's pass checked in."""
    today = timezone.localdate()
    fairs = {f.pk: f for f in fairs}
    fair_ids = list(fairs)
    for group in groups:
        target = rows.get(group.district_id)
        if target is not None:
            target["sales"] += group.amount or Decimal(0)
            target["sale_days"] += group.entries
            target["on_time"] += group.on_time
    # Whether the fair's gate checks passes is a fact of the fair, not of the user's scope:
    # the same district scores the same for its staff and for the cell.
    gate_checked = Exists(Attendance.objects.filter(credential__fair=OuterRef("fair_id")))
    held = (
        Allocation.objects.for_user(user)
        .active()
        .filter(fair_id__in=fair_ids, district_id__in=rows)
        .values("district_id", "fair_id")
        .annotate(
            n=Count("pk", distinct=True),
            present=Count("credential__attendance"),
            gate=gate_checked,
        )
        .order_by()
    )
    for row in held:
        target = rows[row["district_id"]]
        target["places"] += row["n"]
        fair = fairs[row["fair_id"]]
        elapsed = (min(today, fair.end_date) - fair.start_date).days + 1
        if elapsed > 0:
            target["expected_days"] += row["n"] * elapsed
            if row["gate"]:
                target["gate_days"] += row["n"] * elapsed
                target["present_days"] += row["present"]
    for row in rows.values():
        parts = []
        if row["expected_days"]:
            parts.append(min(row["sale_days"] / row["expected_days"], 1))
        if row["sale_days"]:
            parts.append(row["on_time"] / row["sale_days"])
        if row["gate_days"]:
            parts.append(min(row["present_days"] / row["gate_days"], 1))
        row["quality"] = round(100 * sum(parts) / len(parts)) if parts else None


def mou_pipeline(*, user) -> dict:
    """MoUs by stage in pipeline order, with how many of each are amber or red."""
    counts = {}
    # Stage and staleness only (computed in the database): one query, no history read.
    for stage, staleness in (
        MoU.objects.for_user(user).with_status().values_list("stage", "staleness")
    ):
        entry = counts.setdefault(stage, {"count": 0, "amber": 0, "red": 0})
        entry["count"] += 1
        if staleness in entry:
            entry[staleness] += 1
    stages = [
        {"stage": stage, "label": label, **counts[stage]}
        for stage, label in Stage.choices
        if stage in counts
    ]
    return {
        "stages": stages,
        "total": sum(s["count"] for s in stages),
        "stale": sum(s["amber"] + s["red"] for s in stages),
        "max": max((s["count"] for s in stages), default=0),
    }


# --- The dashboard ---------------------------------------------------------------------------

MAP_LEVELS = [(0, 0), (1, 1), (2, 3), (4, None)]  # places: none, one, two or three, four or more


def _map_level(places: int) -> int:
    for level, (low, high) in enumerate(MAP_LEVELS):
        if places >= low and (high is None or places <= high):
            return level
    return 0


def district_map(*, participation: list[dict]) -> list[dict]:
    """One entry per district for the SVG map: its outline's id, colour level and label."""
    return [
        {
            "district": row["district"],
            "symbol": district_symbol_id(row["district"].name_en),
            "level": _map_level(row["places"]),
            "places": row["places"],
            "sales": row["sales"],
        }
        for row in sorted(participation, key=lambda r: r["district"].name_en)
    ]


def action_points_by_owner(summary) -> list[dict]:
    """Overdue and due-soon action points grouped by their owner, most overdue first."""
    soon = timezone.localdate() + datetime.timedelta(days=14)
    owners = {}
    for kind, points in (("overdue", summary.overdue), ("due", summary.open)):
        for point in points:
            if kind == "due" and point.due_on > soon:
                continue
            owner = point.owner
            name = owner.name if point.district_id else owner.get_full_name() or owner.username
            entry = owners.setdefault(
                f"{point.district_id}-{point.owner_officer_id}",
                {"owner": owner, "name": name, "overdue": [], "due": []},
            )
            entry[kind].append(point)
    return sorted(owners.values(), key=lambda e: (-len(e["overdue"]), -len(e["due"]), e["name"]))


def dashboard_data(*, user, selection: dict, fairs: list) -> dict:
    """Everything the dashboard shows, from the selectors the status report uses too."""
    today = timezone.localdate()
    fairs = fairs_in_view(selection, fairs)
    groups = sales_groups(user=user, fair_ids=[f.pk for f in fairs])
    progress = fair_progress_list(user=user, fairs=fairs, groups=groups)
    current = [p for p in progress if p.fair.end_date >= today and p.fair.status != "concluded"]
    past = [p for p in progress if p not in current]
    past_ids = {p.fair.pk for p in past}
    participation = district_participation(
        user=user, fairs=fairs, division=selection.get("division"), groups=groups
    )
    covered = set()
    for row in current:
        covered |= row.coverage.district_ids
    points = action_point_summary(
        user=user, before=timezone.now() + datetime.timedelta(days=3650), unresolved_only=True
    )
    return {
        "current": current,
        "past": past,
        "covered_districts": len(covered),
        "units": (sum(p.allocated_units for p in current), sum(p.capacity_units for p in current)),
        "area": (
            sum((p.allocated_area for p in current), Decimal(0)),
            sum((p.capacity_area for p in current), Decimal(0)),
        ),
        "other_area": (
            sum((p.other_allocated_area for p in current), Decimal(0)),
            sum((p.other_capacity_area for p in current), Decimal(0)),
        ),
        "participation": participation,
        "map": district_map(participation=participation),
        "pipeline": mou_pipeline(user=user),
        "action_points": action_points_by_owner(points),
        "overdue_count": len(points.overdue),
        "sales": sales_summary([g for g in groups if g.fair_id in past_ids]),
        "report": report_archive(user=user).filter(approved_at__isnull=False).first(),
        "claims": claims_pipeline(user=user) if user.has_perm("claims.view_claim") else None,
    }
