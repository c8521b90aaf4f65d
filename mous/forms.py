from django import forms
from django.utils.translation import gettext_lazy as _

from mous.models import MoU, ProgressEntry, Stage

KEEP_STAGE = ""
# The form's fields of what the officer wrote, as the services take them.
TEXT_FIELDS = ["note_en", "note_hi", "next_step_en", "next_step_hi"]
HINDI_HELP = _("Optional. Without it, Hindi pages show the English one, marked as English.")


class StageMoveForm(forms.Form):
    """A stage change or a note; the service decides whether the move is allowed."""

    to_stage = forms.ChoiceField(label=_("New stage"), required=False)
    # English as before; Hindi optional, shown on Hindi pages and in the Hindi report (which
    # show the English, marked, where it is missing).
    note_en = forms.CharField(
        label=_("Note (English)"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        help_text=_("What happened: the meeting, the letter, the decision."),
    )
    note_hi = forms.CharField(
        label=_("Note (Hindi)"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "hi"}),
        required=False,
        help_text=HINDI_HELP,
    )
    next_step_en = forms.CharField(
        label=_("Next step (English)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"lang": "en"}),
    )
    next_step_hi = forms.CharField(
        label=_("Next step (Hindi)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"lang": "hi"}),
        help_text=HINDI_HELP,
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when the MoU is dropped or terminated."),
    )

    def __init__(self, *args, mou: MoU, **kwargs):
        super().__init__(*args, **kwargs)
        # Every stage is offered so that a refused move gets its message at the field.
        self.fields["to_stage"].choices = [
            (KEEP_STAGE, _("No change of stage (add a note)")),
            *[(stage.value, stage.label) for stage in Stage if stage != mou.stage],
        ]
        self.fields["next_step_en"].initial = mou.next_step_en
        self.fields["next_step_hi"].initial = mou.next_step_hi


class ProgressCorrectionForm(forms.Form):
    """The corrected value and note of a progress entry, and why; the service and the model
    decide what is refused (the reason is required by a database constraint)."""

    value = forms.IntegerField(
        label=_("Corrected value"),
        help_text=ProgressEntry._meta.get_field("value").help_text,
        widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
    )
    note = ProgressEntry._meta.get_field("note").formfield(label=_("Note"))
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "required": True}),
        help_text=_("Why the recorded value was wrong, and where the right one comes from."),
    )
