"""Stalls, district allotments, nominations, allocations and daily sales.

Capacity invariants live in the database: a stall holds at most one active allocation (partial
unique index), an exhibitor holds at most one active nomination per fair, and the space's
counters (events.Space) may not exceed its capacity (check constraints). The services in
stalls/services.py lock the space or stall row before they change any of these.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import LineField, NameField, NoteField, bounded, validate_plausible_date
from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from events.models import MAX_AREA, MAX_STALLS, MIN_AREA


class Stall(TimeStampedModel):
    space = models.ForeignKey(
        "events.Space", on_delete=models.CASCADE, related_name="stalls", verbose_name=_("space")
    )
    # Denormalised from the space so a stall number is unique across the whole fair.
    fair = models.ForeignKey(
        "events.Fair", on_delete=models.CASCADE, related_name="stalls", verbose_name=_("fair")
    )
    number = NameField(_("stall number"), max_length=20)
    size = NameField(_("size"), max_length=40, blank=True, help_text=_("For example 3 m × 3 m."))
    zone = NameField(_("zone"), max_length=60, blank=True)
    # Order on the board: S2 before S10, as the stalls were numbered.
    position = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["fair", "space", "position", "pk"]
        verbose_name = _("stall")
        verbose_name_plural = _("stalls")
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "number"],
                name="stalls_stall_number_unique_in_fair",
                violation_error_message=_("This stall number is already used in this fair."),
            ),
        ]

    def __str__(self) -> str:
        return self.number


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


class Nomination(TimeStampedModel):
    """An exhibitor put forward by district staff for a space of a fair."""

    district_scope = "district"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved, awaiting a place")
        WAITLISTED = "waitlisted", _("On the waiting list")
        ALLOCATED = "allocated", _("Allocated")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    ACTIVE = (Status.SUBMITTED, Status.APPROVED, Status.WAITLISTED, Status.ALLOCATED)

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
    # Order of the waiting list: the time the nomination joined it.
    waitlisted_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
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

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["fair", "-created_at", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "exhibitor"],
                condition=Q(status__in=["submitted", "approved", "waitlisted", "allocated"]),
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


class Allocation(TimeStampedModel):
    """A place given to a nominated exhibitor: one stall, or an area of a pavilion."""

    district_scope = "district"

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CANCELLED = "cancelled", _("Cancelled")

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

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["fair", "space", "stall__position", "pk"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["stall"],
                condition=Q(status="active"),
                name="stalls_allocation_one_active_per_stall",
                violation_error_message=_("This stall is already allocated."),
            ),
            models.UniqueConstraint(
                fields=["nomination"],
                condition=Q(status="active"),
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


class Override(models.Model):
    """A manual override of the allocation rules, with the reason and who made it."""

    class Kind(models.TextChoices):
        JUMP_WAITLIST = "jump_waitlist", _("Jumped the waiting list")
        EXCEED_ALLOTMENT = "exceed_allotment", _("Exceeded the district's allotment")
        MOVE = "move", _("Moved to another place")

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
