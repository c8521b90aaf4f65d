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
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.constraints import FieldCheckConstraint
from core.fields import NoteField, bounded, validate_plausible_date
from core.models import TimeStampedModel, bilingual
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


def overdue_reason_check(*, due_on, status: str, reason: str, today=None) -> None:
    """An action point past its due date and still unresolved needs a reason for the delay.

    Called by the compliance-update service on the raw input and by ``ComplianceUpdate.clean``.
    """
    today = today or timezone.localdate()
    if due_on and due_on < today and status not in ActionPoint.RESOLVED and not reason.strip():
        raise ValidationError(
            {"reason": _("The action point is past its due date: give the reason for the delay.")}
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
    delay_reason = NoteField(_("reason for delay"), blank=True, max_length=2000)
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
    text = NoteField(_("what was done"), max_length=2000)
    reason = NoteField(_("reason for delay"), blank=True, max_length=2000)
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
                field="text",
                condition=~Q(text=""),
                name="reviews_complianceupdate_text_required",
                violation_error_message=_("Write what was done."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on}: {self.get_status_display()}"

    def clean(self):
        super().clean()
        if self.on and self.on > timezone.localdate():
            raise ValidationError({"on": _("A compliance update cannot be dated in the future.")})
        if self.action_point_id:
            overdue_reason_check(
                due_on=self.action_point.due_on, status=self.status, reason=self.reason
            )
