import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Exhibitor


class ExhibitorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    division = django_filters.NumberFilter(field_name="district__division", label=_("Division"))
    ordering = django_filters.OrderingFilter(
        fields=["name", "id", "created_at"], label=_("Order by")
    )

    class Meta:
        model = Exhibitor
        fields = ["district", "product", "kind", "mobile", "udyam_number", "gstin"]

    def search(self, queryset, name, value):
        value = " ".join(value.split())[:100]
        return queryset.filter(
            Q(name__icontains=value)
            | Q(mobile__contains=value)
            | Q(contact_person__icontains=value)
        )
