import django_filters
from django.utils.translation import gettext_lazy as _

from core.api.filters import FilterSet, YearFilter
from events.models import Activity, Fair, Space


class FairFilterSet(FilterSet):
    starts_after = django_filters.DateFilter(
        field_name="start_date", lookup_expr="gte", label=_("Starts on or after")
    )
    starts_before = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", label=_("Starts on or before")
    )
    year = YearFilter(field_name="start_date", label=_("Year"))
    ordering = django_filters.OrderingFilter(
        fields=["start_date", "name_en", "id"], label=_("Order by")
    )

    class Meta:
        model = Fair
        fields = ["status", "kind", "city"]


class SpaceFilterSet(FilterSet):
    ordering = django_filters.OrderingFilter(fields=["id", "name_en"], label=_("Order by"))

    class Meta:
        model = Space
        fields = ["fair", "measure", "is_odop"]


class ActivityFilterSet(FilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))
    ordering = django_filters.OrderingFilter(fields=["date", "id"], label=_("Order by"))

    class Meta:
        model = Activity
        fields = ["fair", "kind", "is_ready"]
