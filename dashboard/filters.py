"""The dashboard's filters: season (year), fair, division."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.request_checks import whole_number
from districts.masterdata import master_data
from events.models import Fair


class DashboardFilterForm(forms.Form):
    """Season, fair and division; the choices come from one query of the fairs and from the
    cached master data (divisions)."""

    year = forms.TypedChoiceField(label=_("Season"), coerce=int, required=False, empty_value=None)
    fair = forms.TypedChoiceField(label=_("Fair"), coerce=int, required=False, empty_value=None)
    division = forms.TypedChoiceField(
        label=_("Division"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Every fair not cancelled, soonest first: the choices, and what fairs_in_view picks from.
        self.fairs = list(
            Fair.objects.exclude(status=Fair.Status.CANCELLED).order_by("start_date", "pk")
        )
        self._fairs = {fair.pk: fair for fair in self.fairs}
        self.fields["fair"].choices = [
            ("", _("All fairs")),
            *[(fair.pk, f"{fair.name} ({fair.start_date:%Y})") for fair in self._fair_choices()],
        ]
        years = sorted({fair.start_date.year for fair in self.fairs}, reverse=True)
        self.fields["year"].choices = [("", _("All seasons")), *[(y, str(y)) for y in years]]
        if user.is_district_staff:
            del self.fields["division"]  # their district is their whole view
            self._divisions = {}
        else:
            divisions = {d.division_id: d.division for d in master_data().districts}
            self._divisions = divisions
            self.fields["division"].choices = [
                ("", _("All divisions")),
                *[(d.pk, d.name) for d in sorted(divisions.values(), key=lambda d: d.name_en)],
            ]

    def _fair_choices(self) -> list:
        """The fairs of the chosen season, else those of the default view (not yet over or of
        the last twelve months), newest first; a fair asked for by id is always valid. Ten
        years hold about 500 fairs: a list of them all is neither fast nor usable."""
        # By hand, before the form is cleaned: "²" passes str.isdigit() but not int().
        year, asked = whole_number(self.data.get("year")), whole_number(self.data.get("fair"))
        shown = fairs_in_view({"year": year} if year is not None else {}, self.fairs)
        if asked in self._fairs:
            shown = sorted(
                {f.pk: f for f in [*shown, self._fairs[asked]]}.values(),
                key=lambda fair: (fair.start_date, fair.pk),
            )
        return list(reversed(shown))

    def selection(self) -> dict:
        """The valid filters; a value that is not valid is dropped (the unfiltered view)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "year": data.get("year"),
            "fair": self._fairs.get(data.get("fair")),
            "division": self._divisions.get(data.get("division")),
        }


def fairs_in_view(selection: dict, fairs: list) -> list:
    """Of ``fairs`` (the form's, soonest first), those the dashboard covers: the chosen fair,
    the season's fairs, or every fair not yet over together with the last twelve months'."""
    if selection.get("fair"):
        return [fair for fair in fairs if fair.pk == selection["fair"].pk]
    if selection.get("year"):
        return [fair for fair in fairs if fair.start_date.year == selection["year"]]
    since = Fair.recent_since()
    return [fair for fair in fairs if fair.end_date >= since]
