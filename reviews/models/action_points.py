"""Action points a meeting decides and the compliance updates reported on them.

An action point may be owned by a district, and then its district's staff see it and report
compliance on it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.constraints import FieldCheckConstraint
from core.fields import NoteField, bounded, validate_plausible_date
from core.models import BilingualText, TimeStampedModel, bilingual, bilingual_text
from core.scoping import ScopedQuerySet
from reviews.models.meetings import Meeting


class ActionPointStatus(models.TextChoices):
    """``ActionPoint.Status``; at module level so the model's constraint can list its values."""

    # Labels differ from the same words elsewhere ("Open" on a button, an MoU "dropped"
    # from talks), which read differently in Hindi.
    OPEN = "open", _("Pending")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLIED = "complied", _("Complied")
    DROPPED = "dropped", _("Dropped by the meeting")


class ActionPointQuerySet(ScopedQuerySet):
    def unresolved(self):
        return self.exclude(status__in=ActionPoint.RESOLVED)

    def overdue(self, today=None):
        """Unresolved action points whose due date has passed."""
        return self.unresolved().filter(due_on__lt=today or timezone.localdate())


def active_field(name: str) -> str:
    """``name_hi`` on a Hindi page or request, else ``name_en``: where a rule that either
    language satisfies puts its message, next to the field the writer is most likely using."""
    return f"{name}_hi" if (get_language() or "en").startswith("hi") else f"{name}_en"


def compliance_text_check(*, text_en: str, text_hi: str) -> None:
    """What was done is written in English, in Hindi or in both: district staff may write in
    Hindi only. Called by ``ComplianceUpdate.clean``."""
    if not (text_en or "").strip() and not (text_hi or "").strip():
        raise ValidationError(
            {active_field("text"): _("Write what was done, in English or in Hindi.")},
            code="text_required",
        )


def overdue_reason_check(
    *, due_on, status: str, reason_en: str, reason_hi: str = "", today=None
) -> None:
    """An action point past its due date and still unresolved needs a reason for the delay,
    in either language.

    Called by ``ComplianceUpdate.clean`` (so by the compliance-update service).
    """
    today = today or timezone.localdate()
    given = (reason_en or "").strip() or (reason_hi or "").strip()
    if due_on and due_on < today and status not in ActionPoint.RESOLVED and not given:
        raise ValidationError(
            {
                active_field("reason"): _(
                    "The action point is past its due date: give the reason for the delay."
                )
            }
        )


def due_date_check(*, due_on, held_at) -> None:
    """A meeting decides its action points: none falls due before the day of the meeting.

    Called by the page services on the raw input, before the meeting is saved.
    """
    if due_on and held_at and due_on < timezone.localdate(held_at):
        raise ValidationError(
            {
                "due_on": _("Give a due date on or after the day of the meeting (%(day)s).")
                % {"day": date_format(timezone.localdate(held_at), "j M Y")}
            },
            code="due_before_meeting",
        )


def owner_active_check(*, owner_officer) -> None:
    """A new owner must still work in the portal: a deactivated officer carries nothing out."""
    if owner_officer is not None and not owner_officer.is_active:
        raise ValidationError(
            {
                "owner_officer": _(
                    "%(name)s no longer has an active account; choose another owner."
                )
                % {"name": owner_officer.get_full_name() or owner_officer.username}
            },
            code="inactive_owner",
        )


