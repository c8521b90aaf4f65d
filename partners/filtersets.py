"""Filters of partners and their contacts, for the API and the pages."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.api.filters import FilterSet
from core.search import search_query
from partners.models import ContactPerson, Partner


class PartnerFilterSet(FilterSet):
    search = django_filters.CharFilter(method="filter_search", label=_("Name contains"))
    ordering = django_filters.OrderingFilter(
        fields=["name_en", "short_name", "kind", "created_at", "id"], label=_("Order by")
    )

    class Meta:
        model = Partner
        fields = ["kind"]

    def filter_search(self, queryset, name, value: str):
        value = search_query(value).text  # NFC, as the names are stored
        return queryset.filter(
            Q(name_en__icontains=value)
            | Q(name_hi__icontains=value)
            | Q(short_name__icontains=value)
        )


class ContactPersonFilterSet(FilterSet):
    ordering = django_filters.OrderingFilter(fields=["name", "id"], label=_("Order by"))

    class Meta:
        model = ContactPerson
        fields = ["partner"]
