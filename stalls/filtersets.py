"""Filters shared by the API (and usable by pages): by fair, district, division, status, dates."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.api.filters import FilterSet, IdFilter
from stalls.models import Allocation, Allotment, AllotmentRequest, DailySale, Nomination, Stall


class StallFilterSet(FilterSet):
    ordering = django_filters.OrderingFilter(
        fields=["position", "number", "id"], label=_("Order by")
    )

    class Meta:
        model = Stall
        fields = ["fair", "space", "zone"]


class AllotmentFilterSet(FilterSet):
    division = IdFilter(field_name="district__division", label=_("Division"))
    fair = IdFilter(field_name="space__fair", label=_("Fair"))
    ordering = django_filters.OrderingFilter(
        fields=["id", "district__name_en"], label=_("Order by")
    )

    class Meta:
        model = Allotment
        fields = ["space", "district"]


class AllotmentRequestFilterSet(FilterSet):
    fair = IdFilter(field_name="space__fair", label=_("Fair"))
    ordering = django_filters.OrderingFilter(fields=["id", "created_at"], label=_("Order by"))

    class Meta:
        model = AllotmentRequest
        fields = ["space", "district", "status"]


class NominationFilterSet(FilterSet):
    division = IdFilter(field_name="district__division", label=_("Division"))
    product = IdFilter(field_name="exhibitor__product", label=_("ODOP product"))
    created_after = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Created on or after")
    )
    created_before = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Created on or before")
    )
    ordering = django_filters.OrderingFilter(
        fields=["id", "created_at", "waitlisted_at"], label=_("Order by")
    )

    class Meta:
        model = Nomination
        fields = ["fair", "space", "district", "exhibitor", "status"]


class AllocationFilterSet(FilterSet):
    division = IdFilter(field_name="district__division", label=_("Division"))
    product = IdFilter(field_name="product", label=_("ODOP product"))
    ordering = django_filters.OrderingFilter(
        fields=["id", "created_at", "stall__position"], label=_("Order by")
    )

    class Meta:
        model = Allocation
        fields = ["fair", "space", "district", "stall", "status"]


class DailySaleFilterSet(FilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))
    division = IdFilter(field_name="district__division", label=_("Division"))
    product = IdFilter(field_name="product", label=_("ODOP product"))
    ordering = django_filters.OrderingFilter(fields=["date", "id", "amount"], label=_("Order by"))

    class Meta:
        model = DailySale
        fields = ["fair", "district", "allocation"]
