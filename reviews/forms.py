"""Forms of the review pages; the rules they collect input for live in reviews.services.

The meeting's pages choose owners, fairs, MoUs and districts in every row of a formset: the
lists are read once per page (``RowOptions``) and shared by the rows, so a page with more rows
runs no more queries.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import LongSelect, form_field
from reviews.models import ActionPoint, AgendaItem, ComplianceUpdate, Meeting, ReportJob


class ReportRequestForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=ReportJob.Language.choices,
        initial=ReportJob.Language.ENGLISH,
    )


def _text_area(model, name: str, label, rows: int, **overrides):
    """A text area of ``model.name`` that says which language it is written in."""
    language = name.rsplit("_", 1)[-1]
    widget = forms.Textarea(attrs={"rows": rows, "lang": language})
    return form_field(model, name, label=label, widget=widget, **overrides)


class ComplianceUpdateForm(forms.Form):
    """What was done in English, in Hindi or in both (district staff often write in Hindi
    only); the service refuses an update with neither, at the field of the page's language."""

    on = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Status now"), choices=ActionPoint.Status.choices)
    text_en = _text_area(
        ComplianceUpdate,
        "text_en",
        _("What was done (English)"),
        4,
        help_text=_("Write it in English, in Hindi or in both."),
    )
    text_hi = _text_area(ComplianceUpdate, "text_hi", _("What was done (Hindi)"), 4)
    reason_en = _text_area(
        ComplianceUpdate,
        "reason_en",
        _("Reason for delay (English)"),
        3,
        help_text=_(
            "Required, in English or in Hindi, when the action point is past its due date and "
            "not yet complied."
        ),
    )
    reason_hi = _text_area(ComplianceUpdate, "reason_hi", _("Reason for delay (Hindi)"), 3)


# --- The meeting's pages ---------------------------------------------------------------------


def person_label(user) -> str:
    """A person as the lists show them: full name — role, designation or district."""
    details = [str(user.get_role_display())]
    if user.designation:
        details.append(user.designation)
    if user.district_id:
        details.append(user.district.name)
    return f"{user.get_full_name() or user.username} — {', '.join(details)}"


class Options:
    """Choices read once per page, shared by every row; ``get`` gives the chosen object."""

    def __init__(self, groups):
        self.objects = {}
        self.choices = [("", "—")]
        for group, entries in groups:
            self.objects.update({key: obj for key, obj, _label in entries})
            choices = [(key, label) for key, _obj, label in entries]
            if group is None:
                self.choices.extend(choices)
            else:
                self.choices.append((group, choices))

    @classmethod
    def of(cls, objects, label):
        return cls([(None, [(str(obj.pk), obj, label(obj)) for obj in objects])])

    def get(self, key: str):
        return self.objects.get(key)


class OptionField(forms.ChoiceField):
    """A choice among ``Options`` (given per form with ``use``); cleans to the object or None."""

    options = Options([])
    widget = LongSelect

    def use(self, options: Options) -> None:
        self.options = options
        # The list is in Django's normal form already (``Options``): set as it is, instead of
        # normalising its hundreds of entries again for every row of the page.
        self._choices = self.widget._choices = options.choices

    def clean(self, value):
        key = super().clean(value)
        return self.options.get(key) if key else None


@dataclass(frozen=True)
class RowOptions:
    """What the rows of the meeting's pages choose from."""

    owners: Options
    fairs: Options
    mous: Options
    districts: Options

    @classmethod
    def build(cls, choices) -> "RowOptions":
        """From ``reviews.selectors.meeting_choices``."""
        staff = User.Role.DISTRICT_STAFF.label
        # Month names looked up once, not once per fair (hundreds at ten years).
        months = {m: date_format(datetime.date(2000, m, 1), "M") for m in range(1, 13)}
        return cls(
            owners=Options(
                [
                    (
                        _("Cell officers"),
                        [(f"officer-{u.pk}", u, person_label(u)) for u in choices.officers],
                    ),
                    (
                        _("Districts"),
                        [(f"district-{d.pk}", d, f"{d.name} — {staff}") for d in choices.districts],
                    ),
                ]
            ),
            fairs=Options.of(
                choices.fairs,
                lambda f: f"{f.name} ({months[f.start_date.month]} {f.start_date.year})",
            ),
            mous=Options.of(choices.mous, lambda m: f"{m.partner.name} — {m.title}"),
            districts=Options.of(choices.districts, lambda d: d.name),
        )


