"""The public guide to the fairs: what a visitor reads, without signing in.

Only fairs that are taking nominations, allocating or live are shown (a fair still being
planned is a draft, a cancelled or concluded one is gone), and of them only the places given:
stall or area, exhibitor's name, district and ODOP product. Never a mobile number or another
personal detail, and nothing of a nomination not yet placed.
"""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from districts.masterdata import master_data
from events.models import Fair
from stalls.models import Allocation, Stall

PUBLIC = [Fair.Status.NOMINATIONS_OPEN, Fair.Status.ALLOCATION, Fair.Status.LIVE]


def guide_fairs() -> list[Fair]:
    """The public fairs, soonest first, each with its places given and districts shown."""
    active = Q(allocations__status=Allocation.Status.ACTIVE)
    return list(
        Fair.objects.filter(status__in=PUBLIC)
        .annotate(
            places=Count("allocations", filter=active),
            districts=Count("allocations__district", filter=active, distinct=True),
            products=Count("allocations__product", filter=active, distinct=True),
        )
        .order_by("start_date", "pk")
    )


def guide_fair(pk: int) -> Fair:
    return get_object_or_404(Fair.objects.filter(status__in=PUBLIC), pk=pk)


def guide_places(*, fair: Fair, district_id=None, product_id=None, query: str = ""):
    """The fair's places given, as the board orders them, narrowed by district, product or
    a word of the exhibitor's or product's name."""
    places = (
        Allocation.objects.active()
        .filter(fair=fair)
        .select_related("space", "stall", "district", "product")
        .select_related("nomination__exhibitor")
        .order_by("space", "stall__position", "pk")
    )
    if district_id:
        places = places.filter(district_id=district_id)
    if product_id:
        places = places.filter(product_id=product_id)
    if query:
        places = places.filter(
            Q(nomination__exhibitor__name__icontains=query)
            | Q(product__name_en__icontains=query)
            | Q(product__name_hi__icontains=query)
        )
    return places


def guide_choices(fair: Fair) -> tuple[list, list]:
    """The districts and products that have a place at the fair, for the search form."""
    shown = Allocation.objects.active().filter(fair=fair)
    district_ids = set(shown.values_list("district_id", flat=True))
    product_ids = set(shown.exclude(product=None).values_list("product_id", flat=True))
    data = master_data()
    return (
        [d for d in data.districts if d.pk in district_ids],
        [p for p in data.products if p.pk in product_ids],
    )


def guide_stall(*, fair: Fair, pk: int) -> tuple[Stall, Allocation | None]:
    stall = get_object_or_404(Stall.objects.select_related("space"), pk=pk, space__fair=fair)
    place = (
        Allocation.objects.active()
        .filter(stall=stall)
        .select_related("district", "product", "nomination__exhibitor")
        .first()
    )
    return stall, place
