import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.api.filters import FilterSet
from mous.models import MoU, Stage, Staleness
from partners.models import Partner


class MoUFilterSet(FilterSet):
    """Filters of the MoU list page; ``since`` chooses the "what changed" window only."""

    since = django_filters.DateFilter(
        method="filter_nothing",
        label=_("Changes since"),
        help_text=_("For example the date of the last review meeting."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    stage = django_filters.ChoiceFilter(choices=Stage.choices, empty_label=_("All stages"))
    kind = django_filters.ChoiceFilter(
        field_name="partner__kind",
        choices=Partner.Kind.choices,
        label=_("Kind of partner"),
        empty_label=_("All kinds"),
    )
    staleness = django_filters.ChoiceFilter(
        choices=Staleness.choices, label=_("Up to date?"), empty_label=_("All")
    )

    class Meta:
        model = MoU
        fields = ["since", "stage", "kind", "staleness"]

    def filter_nothing(self, queryset, name, value):
        return queryset
