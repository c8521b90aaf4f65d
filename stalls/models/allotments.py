"""A district's share of a space."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.constraints import choice_values
from core.fields import NoteField, bounded
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


class AllotmentRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting decision")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class AllotmentRequest(TimeStampedModel):
    """A district asking for more of a space than its allotment, with a reason; the cell
    grants it (the allotment grows, within the space) or refuses it with a reason."""

    district_scope = "district"
    Status = AllotmentRequestStatus

    space = models.ForeignKey(
        "events.Space",
        on_delete=models.CASCADE,
        related_name="allotment_requests",
        verbose_name=_("space"),
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="allotment_requests",
        verbose_name=_("district"),
    )
    units = models.PositiveIntegerField(
        _("more stalls or shops"), default=0, validators=bounded(0, MAX_STALLS)
    )
    area = models.DecimalField(
        _("more area (m²)"),
        max_digits=9,
        decimal_places=2,
        default=Decimal(0),
        validators=bounded(Decimal(0), MAX_AREA),
    )
    reason = NoteField(_("reason"), max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AllotmentRequestStatus.choices,
        default=AllotmentRequestStatus.REQUESTED,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )
    decision_reason = NoteField(_("reason for the decision"), max_length=2000, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("request for more places")
        verbose_name_plural = _("requests for more places")
        constraints = [
            models.CheckConstraint(
                condition=Q(units__gt=0) | Q(area__gt=0),
                name="stalls_allotmentrequest_not_empty",
                violation_error_message=_("Ask for at least one stall or some area."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=choice_values(*AllotmentRequestStatus)),
                name="stalls_allotmentrequest_status_valid",
            ),
            models.UniqueConstraint(
                fields=["space", "district"],
                condition=Q(status="requested"),
                name="stalls_allotmentrequest_one_open",
                violation_error_message=_(
                    "The district has a request for this space awaiting a decision already."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} · {self.space}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.REQUESTED
