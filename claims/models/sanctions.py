"""The MDA budget of a financial year and the sanctions that spend it, with their orders."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from claims.models.rules import MONEY_LIMIT
from core.fields import LineField, NoteField, bounded, validate_plausible_date
from core.models import TimeStampedModel
from core.scoping import StatewideQuerySet
from core.templatetags.portal import inr


def financial_year_of(day: datetime.date) -> int:
    """The financial year (April to March) holding ``day``, by the year it starts in."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(year: int) -> str:
    return f"{year}–{(year + 1) % 100:02d}"


class BudgetQuerySet(StatewideQuerySet):
    def with_position(self):
        """Each year with what its sanctions commit (``sanctioned``) and what of it is paid
        (``paid``), as two subqueries: one query however many years."""
        from claims.models.claims import Claim, ClaimStatus

        money = models.DecimalField(max_digits=14, decimal_places=2)
        sanctioned = (
            Sanction.objects.filter(budget=models.OuterRef("pk"))
            .values("budget")
            .annotate(total=models.Sum("total"))
            .values("total")
        )
        paid = (
            Claim.objects.filter(sanction__budget=models.OuterRef("pk"), status=ClaimStatus.PAID)
            .values("sanction__budget")
            .annotate(total=models.Sum("amount"))
            .values("total")
        )
        return self.annotate(
            sanctioned=Coalesce(models.Subquery(sanctioned, output_field=money), Decimal(0)),
            paid=Coalesce(models.Subquery(paid, output_field=money), Decimal(0)),
        )


class Budget(TimeStampedModel):
    """What the department allocated for MDA in one financial year."""

    financial_year = models.PositiveSmallIntegerField(
        _("financial year"),
        unique=True,
        validators=bounded(2000, 2100),
        help_text=_("The year it starts in: 2026 for April 2026 to March 2027."),
        error_messages={"unique": _("This financial year has its budget already.")},
    )
    allocation = models.DecimalField(
        _("allocation (₹)"),
        max_digits=14,
        decimal_places=2,
        validators=bounded(Decimal(0), Decimal("100000000000.00")),
    )
    order_reference = LineField(_("budget order"), max_length=200, blank=True)
    notes = NoteField(_("notes"), blank=True, max_length=2000)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["-financial_year", "pk"]
        verbose_name = _("MDA budget")
        verbose_name_plural = _("MDA budgets")
        constraints = [
            models.CheckConstraint(
                condition=Q(allocation__gte=0),
                name="claims_budget_allocation_not_negative",
                violation_error_message=_("The allocation cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return financial_year_label(self.financial_year)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.pk is None or self.allocation is None:
            return
        sanctioned = Budget.objects.with_position().get(pk=self.pk).sanctioned
        if self.allocation < sanctioned:
            raise ValidationError(
                {
                    "allocation": _(
                        "Sanctions of this year commit %(sanctioned)s already; the allocation "
                        "cannot be less."
                    )
                    % {"sanctioned": inr(sanctioned)}
                }
            )

    @property
    def label(self) -> str:
        return financial_year_label(self.financial_year)


class Sanction(TimeStampedModel):
    """One sanction order: claims of one fair sanctioned together against a year's budget."""

    number = LineField(
        _("sanction number"),
        max_length=60,
        unique=True,
        error_messages={"unique": _("A sanction with this number exists already.")},
    )
    sanctioned_on = models.DateField(_("sanctioned on"), validators=[validate_plausible_date])
    budget = models.ForeignKey(
        Budget, on_delete=models.PROTECT, related_name="sanctions", verbose_name=_("budget")
    )
    fair = models.ForeignKey(
        "events.Fair",
        on_delete=models.PROTECT,
        related_name="mda_sanctions",
        verbose_name=_("fair"),
    )
    total = models.DecimalField(
        _("total (₹)"),
        max_digits=14,
        decimal_places=2,
        validators=bounded(Decimal(0), MONEY_LIMIT * 100),
        editable=False,
    )
    claim_count = models.PositiveIntegerField(_("claims"), editable=False)
    sanctioned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("sanctioned by"),
    )

    objects = StatewideQuerySet.as_manager()

    class Meta:
        ordering = ["-sanctioned_on", "-pk"]
        verbose_name = _("MDA sanction")
        verbose_name_plural = _("MDA sanctions")
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gte=0),
                name="claims_sanction_total_not_negative",
                violation_error_message=_("The total cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("claims:sanction", args=[self.pk])


class SanctionOrderStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being prepared")
    SUCCEEDED = "succeeded", _("Ready")
    FAILED = "failed", _("Failed")


def order_path(instance, filename: str) -> str:
    # Keyed by the order row: a rerun overwrites its own file.
    return f"sanctions/sanction-order-{instance.pk}.pdf"


class SanctionOrder(TimeStampedModel):
    """The sanction order as a PDF in one language, prepared by a Celery worker."""

    Status = SanctionOrderStatus

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        HINDI = "hi", _("Hindi")

    sanction = models.ForeignKey(
        Sanction, on_delete=models.CASCADE, related_name="orders", verbose_name=_("sanction")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SanctionOrderStatus.choices,
        default=SanctionOrderStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    file = models.FileField(_("PDF file"), upload_to=order_path, max_length=200, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = StatewideQuerySet.as_manager()

    class Meta:
        ordering = ["sanction", "language", "pk"]
        verbose_name = _("sanction order")
        verbose_name_plural = _("sanction orders")
        constraints = [
            models.UniqueConstraint(
                fields=["sanction", "language"],
                name="claims_sanctionorder_one_per_language",
                violation_error_message=_("This sanction has its order in this language."),
            ),
        ]
        indexes = [
            # The sweeper: orders queued or running since before a deadline.
            models.Index(fields=["status", "updated_at"], name="claims_order_sweep"),
        ]

    def __str__(self) -> str:
        return f"{self.sanction} ({self.get_language_display()})"

    @property
    def download_name(self) -> str:
        return f"mda-sanction-order-{self.sanction_id}-{self.language}.pdf"
