"""What an allocated place sold, day by day."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import bounded, validate_plausible_date
from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from stalls.models.allocations import Allocation


class DailySale(TimeStampedModel):
    """What one allocated place sold on one day of the fair, with enquiries and export leads."""

    district_scope = "district"

    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, related_name="sales", verbose_name=_("allocation")
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="sales",
        verbose_name=_("district"),
    )
    fair = models.ForeignKey(
        "events.Fair", on_delete=models.CASCADE, related_name="sales", verbose_name=_("fair")
    )
    product = models.ForeignKey(  # the allocation's, copied for sales by product
        "districts.Product",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("ODOP product"),
    )
    date = models.DateField(_("date"), validators=[validate_plausible_date])
    # One place's takings in a day stay far below ₹10 crore; a larger figure is a typing slip.
    amount = models.DecimalField(
        _("sales (₹)"),
        max_digits=12,
        decimal_places=2,
        validators=bounded(Decimal(0), Decimal("100000000.00")),
    )
    enquiries = models.PositiveIntegerField(
        _("enquiries"), default=0, validators=bounded(0, 100_000)
    )
    export_leads = models.PositiveIntegerField(
        _("export leads"), default=0, validators=bounded(0, 10_000)
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["fair", "date", "allocation", "pk"]
        verbose_name = _("daily sales")
        verbose_name_plural = _("daily sales")
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "date"],
                name="stalls_dailysale_one_per_day",
                violation_error_message=_("Sales for this place and day are already entered."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="stalls_dailysale_amount_not_negative",
                violation_error_message=_("Sales cannot be negative."),
            ),
        ]
        indexes = [
            # Totals per fair and district (dashboard, report).
            models.Index(fields=["fair", "district"], name="stalls_sale_fair_district"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} · ₹{self.amount}"
