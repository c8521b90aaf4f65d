"""MoUs, their stage machine and the append-only stage history."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.constraints import FieldCheckConstraint
from core.fields import LineField, NameField, NoteField, validate_plausible_date
from core.models import BilingualText, TimeStampedModel, bilingual, bilingual_text
from core.scoping import StatewideQuerySet


class Stage(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    IN_TALKS = "in_talks", _("In talks")
    ADVANCED = "advanced", _("Advanced stage")
    APPROVED_FOR_SIGNING = "approved_for_signing", _("Approved for signing")
    SIGNED = "signed", _("Signed")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    COMPLETED = "completed", _("Completed")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")
    DROPPED = "dropped", _("Dropped")


# The one table of allowed stage transitions; the service mou_stage_move checks it.
# Talks may fall back a step (advanced → in talks); a signed MoU never returns to talks.
TRANSITIONS: dict[str, frozenset[str]] = {
    Stage.IDENTIFIED: frozenset({Stage.IN_TALKS, Stage.DROPPED}),
    Stage.IN_TALKS: frozenset({Stage.ADVANCED, Stage.DROPPED}),
    Stage.ADVANCED: frozenset({Stage.APPROVED_FOR_SIGNING, Stage.IN_TALKS, Stage.DROPPED}),
    Stage.APPROVED_FOR_SIGNING: frozenset({Stage.SIGNED, Stage.ADVANCED, Stage.DROPPED}),
    Stage.SIGNED: frozenset({Stage.IN_IMPLEMENTATION, Stage.EXPIRED, Stage.TERMINATED}),
    Stage.IN_IMPLEMENTATION: frozenset({Stage.COMPLETED, Stage.EXPIRED, Stage.TERMINATED}),
    Stage.COMPLETED: frozenset(),
    Stage.EXPIRED: frozenset(),
    Stage.TERMINATED: frozenset(),
    Stage.DROPPED: frozenset(),
}
REASON_REQUIRED = frozenset({Stage.DROPPED, Stage.TERMINATED})
CLOSED_STAGES = frozenset(stage for stage, targets in TRANSITIONS.items() if not targets)
OPEN_STAGES = frozenset(Stage) - CLOSED_STAGES
# Stages in which an MoU is in force, so its expiry date matters.
IN_FORCE_STAGES = frozenset({Stage.SIGNED, Stage.IN_IMPLEMENTATION})
# Stages the daily expiry run moves to "expired" once the validity has ended: those the table
# lets expire.
EXPIRABLE_STAGES = frozenset(s for s, targets in TRANSITIONS.items() if Stage.EXPIRED in targets)


class Staleness(models.TextChoices):
    FRESH = "fresh", _("Up to date")
    AMBER = "amber", _("Stale")
    RED = "red", _("Overdue")


def validity_check(*, valid_from, valid_until, signed_on=None) -> None:
    """Valid-until may come before neither valid-from nor the signing (raw values, before
    any instance exists)."""
    if valid_from and valid_until and valid_until < valid_from:
        raise ValidationError({"valid_until": _("The end of validity cannot be before its start.")})
    if signed_on and valid_until and valid_until < signed_on:
        raise ValidationError(
            {"valid_until": _("The end of validity cannot be before the MoU was signed.")}
        )


class DaysSince(models.Func):
    """Whole days from the datetime column ``field`` to ``now``, computed in the database."""

    output_field = models.IntegerField()

    def __init__(self, field: str, *, now):
        super().__init__(Value(now, output_field=models.DateTimeField()), F(field))

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(FLOOR(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400) AS INTEGER)",
            arg_joiner=" - ",
            **extra,
        )


class MoUQuerySet(StatewideQuerySet):
    def with_status(self, now=None):
        """Annotate ``days_in_stage`` and ``staleness`` (fresh/amber/red) in the database.

        An MoU is stale when no stage change, note or progress entry has been recorded for
        MOU_STALE_AMBER_DAYS (amber) or MOU_STALE_RED_DAYS (red); closed MoUs never are.
        """
        now = now or timezone.now()
        amber = now - timedelta(days=settings.MOU_STALE_AMBER_DAYS)
        red = now - timedelta(days=settings.MOU_STALE_RED_DAYS)
        open_ = Q(stage__in=OPEN_STAGES)
        return self.annotate(
            days_in_stage=DaysSince("stage_changed_at", now=now),
            days_since_update=DaysSince("last_update_at", now=now),
            staleness=Case(
                When(open_ & Q(last_update_at__lt=red), then=Value(Staleness.RED)),
                When(open_ & Q(last_update_at__lt=amber), then=Value(Staleness.AMBER)),
                default=Value(Staleness.FRESH),
                output_field=models.CharField(),
            ),
        )


class MoU(TimeStampedModel):
    """A memorandum of understanding between the ODOP cell and a partner."""

    Stage = Stage

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="mous", verbose_name=_("partner")
    )
    title_en = NameField(_("title (English)"), max_length=300)
    title_hi = NameField(_("title (Hindi)"), max_length=300)
    purpose_en = NoteField(_("purpose (English)"))
    purpose_hi = NoteField(_("purpose (Hindi)"))
    nodal_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="nodal_mous",
        limit_choices_to={"role": "cell_officer", "is_active": True},
        verbose_name=_("nodal officer"),
        help_text=_("The ODOP cell officer who follows this MoU; reminders go to them."),
    )
    stage = models.CharField(
        _("stage"), max_length=24, choices=Stage.choices, default=Stage.IDENTIFIED
    )
    stage_changed_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    last_update_at = models.DateTimeField(
        _("last update"),
        default=timezone.now,
        help_text=_("The last stage change, note or progress entry."),
    )
    # Written by officers, read by the PS in either language (``next_step`` is the active
    # one's); the English keeps the column it had before Hindi was added.
    next_step_en = LineField(
        _("next step (English)"), max_length=300, blank=True, db_column="next_step"
    )
    next_step_hi = LineField(_("next step (Hindi)"), max_length=300, blank=True)
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, validators=[validate_plausible_date]
    )
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, validators=[validate_plausible_date]
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, validators=[validate_plausible_date]
    )

    objects = MoUQuerySet.as_manager()

    class Meta:
        ordering = ["partner__name_en", "title_en", "pk"]
        verbose_name = _("MoU")
        verbose_name_plural = _("MoUs")
        indexes = [
            # The reminder run: MoUs in force expiring within 30 days.
            models.Index(fields=["stage", "valid_until"], name="mous_mou_stage_until_idx"),
            # The reminder run and the staleness filter: open MoUs not updated for long.
            models.Index(fields=["stage", "last_update_at"], name="mous_mou_stage_update_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "title_en"],
                name="mous_mou_unique_title_per_partner",
                violation_error_message=_("This partner already has an MoU with this title."),
            ),
            models.CheckConstraint(
                condition=Q(stage__in=[s.value for s in Stage]),
                name="mous_mou_stage_valid",
                violation_error_message=_("Choose a stage."),
            ),
            FieldCheckConstraint(
                field="valid_until",
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="mous_mou_valid_until_after_from",
                violation_error_message=_("The end of validity cannot be before its start."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mous:detail", args=[self.pk])

    def clean(self):
        super().clean()
        validity_check(
            valid_from=self.valid_from, valid_until=self.valid_until, signed_on=self.signed_on
        )

    @property
    def title(self) -> str:
        return bilingual(self.title_en, self.title_hi)

    @property
    def purpose(self) -> str:
        return bilingual(self.purpose_en, self.purpose_hi)

    @property
    def next_step(self) -> BilingualText:
        return bilingual_text(self.next_step_en, self.next_step_hi)

    @property
    def allowed_stages(self) -> list[str]:
        return [stage for stage in Stage if stage in TRANSITIONS[self.stage]]

    @property
    def is_closed(self) -> bool:
        return self.stage in CLOSED_STAGES


class AppendOnlyQuerySet(StatewideQuerySet):
    """History rows are written once: bulk updates and deletes are refused."""

    def update(self, **kwargs):
        raise TypeError("MoU stage history is append-only.")

    def delete(self):
        raise TypeError("MoU stage history is append-only.")


class MoUStageChange(models.Model):
    """One entry of an MoU's timeline: a stage change, or a note when the stage stays."""

    mou = models.ForeignKey(
        MoU, on_delete=models.PROTECT, related_name="stage_changes", verbose_name=_("MoU")
    )
    from_stage = models.CharField(_("from stage"), max_length=24, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to stage"), max_length=24, choices=Stage.choices)
    changed_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mou_stage_changes",
        null=True,
        blank=True,
        verbose_name=_("by"),
        help_text=_("Empty when the portal made the change itself: an MoU past its validity."),
    )
    # As on the MoU: English required (it was before Hindi was added), Hindi optional, each
    # shown in its language with the other as the marked fallback.
    note_en = NoteField(_("note (English)"), db_column="note")
    note_hi = NoteField(_("note (Hindi)"), blank=True)
    next_step_en = LineField(
        _("next step (English)"), max_length=300, blank=True, db_column="next_step"
    )
    next_step_hi = LineField(_("next step (Hindi)"), max_length=300, blank=True)
    reason = NoteField(_("reason"), blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["mou", "changed_at", "pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage history")
        default_permissions = ["view"]
        indexes = [
            # "What changed since <date>": an MoU's rows after a date.
            models.Index(fields=["mou", "changed_at"], name="mous_stagechange_since_idx"),
        ]
        constraints = [
            FieldCheckConstraint(
                field="note_en",
                condition=~Q(note_en=""),
                name="mous_moustagechange_note_required",
                violation_error_message=_("Write a note on what happened."),
            ),
            FieldCheckConstraint(
                field="reason",
                condition=~Q(to_stage__in=["dropped", "terminated"]) | ~Q(reason=""),
                name="mous_moustagechange_reason_required",
                violation_error_message=_("Give the reason for dropping or terminating the MoU."),
            ),
            # Only the daily expiry run records a change without an officer.
            FieldCheckConstraint(
                field="changed_by",
                condition=Q(changed_by__isnull=False) | Q(to_stage="expired"),
                name="mous_moustagechange_by_required",
                violation_error_message=_("Name the officer who made the change."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mou_id}: {self.from_stage} → {self.to_stage}"

    def save(self, *args, **kwargs):
        # A guard, not a side effect: the timeline a meeting reads must not be rewritten.
        if not self._state.adding:
            raise TypeError("MoU stage history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("MoU stage history is append-only.")

    @property
    def note(self) -> BilingualText:
        return bilingual_text(self.note_en, self.note_hi)

    @property
    def next_step(self) -> BilingualText:
        return bilingual_text(self.next_step_en, self.next_step_hi)

    @property
    def is_note(self) -> bool:
        return self.from_stage == self.to_stage

    @property
    def is_automatic(self) -> bool:
        """Made by the portal itself (the expiry run), not by an officer."""
        return self.changed_by_id is None
