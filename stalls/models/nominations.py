"""Nominations of exhibitors for a space, and the overrides of the allocation rules."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.constraints import choice_values
from core.fields import LineField, NoteField, bounded
from core.models import TimeStampedModel
from events.models import MAX_AREA, MIN_AREA
from stalls.querysets import NominationQuerySet


class NominationStatus(models.TextChoices):
    """``Nomination.Status``; at module level so the model's constraint can name its values."""

    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved, awaiting a place")
    IN_DRAW = "in_draw", _("Approved, awaiting the draw")
    OFFERED = "offered", _("Offered a place, awaiting the district's answer")
    WAITLISTED = "waitlisted", _("On the waiting list")
    ALLOCATED = "allocated", _("Allocated")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Statuses that hold the exhibitor's one nomination of a fair, in this order: the migration
# state of the once-per-fair constraint lists them so.
ACTIVE_STATUSES = (
    NominationStatus.SUBMITTED,
    NominationStatus.APPROVED,
    NominationStatus.WAITLISTED,
    NominationStatus.ALLOCATED,
    NominationStatus.IN_DRAW,
    NominationStatus.OFFERED,
)


class Nomination(TimeStampedModel):
    """An exhibitor put forward by district staff for a space of a fair."""

    district_scope = "district"

    Status = NominationStatus

    ACTIVE = ACTIVE_STATUSES
    # Accepted by the cell, still without a place: what the allocation queue holds.
    AWAITING_PLACE = (Status.APPROVED, Status.WAITLISTED)

    fair = models.ForeignKey(
        "events.Fair", on_delete=models.CASCADE, related_name="nominations", verbose_name=_("fair")
    )
    space = models.ForeignKey(
        "events.Space",
        on_delete=models.CASCADE,
        related_name="nominations",
        verbose_name=_("space"),
    )
    exhibitor = models.ForeignKey(
        "exhibitors.Exhibitor",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("exhibitor"),
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("district"),
    )
    area_requested = models.DecimalField(
        _("area requested (m²)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounded(MIN_AREA, MAX_AREA),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    # Order of the waiting list: the time the nomination joined it, then (for those placed by
    # a draw, who joined it at once) the position the draw gave them.
    waitlisted_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    lot = models.PositiveIntegerField(_("position in the draw"), null=True, blank=True)
    # Withdrawn after its place was given, shortly before the fair or during it.
    late_withdrawal = models.BooleanField(_("withdrawn late"), default=False, editable=False)
    # The exhibitor withdrew late from a recent fair: this nomination comes after the others
    # in the waiting list and in a draw (LATE_WITHDRAWAL_PENALTY_DAYS), fixed when made.
    deferred = models.BooleanField(
        _("lower priority (late withdrawal before)"), default=False, editable=False
    )
    decision_reason = NoteField(_("reason"), blank=True, max_length=2000)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["fair", "-created_at", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "exhibitor"],
                condition=Q(status__in=choice_values(*ACTIVE_STATUSES)),
                name="stalls_nomination_exhibitor_once_per_fair",
                violation_error_message=_("This exhibitor is already nominated for this fair."),
            ),
            models.CheckConstraint(
                condition=Q(area_requested__isnull=True) | Q(area_requested__gt=0),
                name="stalls_nomination_area_positive",
                violation_error_message=_("The area must be more than zero."),
            ),
        ]
        indexes = [
            # The waiting list of a space, in order.
            models.Index(fields=["space", "status", "waitlisted_at"], name="stalls_nom_waitlist"),
            # A district's nominations for a fair.
            models.Index(fields=["district", "fair"], name="stalls_nom_district_fair"),
        ]

    def __str__(self) -> str:
        return f"{self.exhibitor} · {self.fair}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class Override(models.Model):
    """A manual override of the allocation rules, with the reason and who made it."""

    class Kind(models.TextChoices):
        JUMP_WAITLIST = "jump_waitlist", _("Jumped the waiting list")
        EXCEED_ALLOTMENT = "exceed_allotment", _("Exceeded the district's allotment")
        MOVE = "move", _("Moved to another place")
        SAME_ENTERPRISE = "same_enterprise", _("A second place for the same enterprise")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="overrides", verbose_name=_("nomination")
    )
    reason = NoteField(_("reason"), max_length=2000)
    detail = LineField(_("detail"), max_length=300, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    made_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-made_at", "pk"]
        verbose_name = _("override")
        verbose_name_plural = _("overrides")
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="stalls_override_has_reason",
                violation_error_message=_("Give the reason for the override."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.reason}"
