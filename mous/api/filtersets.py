"""API filters of the MoU pipeline: the list page's MoUFilterSet plus partner, date ranges and
ordering on named fields (an unknown ordering answers 400)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.api.filters import BooleanFilter, FilterSet, IdFilter
from mous.filtersets import MoUFilterSet
from mous.models import Deliverable, MoUDocument, MoUStageChange, ProgressEntry, Stage


class MoUApiFilterSet(MoUFilterSet):
    signed_after = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="gte", label=_("Signed on or after")
    )
    signed_before = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="lte", label=_("Signed on or before")
    )
    valid_until_after = django_filters.DateFilter(
        field_name="valid_until", lookup_expr="gte", label=_("Valid until, on or after")
    )
    valid_until_before = django_filters.DateFilter(
        field_name="valid_until", lookup_expr="lte", label=_("Valid until, on or before")
    )
    updated_after = django_filters.DateFilter(
        field_name="last_update_at", lookup_expr="date__gte", label=_("Last update on or after")
    )
    updated_before = django_filters.DateFilter(
        field_name="last_update_at", lookup_expr="date__lte", label=_("Last update on or before")
    )
    ordering = django_filters.OrderingFilter(
        fields=[
            "id",
            "title_en",
            "partner__name_en",
            "stage",
            "stage_changed_at",
            "last_update_at",
            "valid_until",
            "signed_on",
        ],
        label=_("Order by"),
    )

    class Meta(MoUFilterSet.Meta):
        fields = [*MoUFilterSet.Meta.fields, "partner", "nodal_officer"]


class MoUStageChangeFilterSet(FilterSet):
    changed_after = django_filters.DateFilter(
        field_name="changed_at", lookup_expr="date__gte", label=_("On or after")
    )
    changed_before = django_filters.DateFilter(
        field_name="changed_at", lookup_expr="date__lte", label=_("On or before")
    )
    to_stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("To stage"))
    partner = IdFilter(field_name="mou__partner", label=_("Partner"))
    ordering = django_filters.OrderingFilter(fields=["changed_at", "id"], label=_("Order by"))

    class Meta:
        model = MoUStageChange
        fields = ["mou", "changed_by"]


class DeliverableFilterSet(FilterSet):
    partner = IdFilter(field_name="mou__partner", label=_("Partner"))
    due_after = django_filters.DateFilter(
        field_name="due_on", lookup_expr="gte", label=_("Due on or after")
    )
    due_before = django_filters.DateFilter(
        field_name="due_on", lookup_expr="lte", label=_("Due on or before")
    )
    ordering = django_filters.OrderingFilter(
        fields=["id", "kind", "due_on", "target"], label=_("Order by")
    )

    class Meta:
        model = Deliverable
        fields = ["mou", "kind", "district"]


class ProgressEntryFilterSet(FilterSet):
    mou = IdFilter(field_name="deliverable__mou", label=_("MoU"))
    current = BooleanFilter(
        field_name="corrected_by",
        lookup_expr="isnull",
        label=_("Current (not superseded by a correction)"),
    )
    on_after = django_filters.DateFilter(field_name="on", lookup_expr="gte", label=_("From"))
    on_before = django_filters.DateFilter(field_name="on", lookup_expr="lte", label=_("To"))
    ordering = django_filters.OrderingFilter(fields=["on", "id", "value"], label=_("Order by"))

    class Meta:
        model = ProgressEntry
        fields = ["deliverable"]


class MoUDocumentFilterSet(FilterSet):
    ordering = django_filters.OrderingFilter(
        fields=["created_at", "id", "kind"], label=_("Order by")
    )

    class Meta:
        model = MoUDocument
        fields = ["mou", "kind"]
