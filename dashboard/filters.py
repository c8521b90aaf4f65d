"""The dashboard's filters: season (year), fair, division."""

from django import forms
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.models import Division
from events.models import Fair


class DashboardFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Season"), coerce=int, required=False, empty_value=None)
    fair = forms.ModelChoiceField(
        label=_("Fair"), queryset=Fair.objects.none(), required=False, empty_label=_("All fairs")
    )
    division = forms.ModelChoiceField(
        label=_("Division"),
        queryset=Division.objects.order_by("name_en"),
        required=False,
        empty_label=_("All divisions"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_district_staff:
            del self.fields["division"]  # their district is their whole view
        fairs = Fair.objects.exclude(status=Fair.Status.CANCELLED).order_by("-start_date", "pk")
        self.fields["fair"].queryset = fairs
        self.fields["fair"].label_from_instance = lambda fair: f"{fair.name} ({fair.start_date:%Y})"
        years = sorted(
            set(fairs.annotate(y=ExtractYear("start_date")).values_list("y", flat=True)),
            reverse=True,
        )
        self.fields["year"].choices = [("", _("All seasons")), *[(y, str(y)) for y in years]]
        if "division" in self.fields:
            self.fields["division"].label_from_instance = lambda division: division.name

    def selection(self) -> dict:
        """The valid filters; a value that is not valid is dropped (the unfiltered view)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in ("year", "fair", "division")}


def fairs_in_view(selection: dict):
    """Fairs the dashboard covers: the chosen fair, the season's fairs, or every fair not yet
    over together with the last twelve months' fairs."""
    fairs = Fair.objects.exclude(status=Fair.Status.CANCELLED).order_by("start_date", "pk")
    if selection.get("fair"):
        return fairs.filter(pk=selection["fair"].pk)
    if selection.get("year"):
        return fairs.filter(start_date__year=selection["year"])
    year_ago = timezone.localdate().replace(day=1) - timezone.timedelta(days=365)
    return fairs.filter(end_date__gte=year_ago)
