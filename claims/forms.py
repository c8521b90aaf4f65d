"""Forms of the claim pages: the district's claim, the steps, the documents, the sanction."""

from django import forms
from django.utils.translation import gettext_lazy as _

from claims.models import Claim, ClaimDocument
from claims.selectors import claimable_allocations


def _place(allocation) -> str:
    place = allocation.stall.number if allocation.stall_id else f"{allocation.area} m²"
    return f"{allocation.nomination.exhibitor.name} · {allocation.fair.name} · {place}"


class ClaimForm(forms.ModelForm):
    """The district's claim: the place it is for (new claims), the applicant, what was paid,
    the bank account. The fair, district, exhibitor and rule come from the place."""

    class Meta:
        model = Claim
        fields = [
            "allocation",
            "applicant_name",
            "applicant_birth_date",
            "dic_registration",
            "stall_charge_paid",
            "freight_paid",
            "fare_paid",
            "travel_mode",
            "account_holder",
            "ifsc",
            "account_number",
            "no_other_benefit",
        ]
        widgets = {
            "applicant_birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "stall_charge_paid": forms.NumberInput(attrs={"inputmode": "decimal", "min": 0}),
            "freight_paid": forms.NumberInput(attrs={"inputmode": "decimal", "min": 0}),
            "fare_paid": forms.NumberInput(attrs={"inputmode": "decimal", "min": 0}),
            "ifsc": forms.TextInput(attrs={"autocapitalize": "characters"}),
            "account_number": forms.TextInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["allocation"]
        else:
            field = self.fields["allocation"]
            field.queryset = claimable_allocations(user=user)
            field.label_from_instance = _place
            field.empty_label = _("Choose the place held")
        self.fields["account_number"].help_text = _(
            "Shown afterwards with its last four digits only."
        )

    def validate_unique(self):
        # One live claim per exhibitor and fair is checked by claim_create, at the place.
        pass


class ReasonForm(forms.Form):
    # Required by the service, which says so at the field ("Give the reason.").
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoteForm(forms.Form):
    reason = forms.CharField(
        label=_("Note (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _amount(label):
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "min": 0}),
    )


class VerifyForm(forms.Form):
    """The cell's verification: each line may be corrected downwards, with the reason."""

    stall = _amount(_("Stall charge (₹)"))
    freight = _amount(_("Freight (₹)"))
    fare = _amount(_("Fare (₹)"))
    reason = forms.CharField(
        label=_("Reason for a correction"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.update(
            stall=claim.stall_admissible,
            freight=claim.freight_admissible,
            fare=claim.fare_admissible,
        )


class PayForm(forms.Form):
    reference = forms.CharField(label=_("Payment reference (UTR or PFMS)"), max_length=60)
    paid_on = forms.DateField(
        label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=ClaimDocument.Kind.choices)
    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,image/*"}),
    )


class SanctionForm(forms.Form):
    """Sanction the chosen verified claims of one fair under one order number."""

    claims = forms.TypedMultipleChoiceField(
        label=_("Claims"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    number = forms.CharField(label=_("Sanction number"), max_length=60)
    sanctioned_on = forms.DateField(
        label=_("Sanctioned on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, claims, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claims"].choices = [(c.pk, c.number) for c in claims]
        self.initial.setdefault("claims", [c.pk for c in claims])
