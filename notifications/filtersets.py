"""Filters of a user's notices."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.api.filters import FilterSet
from notifications.models import Notice


class NoticeFilterSet(FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label=_("Unread only")
    )
    ordering = django_filters.OrderingFilter(fields=["created_at", "id"], label=_("Order by"))

    class Meta:
        model = Notice
        fields = ["code"]
