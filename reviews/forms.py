"""Forms of the review pages; the rules they collect input for live in reviews.services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models import ActionPoint, ReportJob


class ReportRequestForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=ReportJob.Language.choices,
        initial=ReportJob.Language.ENGLISH,
    )


class ComplianceUpdateForm(forms.Form):
    on = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Status now"), choices=ActionPoint.Status.choices)
    text = forms.CharField(
        label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    reason = forms.CharField(
        label=_("Reason for delay"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the action point is past its due date and not yet complied."),
    )
