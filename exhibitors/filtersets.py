import django_filters
from django.utils.translation import gettext_lazy as _

from core.api.filters import FilterSet, IdFilter
from core.search import exhibitor_match, search_query
from exhibitors.models import Exhibitor


class ExhibitorFilterSet(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    division = IdFilter(field_name="district__division", label=_("Division"))
    ordering = django_filters.OrderingFilter(
        fields=["name", "id", "created_at"], label=_("Order by")
    )

    class Meta:
        model = Exhibitor
        fields = ["district", "product", "kind", "mobile", "udyam_number", "gstin"]

    def search(self, queryset, name, value):
        # The page's search box and this filter are one rule (core.search).
        query = search_query(value)
        return queryset.filter(exhibitor_match(query)) if query else queryset