class MeetingForm(forms.ModelForm):
    """The facts of a meeting and who attends."""

    class Meta:
        model = Meeting
        fields = Meeting.FACTS
        widgets = {
            "held_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "attendees": forms.CheckboxSelectMultiple,
            "other_attendees": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, people, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A new meeting is scheduled; its status and minutes come once it is held.
            del self.fields["status"], self.fields["minutes"]
            self.initial["convener"] = self.initial.get("convener") or user.pk
        self.fields["attendees"].queryset = people
        self.fields["attendees"].label_from_instance = person_label
        self.fields["convener"].queryset = people.filter(role=User.Role.CELL_OFFICER)
        self.fields["convener"].label_from_instance = person_label
        self.fields["held_at"].help_text = _("Day and time, Indian Standard Time.")


class AgendaRowForm(forms.Form):
    """One item of the agenda: its title and, at most, one subject it is about."""

    SUBJECTS = ("fair", "mou", "district")

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title_en = form_field(AgendaItem, "title_en", required=False, label=_("Item (English)"))
    title_hi = form_field(AgendaItem, "title_hi", required=False, label=_("Item (Hindi)"))
    fair = OptionField(required=False, label=_("About a fair"))
    mou = OptionField(required=False, label=_("About an MoU"))
    district = OptionField(required=False, label=_("About a district"))

    def __init__(self, *args, options: RowOptions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fair"].use(options.fairs)
        self.fields["mou"].use(options.mous)
        self.fields["district"].use(options.districts)

    @staticmethod
    def initial_of(item: AgendaItem) -> dict:
        subjects = {name: str(getattr(item, f"{name}_id") or "") for name in AgendaRowForm.SUBJECTS}
        return {
            "id": item.pk,
            "title_en": item.title_en,
            "title_hi": item.title_hi,
            ORDERING_FIELD_NAME: item.position,
            **subjects,
        }

    def fill(self, item: AgendaItem) -> AgendaItem:
        """``item`` with the row's values (the portal numbers it)."""
        item.title_en = self.cleaned_data.get("title_en", "")
        item.title_hi = self.cleaned_data.get("title_hi", "")
        for name in self.SUBJECTS:
            setattr(item, name, self.cleaned_data.get(name))
        return item


class BaseAgendaFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[ORDERING_FIELD_NAME] = forms.IntegerField(
            label=_("Place on the agenda"),
            required=False,
            min_value=1,
            max_value=999,
            help_text=_("The portal numbers the items in this order; empty puts an item last."),
        )
        if DELETION_FIELD_NAME in form.fields:
            form.fields[DELETION_FIELD_NAME].label = _("Remove this item")


AgendaFormSet = forms.formset_factory(
    AgendaRowForm,
    formset=BaseAgendaFormSet,
    extra=3,
    can_order=True,
    can_delete=True,
    can_delete_extra=False,
    max_num=100,
    absolute_max=100,
    validate_max=True,
)


class ActionPointRowForm(forms.Form):
    """One new action point; the portal gives its number."""

    text_en = form_field(
        ActionPoint,
        "text_en",
        label=_("Decision (English)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write the decision.")},
    )
    text_hi = form_field(
        ActionPoint,
        "text_hi",
        required=False,
        label=_("Decision (Hindi)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner = OptionField(
        label=_("Owner"),
        help_text=_("A cell officer, or a district whose staff report compliance."),
        error_messages={"required": _("Choose who carries it out: an officer or a district.")},
    )
    due_on = forms.DateField(
        label=_("Due date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the due date.")},
    )
    fair = OptionField(required=False, label=_("About a fair"))
    mou = OptionField(required=False, label=_("About an MoU"))

    # Where the service's errors of a row go on it.
    FIELDS = {"owner_officer": "owner", "district": "owner"}

    def __init__(self, *args, options: RowOptions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].use(options.owners)
        self.fields["fair"].use(options.fairs)
        self.fields["mou"].use(options.mous)

    def action_point(self) -> ActionPoint:
        """The row as a new action point (the service numbers it and sets its meeting)."""
        data = self.cleaned_data
        owner = data.get("owner")
        officer = owner if isinstance(owner, User) else None
        return ActionPoint(
            text_en=data.get("text_en", ""),
            text_hi=data.get("text_hi", ""),
            owner_officer=officer,
            district=None if officer else owner,
            due_on=data.get("due_on"),
            fair=data.get("fair"),
            mou=data.get("mou"),
        )


ActionPointFormSet = forms.formset_factory(
    ActionPointRowForm, extra=3, max_num=50, absolute_max=50, validate_max=True
)


def put_errors(form, errors: dict, fields: dict | None = None) -> None:
    """A service's errors of one row, at the row's fields (``fields`` renames them)."""
    for field, messages in errors.items():
        name = (fields or {}).get(field, field)
        form.add_error(name if name in form.fields else None, messages)


def more_rows(data, prefix: str, formset_class, rows: int = 3):
    """The data posted, with ``rows`` more blank rows (at most the formset's maximum)."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except ValueError:
        total = 0
    data[key] = str(max(0, min(total + rows, formset_class.max_num)))
    return data


class MeetingPageForms:
    """The create and edit page of a meeting: its facts, its agenda (saved items first) and,
    for a new meeting, the action points it decided; posted together, saved together."""

    def __init__(self, *, meeting, data, user, people, options: RowOptions, items: list):
        self.meeting = meeting
        self.items = {item.pk: item for item in items}
        self.form = MeetingForm(
            data, instance=meeting or Meeting(), people=people, user=user, prefix="meeting"
        )
        self.agenda = AgendaFormSet(
            data,
            prefix="agenda",
            initial=[AgendaRowForm.initial_of(item) for item in items],
            form_kwargs={"options": options},
        )
        self.points = None
        if meeting is None:
            self.points = ActionPointFormSet(
                data, prefix="points", form_kwargs={"options": options}
            )
        self._agenda_rows, self._point_rows = [], []

    @staticmethod
    def more_rows(data):
        """The data posted with more blank rows of agenda items and action points."""
        return more_rows(more_rows(data, "agenda", AgendaFormSet), "points", ActionPointFormSet)

    @property
    def has_errors(self) -> bool:
        formsets = [self.agenda, *([self.points] if self.points is not None else [])]
        return bool(self.form.errors) or any(f.total_error_count() for f in formsets)

    def is_valid(self) -> bool:
        valid = [self.form.is_valid(), self.agenda.is_valid()]
        if self.points is not None:
            valid.append(self.points.is_valid())
        if not all(valid):
            return False
        for form in self.agenda.forms:
            pk = form.cleaned_data.get("id")
            if pk is not None and pk not in self.items:
                form.add_error(
                    None, _("This item is no longer on the agenda; open the page again.")
                )
                return False
        return True

    def arguments(self) -> dict:
        """What ``meeting_record`` takes, once the forms are valid."""
        self._agenda_rows = self.agenda.ordered_forms
        agenda = [
            form.fill(self.items.get(form.cleaned_data.get("id")) or AgendaItem())
            for form in self._agenda_rows
        ]
        removed = [
            self.items[form.cleaned_data["id"]]
            for form in self.agenda.deleted_forms
            if form.cleaned_data.get("id") is not None
        ]
        points = []
        if self.points is not None:
            self._point_rows = [form for form in self.points.forms if form.has_changed()]
            points = [form.action_point() for form in self._point_rows]
        return {
            "meeting": self.form.instance,
            "attendees": list(self.form.cleaned_data["attendees"]),
            "agenda": agenda,
            "removed": removed,
            "points": points,
        }

    def refused(self, error) -> None:
        """Put a ``RowsRefused``'s errors on the meeting's fields and on their rows."""
        put_errors(self.form, error.meeting_errors)
        for index, errors in error.agenda_errors.items():
            put_errors(self._agenda_rows[index], errors)
        for index, errors in error.point_errors.items():
            put_errors(self._point_rows[index], errors, ActionPointRowForm.FIELDS)
