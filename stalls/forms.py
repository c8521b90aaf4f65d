from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Space
from exhibitors.models import Exhibitor
from stalls.models import Nomination, Stall


class NominationForm(forms.Form):
    space = forms.ModelChoiceField(queryset=Space.objects.none(), label=_("Space"))
    exhibitor = forms.ModelChoiceField(queryset=Exhibitor.objects.none(), label=_("Exhibitor"))
    area_requested = forms.DecimalField(
        label=_("Area needed (m²)"),
        required=False,
        min_value=0.01,
        max_digits=9,
        decimal_places=2,
        help_text=_("Only for spaces counted in m²."),
    )
    override_reason = forms.CharField(
        label=_("Reason to exceed the district's allotment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, fair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = Space.objects.filter(fair=fair).order_by("pk")
        self.fields["space"].label_from_instance = lambda space: space.name
        exhibitors = Exhibitor.objects.for_user(user).select_related("district", "product")
        self.fields["exhibitor"].queryset = exhibitors.order_by("name", "pk")
        self.fields["exhibitor"].label_from_instance = lambda e: (
            f"{e.name} · {e.mobile}" if user.is_district_staff else f"{e.name} · {e.district.name}"
        )
        if not user.is_statewide:
            del self.fields["override_reason"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AllocateForm(forms.Form):
    nomination = forms.ModelChoiceField(queryset=Nomination.objects.none(), label=_("Nomination"))
    area = forms.DecimalField(
        label=_("Area (m²)"), required=False, min_value=0.01, max_digits=9, decimal_places=2
    )
    override_reason = forms.CharField(
        label=_("Reason to allocate out of waiting-list order"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, candidates, with_area: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = candidates
        self.fields["nomination"].label_from_instance = lambda n: (
            f"{n.exhibitor.name} · {n.district.name} · {n.get_status_display()}"
        )
        if not with_area:
            del self.fields["area"]


class SaleRowForm(forms.Form):
    allocation = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.DecimalField(
        label=_("Sales (₹)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    enquiries = forms.IntegerField(label=_("Enquiries"), required=False, min_value=0)
    export_leads = forms.IntegerField(label=_("Export leads"), required=False, min_value=0)


SaleFormSet = forms.formset_factory(SaleRowForm, extra=0, max_num=500, validate_max=True)


class SaleDayForm(forms.Form):
    date = forms.DateField(
        label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class MoveForm(forms.Form):
    stall = forms.ModelChoiceField(queryset=Stall.objects.none(), label=_("Move to stall"))
    reason = forms.CharField(
        label=_("Reason for the move"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, free_stalls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stall"].queryset = free_stalls
