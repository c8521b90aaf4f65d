"""Reads of MDA claims for the pages, the admin, the API, the dashboard and the orders."""

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

from claims.models import Budget, Claim, ClaimStatus, Sanction, SchemeRule
from claims.services.rules import claim_lines
from claims.services.sanctions import budget_position
from core.models import bilingual
from core.scoping import get_scoped_object_or_404
from stalls.models import Allocation

# The order the dashboard lists a claim's steps in.
PIPELINE = [
    ClaimStatus.DRAFT,
    ClaimStatus.SUBMITTED,
    ClaimStatus.RECOMMENDED,
    ClaimStatus.VERIFIED,
    ClaimStatus.SANCTIONED,
    ClaimStatus.PAID,
    ClaimStatus.RETURNED,
    ClaimStatus.REJECTED,
]


def claim_list(*, user):
    """The claims ``user`` may see, with what the list shows."""
    return Claim.objects.for_user(user).with_list_columns()


def claim_get(*, user, pk: int, action: str = "view") -> Claim:
    queryset = Claim.objects.select_related(
        "exhibitor__product",
        "fair",
        "district",
        "rule",
        "sanction",
        "allocation__space",
        "allocation__stall",
        "allocation__nomination",
    )
    return get_scoped_object_or_404(queryset, user, action, pk=pk)


def claimable_allocations(*, user):
    """Places of the user's district at fairs that are over, with no live claim yet."""
    live = Claim.objects.live().filter(
        exhibitor_id=OuterRef("nomination__exhibitor_id"), fair_id=OuterRef("fair_id")
    )
    return (
        Allocation.objects.for_user(user)
        .filter(status=Allocation.Status.ACTIVE, fair__end_date__lt=timezone.localdate())
        .exclude(Exists(live))
        .select_related("fair", "space", "stall", "nomination__exhibitor")
        .order_by("-fair__end_date", "nomination__exhibitor__name", "pk")
    )


def claims_pipeline(*, user, fair_ids=None, district_id: int | None = None) -> dict:
    """Claims the user may see at each step (of the fairs, of the district), and the money
    sanctioned and paid: one query."""
    claims = Claim.objects.for_user(user)
    if fair_ids is not None:
        claims = claims.filter(fair_id__in=fair_ids)
    if district_id is not None:
        claims = claims.filter(district_id=district_id)
    counts = claims.aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in PIPELINE},
        money_sanctioned=Sum("amount", filter=Q(status=ClaimStatus.SANCTIONED), default=0),
        money_paid=Sum("amount", filter=Q(status=ClaimStatus.PAID), default=0),
    )
    return {
        "steps": [(status, counts[status.value]) for status in PIPELINE],
        "sanctioned": counts["money_sanctioned"],
        "paid": counts["money_paid"],
        "total": sum(counts[status.value] for status in PIPELINE),
    }


def claims_by_fair(*, user, financial_year: int | None = None) -> list[dict]:
    """Per fair: claims, sanctioned and paid (amounts of the claims the user may see)."""
    claims = Claim.objects.for_user(user)
    if financial_year is not None:
        claims = claims.filter(sanction__budget__financial_year=financial_year)
    rows = list(
        claims.values("fair_id", "fair__name_en", "fair__name_hi")
        .annotate(
            claims=Count("pk"),
            sanctioned=Sum(
                "amount",
                filter=Q(status__in=[ClaimStatus.SANCTIONED, ClaimStatus.PAID]),
                default=0,
            ),
            paid=Sum("amount", filter=Q(status=ClaimStatus.PAID), default=0),
        )
        .order_by("fair__name_en", "fair_id")
    )
    return [{**row, "name": bilingual(row["fair__name_en"], row["fair__name_hi"])} for row in rows]


def claims_by_district(*, user, financial_year: int | None = None) -> list[dict]:
    claims = Claim.objects.for_user(user)
    if financial_year is not None:
        claims = claims.filter(sanction__budget__financial_year=financial_year)
    rows = list(
        claims.values("district_id", "district__name_en", "district__name_hi")
        .annotate(
            claims=Count("pk"),
            sanctioned=Sum(
                "amount",
                filter=Q(status__in=[ClaimStatus.SANCTIONED, ClaimStatus.PAID]),
                default=0,
            ),
            paid=Sum("amount", filter=Q(status=ClaimStatus.PAID), default=0),
        )
        .order_by("district__name_en", "district_id")
    )
    return [
        {**row, "name": bilingual(row["district__name_en"], row["district__name_hi"])}
        for row in rows
    ]


def budgets_with_position(*, user) -> list[tuple[Budget, dict]]:
    """Every year's budget with its position: one query."""
    budgets = Budget.objects.for_user(user).with_position()
    return [(budget, budget_position(budget)) for budget in budgets]


def sanction_list(*, user):
    """Sanctions the user may see, newest first, each with the amount of its claims paid."""
    return (
        Sanction.objects.for_user(user)
        .select_related("fair", "budget")
        .annotate(paid=Sum("claims__amount", filter=Q(claims__status=ClaimStatus.PAID), default=0))
        .order_by("-sanctioned_on", "-pk")
    )


def sanction_get(*, user, pk: int) -> Sanction:
    queryset = Sanction.objects.select_related("fair", "budget", "sanctioned_by")
    return get_scoped_object_or_404(queryset, user, pk=pk)


def sanction_order_context(*, sanction: Sanction) -> dict:
    """What the sanction order prints: its claims line by line, by district, the budget."""
    claims = list(
        sanction.claims.select_related("exhibitor", "district", "rule").order_by(
            "district__name_en", "exhibitor__name", "pk"
        )
    )
    rows = []
    for claim in claims:
        stall, freight, fare = claim_lines(claim)
        rows.append(
            {
                "claim": claim,
                "stall": _verified(claim.stall_verified, stall.admissible),
                "freight": _verified(claim.freight_verified, freight.admissible),
                "fare": _verified(claim.fare_verified, fare.admissible),
            }
        )
    by_district = {}
    for claim in claims:
        row = by_district.setdefault(
            claim.district_id, {"district": claim.district, "count": 0, "total": 0}
        )
        row["count"] += 1
        row["total"] += claim.amount
    rules = SchemeRule.objects.filter(pk__in={c.rule_id for c in claims}).order_by(
        "effective_from", "pk"
    )
    return {
        "sanction": sanction,
        "rows": rows,
        "by_district": list(by_district.values()),
        "budget": budget_position(sanction.budget),
        "rules": list(rules),
    }


def _verified(verified, admissible):
    return verified if verified is not None else admissible
