"""Reads of master data, scoped to the user."""

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from districts.models import District, Division, Product


def district_list(*, user) -> QuerySet[District]:
    """Districts the user may see, with division and products loaded in two queries."""
    return (
        District.objects.for_user(user)
        .select_related("division")
        .prefetch_related(
            Prefetch("products", queryset=Product.objects.order_by("-is_original", "name_en", "pk"))
        )
    )


def district_get(*, user, pk: int) -> District:
    """One district inside the user's scope; Http404 for any other."""
    return get_object_or_404(district_list(user=user), pk=pk)


def division_summary_list(*, user) -> QuerySet[Division]:
    """Divisions with the number of districts and products the user may see in each."""
    districts = District.objects.for_user(user)
    return (
        Division.objects.filter(districts__in=districts)
        .annotate(
            district_count=Count("districts", distinct=True),
            product_count=Count("districts__products", distinct=True),
        )
        .order_by("name_en", "pk")
    )
