"""A place given to a nominated exhibitor."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import NoteField, bounded
from core.models import TimeStampedModel
from events.models import MAX_AREA, MIN_AREA
from stalls.models.nominations import Nomination
from stalls.models.stalls import Stall
from stalls.querysets import AllocationQuerySet


class AllocationStatus(models.TextChoices):
    """``Allocation.Status``; at module level so the model's constraints can name its values."""

    ACTIVE = "active", _("Active")
    CANCELLED = "cancelled", _("Cancelled")


class Allocation(TimeStampedModel):
    """A place given to a nominated exhibitor: one stall, or an area of a pavilion."""

    district_scope = "district"

    Status = AllocationStatus

    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.PROTECT,
        related_name="allocations",
        verbose_name=_("nomination"),
    )
    fair = models.ForeignKey(
        "events.Fair", on_delete=models.CASCADE, related_name="allocations", verbose_name=_("fair")
    )
    space = models.ForeignKey(
        "events.Space",
        on_delete=models.CASCADE,
        related_name="allocations",
        verbose_name=_("space"),
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="allocations",
        verbose_name=_("district"),
    )
    # The exhibitor's ODOP product when the place was given (copied, like the district, so
    # coverage and sales by product read this table alone).
    product = models.ForeignKey(
        "districts.Product",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("ODOP product"),
    )
    stall = models.ForeignKey(
        Stall,
        on_delete=models.PROTECT,
        related_name="allocations",
        null=True,
        blank=True,
        verbose_name=_("stall"),
    )
    area = models.DecimalField(
        _("area (m²)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounded(MIN_AREA, MAX_AREA),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("allocated by"),
    )
    cancelled_reason = NoteField(_("reason for cancellation"), blank=True, max_length=2000)

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["fair", "space", "stall__position", "pk"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["stall"],
                condition=Q(status=AllocationStatus.ACTIVE.value),
                name="stalls_allocation_one_active_per_stall",
                violation_error_message=_("This stall is already allocated."),
            ),
            models.UniqueConstraint(
                fields=["nomination"],
                condition=Q(status=AllocationStatus.ACTIVE.value),
                name="stalls_allocation_one_active_per_nomination",
                violation_error_message=_("This nomination already has a place."),
            ),
            models.CheckConstraint(
                condition=Q(stall__isnull=False, area__isnull=True)
                | Q(stall__isnull=True, area__gt=0),
                name="stalls_allocation_stall_or_area",
                violation_error_message=_("Allocate either a stall or an area in m²."),
            ),
        ]
        indexes = [
            # A district's active allocations in a fair (sales entry, coverage).
            models.Index(fields=["fair", "status", "district"], name="stalls_alloc_fair_district"),
        ]

    def __str__(self) -> str:
        place = self.stall.number if self.stall_id else f"{self.area} m²"
        return f"{place} · {self.nomination.exhibitor}"
