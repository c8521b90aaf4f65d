from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import form_field
from core.templatetags.portal import indian_grouping
from events.models import Space
from exhibitors.models import Exhibitor
from stalls.models import (
    Allocation,
    AllotmentRequest,
    DailySale,
    Nomination,
    Offer,
    Override,
    Stall,
)


class NominationForm(forms.Form):
    space = forms.ModelChoiceField(queryset=Space.objects.none(), label=_("Space"))
    exhibitor = forms.ModelChoiceField(queryset=Exhibitor.objects.none(), label=_("Exhibitor"))
    area_requested = form_field(
        Nomination,
        "area_requested",
        label=_("Area needed (m²)"),
        required=False,
        help_text=_("Only for spaces counted in m²."),
    )
    override_reason = form_field(
        Override,
        "reason",
        label=_("Reason to exceed the district's allotment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, fair, allotment_rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        spaces = list(Space.objects.filter(fair=fair).order_by("pk"))
        self.fields["space"].queryset = Space.objects.filter(fair=fair).order_by("pk")
        # District staff see what their district's allotment leaves in each space.
        left = {row["space"].pk: row["free"] for row in allotment_rows or []}
        self.fields["space"].label_from_instance = lambda space: _space_label(space, left)
        if len(spaces) == 1:
            self.fields["space"].initial = spaces[0].pk
            self.fields["space"].empty_label = None
        # A stall fair never asks for m²; a fair with both kinds says which space needs it.
        if all(space.is_units for space in spaces):
            del self.fields["area_requested"]
        elif all(not space.is_units for space in spaces):
            self.fields["area_requested"].required = True
            self.fields["area_requested"].help_text = ""
        exhibitors = Exhibitor.objects.for_user(user).select_related("district", "product")
        self.fields["exhibitor"].queryset = exhibitors.order_by("name", "pk")
        self.fields["exhibitor"].label_from_instance = lambda e: (
            f"{e.name} · {e.mobile}" if user.is_district_staff else f"{e.name} · {e.district.name}"
        )
        if not user.is_statewide:
            del self.fields["override_reason"]


def _space_label(space, left: dict) -> str:
    if space.pk not in left:
        return space.name
    if space.is_units:
        return ngettext(
            "%(space)s — %(left)s stall left of your district's allotment",
            "%(space)s — %(left)s stalls left of your district's allotment",
            left[space.pk],
        ) % {"space": space.name, "left": left[space.pk]}
    return _("%(space)s — %(left)s m² left of your district's allotment") % {
        "space": space.name,
        "left": indian_grouping(left[space.pk]),
    }


class WithdrawForm(forms.Form):
    reason = form_field(
        Allocation,
        "cancelled_reason",
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AllocateForm(forms.Form):
    nomination = forms.ModelChoiceField(queryset=Nomination.objects.none(), label=_("Nomination"))
    area = form_field(Allocation, "area", label=_("Area (m²)"), required=False)
    override_reason = form_field(
        Override,
        "reason",
        label=_("Reason to allocate out of waiting-list order"),
        required=False,
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
    amount = form_field(
        DailySale,
        "amount",
        label=_("Sales (₹)"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    enquiries = form_field(DailySale, "enquiries", label=_("Enquiries"), required=False)
    export_leads = form_field(DailySale, "export_leads", label=_("Export leads"), required=False)
    # The fingerprint of what the page showed as saved for this place and day.
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


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


class SalesReplaceForm(forms.Form):
    """The confirmation that saving may replace figures already saved, with their count."""

    replace = forms.BooleanField(required=False)

    def __init__(self, *args, replacing: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replace"].label = ngettext(
            "I confirm replacing %(count)s saved figure",
            "I confirm replacing %(count)s saved figures",
            replacing,
        ) % {"count": replacing}


class SalesUploadConfirmForm(SalesReplaceForm):
    """Saving a previewed upload: the stored file's token and the confirmation."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=32)


class MoveForm(forms.Form):
    stall = forms.ModelChoiceField(queryset=Stall.objects.none(), label=_("Move to stall"))
    reason = form_field(
        Override, "reason", label=_("Reason for the move"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, free_stalls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stall"].queryset = free_stalls


class AllotmentRequestForm(forms.Form):
    """How many more stalls (or m²) the district asks for in one space, and why."""

    units = form_field(AllotmentRequest, "units", label=_("More stalls or shops"), initial=None)
    area = form_field(AllotmentRequest, "area", label=_("More area (m²)"), initial=None)
    reason = form_field(
        AllotmentRequest,
        "reason",
        label=_("Reason"),
        help_text=_("For example the exhibitors waiting and why this fair matters to them."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["area" if space.is_units else "units"]


class OfferAnswerForm(forms.Form):
    """The district's answer to an offered place: accept, or decline with an optional reason."""

    ACCEPT, DECLINE = "accept", "decline"

    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(ACCEPT, _("Accept the place")), (DECLINE, _("Decline the place"))],
        widget=forms.RadioSelect,
    )
    reason = form_field(
        Offer,
        "reason",
        label=_("Reason (if you decline)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
