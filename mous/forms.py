from django import forms
from django.utils.translation import gettext_lazy as _

from mous.models import MoU, Stage

KEEP_STAGE = ""


class StageMoveForm(forms.Form):
    """A stage change or a note; the service decides whether the move is allowed."""

    to_stage = forms.ChoiceField(label=_("New stage"), required=False)
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What happened: the meeting, the letter, the decision."),
    )
    next_step = forms.CharField(label=_("Next step"), max_length=300, required=False)
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
        self.fields["next_step"].initial = mou.next_step
