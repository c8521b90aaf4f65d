import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.api.filters import FilterSet
from core.search import search_query
from districts.models import District, Division, Product


class DistrictFilterSet(FilterSet):
    """Shared by the district list page, the admin and (later) the API."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    division = django_filters.ModelChoiceFilter(
        queryset=Division.objects.all(), label=_("Division"), empty_label=_("All divisions")
    )

    ordering = django_filters.OrderingFilter(
        fields=[("name_en", "name"), ("lgd_code", "lgd_code"), ("id", "id")],
        label=_("Order by"),
    )

    class Meta:
        model = District
        fields = ["q", "division"]

    def filter_search(self, queryset, name, value):
        value = search_query(value).text  # NFC, as the names are stored
        if not value:
            return queryset
        return queryset.filter(
            Q(name_en__icontains=value)
            | Q(name_hi__icontains=value)
            | Q(products__name_en__icontains=value)
            | Q(products__name_hi__icontains=value)
        ).distinct()


class ProductFilterSet(FilterSet):
    ordering = django_filters.OrderingFilter(fields=["name_en", "district__name_en", "id"])

    class Meta:
        model = Product
        fields = ["district", "district__division", "is_original"]
