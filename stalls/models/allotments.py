"""A district's share of a space."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import bounded
from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from events.models import MAX_AREA, MAX_STALLS


class Allotment(TimeStampedModel):
    """Part of a space reserved for one district: N stalls or an area in m²."""

    district_scope = "district"

    space = models.ForeignKey(
        "events.Space", on_delete=models.CASCADE, related_name="allotments", verbose_name=_("space")
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="allotments",
        verbose_name=_("district"),
    )
    units = models.PositiveIntegerField(
        _("stalls or shops"), default=0, validators=bounded(0, MAX_STALLS)
    )
    area = models.DecimalField(
        _("area (m²)"),
        max_digits=9,
        decimal_places=2,
        default=Decimal(0),
        validators=bounded(Decimal(0), MAX_AREA),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["space", "district__name_en", "pk"]
        verbose_name = _("district allotment")
        verbose_name_plural = _("district allotments")
        constraints = [
            models.UniqueConstraint(
                fields=["space", "district"],
                name="stalls_allotment_one_per_district",
                violation_error_message=_("This district already has an allotment in this space."),
            ),
            models.CheckConstraint(
                condition=Q(units__gt=0) | Q(area__gt=0),
                name="stalls_allotment_not_empty",
                violation_error_message=_("Allot at least one stall or some area."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} · {self.space}"
