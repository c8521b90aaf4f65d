"""Open data: what the portal publishes for anyone to download, as CSV or JSON.

Places given per fair, district and ODOP product; MoUs with their stage; sales per fair and
district. Aggregates only: no person, no mobile number, no exhibitor's name. Fairs still being
planned (drafts) and cancelled ones are left out. The figures are sums over the same rows the
dashboard sums, so the two agree.
"""

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Fair
from mous.models import MoU
from stalls.models import Allocation, DailySale

PUBLISHED = [s for s in Fair.Status if s not in (Fair.Status.PLANNING, Fair.Status.CANCELLED)]
LICENCE = "Government Open Data License – India (GODL-India), https://www.data.gov.in/Godl"


def _allocations() -> tuple[list[str], list[list]]:
    header = [
        "fair_id",
        "fair_en",
        "fair_hi",
        "fair_start",
        "district_en",
        "district_hi",
        "product_en",
        "product_hi",
        "stalls",
        "area_m2",
    ]
    rows = (
        Allocation.objects.active()
        .filter(fair__status__in=PUBLISHED)
        .values(
            "fair_id",
            "fair__name_en",
            "fair__name_hi",
            "fair__start_date",
            "district__name_en",
            "district__name_hi",
            "product__name_en",
            "product__name_hi",
        )
        .annotate(
            stalls=Count("pk", filter=Q(stall__isnull=False)),
            area=Sum("area", default=0),
        )
        .order_by("fair__start_date", "fair_id", "district__name_en", "product__name_en")
    )
    return header, [list(row.values()) for row in rows]


def _mous() -> tuple[list[str], list[list]]:
    header = [
        "partner_en",
        "partner_hi",
        "title_en",
        "title_hi",
        "stage",
        "signed_on",
        "valid_from",
        "valid_until",
    ]
    rows = (
        MoU.objects.select_related("partner")
        .order_by("partner__name_en", "pk")
        .values_list(
            "partner__name_en",
            "partner__name_hi",
            "title_en",
            "title_hi",
            "stage",
            "signed_on",
            "valid_from",
            "valid_until",
        )
    )
    return header, [list(row) for row in rows]


def _sales() -> tuple[list[str], list[list]]:
    header = [
        "fair_id",
        "fair_en",
        "fair_hi",
        "district_en",
        "district_hi",
        "sales_inr",
        "enquiries",
        "export_leads",
    ]
    rows = (
        DailySale.objects.filter(fair__status__in=PUBLISHED)
        .values(
            "fair_id",
            "fair__name_en",
            "fair__name_hi",
            "district__name_en",
            "district__name_hi",
        )
        .annotate(
            amount=Sum("amount"), enquiries=Sum("enquiries"), export_leads=Sum("export_leads")
        )
        .order_by("fair_id", "district__name_en")
    )
    return header, [list(row.values()) for row in rows]


DATASETS = {
    "allocations": (_("Places given per fair, district and ODOP product"), _allocations),
    "mous": (_("MoUs with their partners and stage"), _mous),
    "sales": (_("Sales, enquiries and export leads per fair and district"), _sales),
}


def open_dataset(name: str) -> dict:
    """The dataset ``name``: its title, header, rows, licence and the moment it was read."""
    title, read = DATASETS[name]
    header, rows = read()
    return {
        "dataset": name,
        "title": str(title),
        "licence": LICENCE,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "header": header,
        "rows": rows,
    }