class ActionPoint(TimeStampedModel):
    """A decision of a meeting that someone must carry out by a date."""

    district_scope = "district"

    Status = ActionPointStatus

    RESOLVED = frozenset({Status.COMPLIED, Status.DROPPED})

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="action_points", verbose_name=_("meeting")
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=bounded(1, 9999))
    text_en = NoteField(_("decision (English)"), max_length=2000)
    text_hi = NoteField(_("decision (Hindi)"), max_length=2000, blank=True)
    owner_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="action_points",
        null=True,
        blank=True,
        limit_choices_to={"role": User.Role.CELL_OFFICER},
        verbose_name=_("owner (officer)"),
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="action_points",
        null=True,
        blank=True,
        verbose_name=_("owner (district)"),
    )
    due_on = models.DateField(_("due date"), validators=[validate_plausible_date])
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    fair = models.ForeignKey(
        "events.Fair",
        on_delete=models.PROTECT,
        related_name="action_points",
        null=True,
        blank=True,
        verbose_name=_("fair"),
    )
    mou = models.ForeignKey(
        "mous.MoU",
        on_delete=models.PROTECT,
        related_name="action_points",
        null=True,
        blank=True,
        verbose_name=_("MoU"),
    )
    # The reason of the latest compliance update that gave one, in both languages as written
    # (``delay_reason`` is the active one's); the English keeps the column it had before.
    delay_reason_en = NoteField(
        _("reason for delay (English)"), blank=True, max_length=2000, db_column="delay_reason"
    )
    delay_reason_hi = NoteField(_("reason for delay (Hindi)"), blank=True, max_length=2000)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True, editable=False)

    objects = ActionPointQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "number", "pk"]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        indexes = [
            # The report and the lists: unresolved action points by due date.
            models.Index(fields=["status", "due_on"], name="reviews_actionpoint_status_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="reviews_actionpoint_number_unique",
                violation_error_message=_("This meeting already has an action point numbered so."),
            ),
            FieldCheckConstraint(
                field="owner_officer",
                condition=Q(owner_officer__isnull=False, district__isnull=True)
                | Q(owner_officer__isnull=True, district__isnull=False),
                name="reviews_actionpoint_one_owner",
                violation_error_message=_("Choose one owner: an officer or a district."),
            ),
            FieldCheckConstraint(
                field="mou",
                condition=Q(fair__isnull=True) | Q(mou__isnull=True),
                name="reviews_actionpoint_one_link",
                violation_error_message=_(
                    "Link the action point to a fair or to an MoU, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ActionPointStatus.values),
                name="reviews_actionpoint_status_valid",
                violation_error_message=_("Choose a status."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:action_point_detail", args=[self.pk])

    @property
    def text(self) -> str:
        return bilingual(self.text_en, self.text_hi)

    @property
    def delay_reason(self) -> BilingualText:
        return bilingual_text(self.delay_reason_en, self.delay_reason_hi)

    @property
    def owner(self):
        return self.district if self.district_id else self.owner_officer

    @property
    def owner_name(self) -> str:
        if self.district_id:
            return self.district.name
        officer = self.owner_officer
        return officer.get_full_name() or officer.username if officer else ""

    @property
    def is_resolved(self) -> bool:
        return self.status in self.RESOLVED

    @property
    def is_overdue(self) -> bool:
        return not self.is_resolved and self.due_on < timezone.localdate()


class ComplianceUpdate(models.Model):
    """A dated report of what was done on an action point, and its status afterwards."""

    district_scope = "action_point__district"

    action_point = models.ForeignKey(
        ActionPoint,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("action point"),
    )
    on = models.DateField(_("date"), validators=[validate_plausible_date])
    status = models.CharField(_("status"), max_length=16, choices=ActionPointStatus.choices)
    # Officers and district staff write in English, in Hindi or in both (district staff often
    # in Hindi only); ``text`` and ``reason`` are the active language's. The English keep the
    # columns they had before Hindi was added.
    text_en = NoteField(_("what was done (English)"), blank=True, max_length=2000, db_column="text")
    text_hi = NoteField(_("what was done (Hindi)"), blank=True, max_length=2000)
    reason_en = NoteField(
        _("reason for delay (English)"), blank=True, max_length=2000, db_column="reason"
    )
    reason_hi = NoteField(_("reason for delay (Hindi)"), blank=True, max_length=2000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="compliance_updates",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["action_point", "on", "pk"]
        verbose_name = _("compliance update")
        verbose_name_plural = _("compliance updates")
        constraints = [
            FieldCheckConstraint(
                field="text_en",
                condition=~Q(text_en="") | ~Q(text_hi=""),
                name="reviews_complianceupdate_text_required",
                violation_error_message=_("Write what was done, in English or in Hindi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on}: {self.get_status_display()}"

    @property
    def text(self) -> BilingualText:
        return bilingual_text(self.text_en, self.text_hi)

    @property
    def reason(self) -> BilingualText:
        return bilingual_text(self.reason_en, self.reason_hi)

    def clean(self):
        super().clean()
        # Every problem at once: the date, what was done and the reason for the delay.
        errors = {}
        if self.on and self.on > timezone.localdate():
            errors["on"] = [_("A compliance update cannot be dated in the future.")]
        try:
            compliance_text_check(text_en=self.text_en, text_hi=self.text_hi)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.action_point_id:
            try:
                overdue_reason_check(
                    due_on=self.action_point.due_on,
                    status=self.status,
                    reason_en=self.reason_en,
                    reason_hi=self.reason_hi,
                )
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
