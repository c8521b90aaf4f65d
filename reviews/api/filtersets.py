"""API filters of review meetings, action points, compliance updates and report jobs, with
ordering on named fields (an unknown ordering answers 400)."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.api.filters import BooleanFilter, FilterSet, IdFilter
from reviews.models import ActionPoint, ComplianceUpdate, Meeting, ReportJob


class MeetingFilterSet(FilterSet):
    held_after = django_filters.DateFilter(
        field_name="held_at", lookup_expr="date__gte", label=_("Held on or after")
    )
    held_before = django_filters.DateFilter(
        field_name="held_at", lookup_expr="date__lte", label=_("Held on or before")
    )
    ordering = django_filters.OrderingFilter(
        fields=["held_at", "id", "title_en", "status"], label=_("Order by")
    )

    class Meta:
        model = Meeting
        fields = ["status", "chair", "convener"]


class ActionPointFilterSet(FilterSet):
    # Ids of records some users may not see are plain numbers: a filter never tells whether
    # such a record exists.
    meeting = IdFilter(label=_("Meeting"))
    mou = IdFilter(label=_("MoU"))
    overdue = BooleanFilter(
        method="filter_overdue",
        label=_("Past due date and not resolved"),
    )
    due_after = django_filters.DateFilter(
        field_name="due_on", lookup_expr="gte", label=_("Due on or after")
    )
    due_before = django_filters.DateFilter(
        field_name="due_on", lookup_expr="lte", label=_("Due on or before")
    )
    ordering = django_filters.OrderingFilter(
        fields=["due_on", "id", "number", "status", "meeting__held_at", "resolved_on"],
        label=_("Order by"),
    )

    class Meta:
        model = ActionPoint
        fields = ["meeting", "status", "district", "owner_officer", "fair", "mou"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.overdue()
        return queryset.filter(
            Q(status__in=list(ActionPoint.RESOLVED)) | Q(due_on__gte=timezone.localdate())
        )


class ComplianceUpdateFilterSet(FilterSet):
    action_point = IdFilter(label=_("Action point"))
    meeting = IdFilter(field_name="action_point__meeting", label=_("Meeting"))
    on_after = django_filters.DateFilter(field_name="on", lookup_expr="gte", label=_("From"))
    on_before = django_filters.DateFilter(field_name="on", lookup_expr="lte", label=_("To"))
    ordering = django_filters.OrderingFilter(fields=["on", "id", "created_at"], label=_("Order by"))

    class Meta:
        model = ComplianceUpdate
        fields = ["action_point", "status"]


class ReportJobFilterSet(FilterSet):
    approved = BooleanFilter(
        field_name="approved_at", lookup_expr="isnull", exclude=True, label=_("Approved")
    )
    ordering = django_filters.OrderingFilter(
        fields=["created_at", "id", "version", "finished_at", "meeting__held_at"],
        label=_("Order by"),
    )

    class Meta:
        model = ReportJob
        fields = ["meeting", "status", "language", "trigger"]
