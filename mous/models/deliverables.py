"""What an MoU is meant to deliver: typed targets and dated progress entries.

Progress entries are append-only (a database trigger refuses any update). A mistake is put
right by a correction: a new entry that ``corrects`` the earlier one, with a reason. The
earlier entry stays in the history; totals and lists count only the ``current()`` entries,
those no correction supersedes.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.constraints import FieldCheckConstraint
from core.fields import LineField, NoteField, at_most, validate_plausible_date
from core.scoping import StatewideQuerySet

# ₹1 lakh crore: no MoU target or entry of the programme comes near it; beyond is a slip.
MAX_OUTCOME = 10**12


class DeliverableQuerySet(StatewideQuerySet):
    def with_achieved(self):
        """Annotate ``achieved``: the sum of the current progress entries (a corrected entry
        counts with its corrected value only), in one query."""
        current = Q(progress_entries__corrected_by__isnull=True)
        return self.annotate(achieved=Coalesce(Sum("progress_entries__value", filter=current), 0))


class Deliverable(models.Model):
    class Kind(models.TextChoices):
        SELLERS_ONBOARDED = "sellers_onboarded", _("Sellers onboarded")
        PRODUCTS_LISTED = "products_listed", _("Products listed")
        ORDERS = "orders", _("Orders")
        GMV = "gmv", _("Gross merchandise value (₹)")
        DESIGNS_DEVELOPED = "designs_developed", _("Designs developed")
        PRODUCTS_PACKAGED = "products_packaged", _("Products with improved packaging")
        PRODUCTS_CERTIFIED = "products_certified", _("Products certified")
        LOANS_SANCTIONED = "loans_sanctioned", _("Loans sanctioned (number)")
        LOAN_AMOUNT = "loan_amount", _("Loans sanctioned (₹)")
        TRAININGS_HELD = "trainings_held", _("Trainings held")
        OTHER = "other", _("Other")

    MONEY_KINDS = frozenset({Kind.GMV, Kind.LOAN_AMOUNT})

    mou = models.ForeignKey(
        "mous.MoU", on_delete=models.CASCADE, related_name="deliverables", verbose_name=_("MoU")
    )
    kind = models.CharField(_("outcome"), max_length=24, choices=Kind.choices)
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("Required when the outcome is “Other”."),
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="mou_deliverables",
        null=True,
        blank=True,
        verbose_name=_("district"),
        help_text=_("Leave empty for a state-wide target."),
    )
    target = models.BigIntegerField(
        _("target"),
        help_text=_("A number, or rupees for ₹ outcomes."),
        validators=at_most(MAX_OUTCOME),
    )
    due_on = models.DateField(
        _("due on"), null=True, blank=True, validators=[validate_plausible_date]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        ordering = ["mou", "kind", "district__name_en", "pk"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        constraints = [
            FieldCheckConstraint(
                field="target",
                condition=Q(target__gt=0),
                name="mous_deliverable_target_positive",
                violation_error_message=_("The target must be a number greater than zero."),
            ),
            FieldCheckConstraint(
                field="description",
                condition=~Q(kind="other") | ~Q(description=""),
                name="mous_deliverable_other_described",
                violation_error_message=_("Describe the outcome when it is “Other”."),
            ),
            models.UniqueConstraint(
                fields=["mou", "kind", "description"],
                condition=Q(district__isnull=True),
                name="mous_deliverable_unique_statewide",
                violation_error_message=_("This MoU already has this state-wide target."),
            ),
            models.UniqueConstraint(
                fields=["mou", "kind", "description", "district"],
                condition=Q(district__isnull=False),
                name="mous_deliverable_unique_per_district",
                violation_error_message=_("This MoU already has this target for this district."),
            ),
        ]

    def __str__(self) -> str:
        label = self.description or self.get_kind_display()
        return f"{label} — {self.district}" if self.district_id else str(label)

    @property
    def is_money(self) -> bool:
        return self.kind in self.MONEY_KINDS

    @property
    def percent_achieved(self) -> int | None:
        """Whole percent of the target reached; needs the ``achieved`` annotation."""
        achieved = getattr(self, "achieved", None)
        if achieved is None or not self.target:
            return None
        return int(achieved * 100 // self.target)


def progress_date_check(on) -> None:
    """A progress entry records what has happened: its date may not be in the future."""
    if on and on > timezone.localdate():
        raise ValidationError({"on": _("Progress cannot be dated in the future.")})


class ProgressEntryQuerySet(StatewideQuerySet):
    def current(self):
        """Entries no correction supersedes: what counts towards the target."""
        return self.filter(corrected_by__isnull=True)


class ProgressEntry(models.Model):
    deliverable = models.ForeignKey(
        Deliverable,
        on_delete=models.CASCADE,
        related_name="progress_entries",
        verbose_name=_("deliverable"),
    )
    on = models.DateField(_("date"), validators=[validate_plausible_date])
    value = models.BigIntegerField(
        _("achieved"),
        help_text=_("Achieved since the previous entry (a number, or rupees)."),
        validators=at_most(MAX_OUTCOME),
    )
    note = LineField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mou_progress_entries",
        verbose_name=_("recorded by"),
    )
    # One correction per entry (the unique key of the one-to-one): a corrected entry is put
    # right again by correcting its correction, so the history stays one line of values.
    corrects = models.OneToOneField(
        "self",
        on_delete=models.RESTRICT,
        related_name="corrected_by",
        null=True,
        blank=True,
        verbose_name=_("corrects"),
        help_text=_("The earlier entry this one puts right; it stays in the history."),
        error_messages={
            "unique": _("This entry has been corrected already: correct its latest value.")
        },
    )
    reason = NoteField(_("reason for the correction"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ProgressEntryQuerySet.as_manager()

    class Meta:
        ordering = ["deliverable", "on", "pk"]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        permissions = [("correct_progressentry", _("Can correct a progress entry"))]
        constraints = [
            FieldCheckConstraint(
                field="value",
                condition=Q(value__gte=0),
                name="mous_progressentry_value_not_negative",
                violation_error_message=_("Progress cannot be negative."),
            ),
            FieldCheckConstraint(
                field="reason",
                condition=Q(corrects__isnull=True) | ~Q(reason=""),
                name="mous_progressentry_correction_reason",
                violation_error_message=_("Give the reason for the correction."),
            ),
            FieldCheckConstraint(
                field="reason",
                condition=Q(corrects__isnull=False) | Q(reason=""),
                name="mous_progressentry_reason_only_on_correction",
                violation_error_message=_("Only a correction has a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on}: {self.value}"

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None

    def clean(self):
        super().clean()
        progress_date_check(self.on)
