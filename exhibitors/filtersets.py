import django_filters
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Exhibitor
from odop_portal.api.filters import FilterSet, IdFilter
from odop_portal.search import exhibitor_match, search_query


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
        # The page's search box and this filter are one rule (odop_portal.search).
        query = search_query(value)
        return queryset.filter(exhibitor_match(query)) if query else queryset
