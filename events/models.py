"""Fairs, their spaces (counted in stalls or in m²) and their programme of activities."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.constraints import FieldCheckConstraint, choice_values
from core.fields import NameField, NoteField, bounded, validate_plausible_date
from core.models import (
    BilingualNameMixin,
    BilingualText,
    TimeStampedModel,
    bilingual,
    bilingual_text,
)
from core.scoping import ScopedQuerySet

# The bounds of every count of places, for the admin, the forms, the API and the spreadsheets
# alike: the largest ground the cell books is a few thousand stalls and some 100,000 m².
MAX_STALLS = 10_000
MIN_AREA = Decimal("0.01")
MAX_AREA = Decimal("100000.00")


class Fair(BilingualNameMixin, TimeStampedModel):
    class Kind(models.TextChoices):
        CRAFTS_FAIR = "crafts_fair", _("Crafts fair")
        HAAT = "haat", _("Haat")
        EXPO = "expo", _("Expo or trade show")
        STATE_CELEBRATION = "state_celebration", _("State celebration")
        BUYER_SELLER_MEET = "buyer_seller_meet", _("Buyer–seller meet")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        NOMINATIONS_OPEN = "nominations_open", _("Nominations open")
        ALLOCATION = "allocation", _("Allocation")
        LIVE = "live", _("Live")
        CONCLUDED = "concluded", _("Concluded")
        CANCELLED = "cancelled", _("Cancelled")

    class Location(models.TextChoices):
        """Where the fair is held, as the MDA scheme's rates tell fairs apart."""

        IN_STATE = "in_state", _("In Uttar Pradesh")
        OTHER_STATE = "other_state", _("In another state of India")
        ABROAD = "abroad", _("Abroad")

    # Allowed status changes; fair_set_status refuses any other.
    TRANSITIONS = {
        Status.PLANNING: {Status.NOMINATIONS_OPEN, Status.CANCELLED},
        Status.NOMINATIONS_OPEN: {Status.ALLOCATION, Status.PLANNING, Status.CANCELLED},
        Status.ALLOCATION: {Status.LIVE, Status.NOMINATIONS_OPEN, Status.CANCELLED},
        Status.LIVE: {Status.CONCLUDED},
        Status.CONCLUDED: set(),
        Status.CANCELLED: {Status.PLANNING},
    }
    # Statuses in which district staff may nominate, and enter sales.
    NOMINATING = {Status.NOMINATIONS_OPEN, Status.ALLOCATION}
    SELLING = {Status.LIVE, Status.CONCLUDED}

    name_en = NameField(_("name (English)"), max_length=200)
    name_hi = NameField(_("name (Hindi)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    # Written by officers, read by the PS in either language (``venue`` and ``objectives``
    # follow the active language and say when they fall back to the other one).
    venue_en = NameField(_("venue (English)"), max_length=200, db_column="venue")
    venue_hi = NameField(_("venue (Hindi)"), max_length=200, blank=True)
    city = NameField(_("city"), max_length=100)
    location = models.CharField(
        _("held"),
        max_length=16,
        choices=Location.choices,
        default=Location.IN_STATE,
        help_text=_("Marketing Development Assistance pays at the rates for where the fair is."),
    )
    start_date = models.DateField(_("start date"), validators=[validate_plausible_date])
    end_date = models.DateField(_("end date"), validators=[validate_plausible_date])
    organiser = NameField(_("organiser"), max_length=200, blank=True)
    nodal_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="nodal_fairs",
        null=True,
        blank=True,
        limit_choices_to={"role": "cell_officer"},
        verbose_name=_("nodal officer"),
    )
    objectives_en = NoteField(
        _("objectives (English)"), blank=True, max_length=4000, db_column="objectives"
    )
    objectives_hi = NoteField(_("objectives (Hindi)"), blank=True, max_length=4000)
    # The same fair a year (or an edition) earlier: retention and rotation look back along it.
    previous_edition = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_editions",
        verbose_name=_("previous edition"),
        help_text=_("The same fair's last edition, for retention and rotation."),
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.PLANNING
    )

    class Meta:
        ordering = ["-start_date", "name_en", "pk"]
        verbose_name = _("fair")
        verbose_name_plural = _("fairs")
        constraints = [
            FieldCheckConstraint(
                field="end_date",
                condition=Q(end_date__gte=F("start_date")),
                name="events_fair_end_after_start",
                violation_error_message=_("The fair cannot end before it starts."),
            ),
            FieldCheckConstraint(
                field="location",
                condition=Q(location__in=["in_state", "other_state", "abroad"]),
                name="events_fair_location_known",
                violation_error_message=_("Choose where the fair is held from the list."),
            ),
        ]
        indexes = [
            # Dashboards and district pages list upcoming and live fairs by date.
            models.Index(fields=["status", "start_date"], name="events_fair_status_start"),
        ]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("events:fair_detail", args=[self.pk])

    @property
    def venue(self) -> BilingualText:
        return bilingual_text(self.venue_en, self.venue_hi)

    @property
    def objectives(self) -> BilingualText:
        return bilingual_text(self.objectives_en, self.objectives_hi)

    def clean(self):
        if self.pk and self.start_date and self.end_date and self.end_date >= self.start_date:
            outside = self.activities.exclude(date__range=(self.start_date, self.end_date))
            if outside.exists():
                raise ValidationError(
                    {"end_date": _("Activities are planned outside these dates; move them first.")}
                )

    @staticmethod
    def recent_since() -> datetime.date:
        """Fairs ending on or after this day are the recent ones: not yet over, or of the last
        twelve months (the dashboard's default view, the admin's fair filter)."""
        return timezone.localdate().replace(day=1) - datetime.timedelta(days=365)

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


class AllocationMethod(models.TextChoices):
    """How a space's places are given (``Space.Method``): chosen before allocation starts,
    frozen afterwards (stalls/services/rules.py)."""

    FIRST_COME = "first_come", _("First come, first served")
    LOTS = "lots", _("Draw of lots")
    RETENTION_LOTS = "retention_lots", _("Retention, then draw of lots")


MAX_RETENTION_EDITIONS = 5


class Space(TimeStampedModel):
    """Part of a fair's capacity: a block of stalls or shops, or a pavilion measured in m²."""

    Method = AllocationMethod

    class Measure(models.TextChoices):
        UNITS = "units", _("Stalls or shops")
        AREA = "area", _("Area in m²")

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="spaces", verbose_name=_("fair")
    )
    name_en = NameField(_("name (English)"), max_length=200)
    name_hi = NameField(_("name (Hindi)"), max_length=200)
    measure = models.CharField(_("counted in"), max_length=8, choices=Measure.choices)
    is_odop = models.BooleanField(
        _("ODOP space"),
        default=True,
        help_text=_(
            "Exhibitors in an ODOP space show one of their district's ODOP products; "
            "clear this for spaces such as a defence companies' pavilion."
        ),
    )
    capacity_units = models.PositiveIntegerField(
        _("stalls or shops"), null=True, blank=True, validators=bounded(1, MAX_STALLS)
    )
    capacity_area = models.DecimalField(
        _("area (m²)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounded(MIN_AREA, MAX_AREA),
    )
    # What the organiser charges an exhibitor: Marketing Development Assistance claims start
    # from it and may not claim more.
    charge = models.DecimalField(
        _("charge per stall or m² (₹)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounded(Decimal(0), Decimal("10000000.00")),
        help_text=_("Per stall or shop, or per m² for a space counted in area; before GST."),
    )
    charge_gst_percent = models.DecimalField(
        _("GST on the charge (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=bounded(Decimal(0), Decimal(28)),
    )
    # Changed only through stalls.services.allocation_rule_set, which freezes it once
    # allocation has started (a change then needs a reason, kept with the change).
    allocation_method = models.CharField(
        _("allocation rule"),
        max_length=16,
        choices=AllocationMethod.choices,
        default=AllocationMethod.FIRST_COME,
        editable=False,
    )
    retention_editions = models.PositiveSmallIntegerField(
        _("retention window (editions)"),
        default=1,
        editable=False,
        validators=bounded(1, MAX_RETENTION_EDITIONS),
        help_text=_(
            "Exhibitors who held a place in this many previous editions and entered their "
            "sales have the first claim."
        ),
    )
    rotation_editions = models.PositiveSmallIntegerField(
        _("rotation (editions)"),
        default=0,
        editable=False,
        validators=bounded(0, MAX_RETENTION_EDITIONS),
        help_text=_(
            "In a draw, districts that held places at each of this many previous editions come "
            "after the others (0: no rotation)."
        ),
    )
    coverage_first = models.BooleanField(
        _("coverage first"),
        default=False,
        editable=False,
        help_text=_(
            "In a draw, one place for each ODOP product not yet shown at the fair before any "
            "product's second place."
        ),
    )
    # Counters kept by the services in the same transaction as the rows they count, so the
    # database itself refuses to exceed capacity (see the constraints below).
    stall_count = models.PositiveIntegerField(_("stalls numbered"), default=0, editable=False)
    allotted_units = models.PositiveIntegerField(
        _("stalls allotted to districts"), default=0, editable=False
    )
    allotted_area = models.DecimalField(
        _("m² allotted to districts"),
        max_digits=9,
        decimal_places=2,
        default=Decimal(0),
        editable=False,
    )
    allocated_units = models.PositiveIntegerField(_("stalls allocated"), default=0, editable=False)
    allocated_area = models.DecimalField(
        _("m² allocated"), max_digits=9, decimal_places=2, default=Decimal(0), editable=False
    )

    class Meta:
        ordering = ["fair", "pk"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        constraints = [
            FieldCheckConstraint(
                field="capacity_units",
                condition=~Q(measure="units") | Q(capacity_units__gt=0, capacity_area__isnull=True),
                name="events_space_units_capacity",
                violation_error_message=_("Give the number of stalls or shops (more than zero)."),
            ),
            FieldCheckConstraint(
                field="capacity_area",
                condition=~Q(measure="area") | Q(capacity_area__gt=0, capacity_units__isnull=True),
                name="events_space_area_capacity",
                violation_error_message=_("Give the area in m² (more than zero)."),
            ),
            models.CheckConstraint(
                condition=Q(stall_count__lte=F("capacity_units")) | Q(stall_count=0),
                name="events_space_stalls_within_capacity",
                violation_error_message=_("More stalls than the space's capacity."),
            ),
            models.CheckConstraint(
                condition=Q(allotted_units__lte=F("capacity_units")) | Q(allotted_units=0),
                name="events_space_allotted_units_within_capacity",
                violation_error_message=_("District allotments exceed the space's capacity."),
            ),
            models.CheckConstraint(
                condition=Q(allotted_area__lte=F("capacity_area")) | Q(allotted_area=0),
                name="events_space_allotted_area_within_capacity",
                violation_error_message=_("District allotments exceed the space's area."),
            ),
            models.CheckConstraint(
                condition=Q(allocated_units__lte=F("stall_count")),
                name="events_space_allocated_units_within_stalls",
                violation_error_message=_("More allocations than stalls."),
            ),
            models.CheckConstraint(
                condition=Q(allocated_area__lte=F("capacity_area")) | Q(allocated_area=0),
                name="events_space_allocated_area_within_capacity",
                violation_error_message=_("Allocations exceed the space's area."),
            ),
            FieldCheckConstraint(
                field="charge",
                condition=Q(charge__isnull=True) | Q(charge__gte=0),
                name="events_space_charge_not_negative",
                violation_error_message=_("The charge cannot be negative."),
            ),
            FieldCheckConstraint(
                field="charge_gst_percent",
                condition=Q(charge_gst_percent__gte=0, charge_gst_percent__lte=28),
                name="events_space_gst_rate",
                violation_error_message=_("GST is 0 to 28 per cent."),
            ),
            FieldCheckConstraint(
                field="allocation_method",
                condition=Q(allocation_method__in=choice_values(*AllocationMethod)),
                name="events_space_allocation_method_known",
                violation_error_message=_("Choose an allocation rule from the list."),
            ),
            FieldCheckConstraint(
                field="retention_editions",
                condition=Q(
                    retention_editions__gte=1, retention_editions__lte=MAX_RETENTION_EDITIONS
                ),
                name="events_space_retention_window",
                violation_error_message=_("The retention window is 1 to 5 editions."),
            ),
            FieldCheckConstraint(
                field="rotation_editions",
                condition=Q(
                    rotation_editions__gte=0, rotation_editions__lte=MAX_RETENTION_EDITIONS
                ),
                name="events_space_rotation_window",
                violation_error_message=_("Rotation looks back 0 to 5 editions."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self.name_en, self.name_hi)

    def clean(self):
        in_use = (
            self.stall_count or self.allotted_units or self.allotted_area or self.allocated_area
        )
        if self.pk and in_use and self.measure != Space.objects.get(pk=self.pk).measure:
            raise ValidationError({"measure": _("A space in use cannot change how it is counted.")})
        units_over = self.capacity_units is not None and self.capacity_units < max(
            self.stall_count, self.allotted_units
        )
        if self.is_units and units_over:
            raise ValidationError(
                {"capacity_units": _("More stalls exist or are allotted than this capacity.")}
            )
        area_over = self.capacity_area is not None and self.capacity_area < max(
            self.allotted_area, self.allocated_area
        )
        if not self.is_units and area_over:
            raise ValidationError(
                {"capacity_area": _("More area is allotted or allocated than this capacity.")}
            )

    @property
    def is_units(self) -> bool:
        return self.measure == self.Measure.UNITS

    @property
    def capacity(self):
        return self.capacity_units if self.is_units else self.capacity_area

    @property
    def allocated(self):
        return self.allocated_units if self.is_units else self.allocated_area

    @property
    def free(self):
        return (self.capacity or 0) - self.allocated

    def charge_for(self, *, area=None) -> Decimal | None:
        """What one place costs the exhibitor with GST: a stall, or ``area`` m²; None when
        the charge is not recorded."""
        if self.charge is None:
            return None
        base = self.charge * (Decimal(1) if self.is_units else (area or Decimal(0)))
        with_gst = base * (1 + self.charge_gst_percent / 100)
        return with_gst.quantize(Decimal("0.01"))


class Activity(TimeStampedModel):
    """A programme item of a fair (a cultural evening, an award distribution…)."""

    class Kind(models.TextChoices):
        CULTURAL = "cultural", _("Cultural programme")
        AWARDS = "awards", _("Award distribution")
        TOOLKITS = "toolkits", _("Tool-kit distribution")
        TECHNICAL = "technical", _("Technical session")
        BUYER_SELLER = "buyer_seller", _("Buyer–seller meet")
        OTHER = "other", _("Other")

    # Kinds whose recipients are recorded.
    WITH_RECIPIENTS = {Kind.AWARDS, Kind.TOOLKITS}

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="activities", verbose_name=_("fair")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title_en = NameField(_("title (English)"), max_length=200)
    title_hi = NameField(_("title (Hindi)"), max_length=200)
    date = models.DateField(_("date"), validators=[validate_plausible_date])
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    place = NameField(_("place"), max_length=200, blank=True)
    responsible_officer = NameField(_("responsible officer"), max_length=200, blank=True)
    is_ready = models.BooleanField(
        _("ready"), default=False, help_text=_("Arrangements for this activity are complete.")
    )

    class Meta:
        ordering = ["fair", "date", "start_time", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            FieldCheckConstraint(
                field="end_time",
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="events_activity_ends_after_start",
                violation_error_message=_("The activity must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return bilingual(self.title_en, self.title_hi)

    def clean(self):
        if self.fair_id and self.date:
            message = activity_date_error(self.fair, self.date)
            if message:
                raise ValidationError({"date": message})


def activity_date_error(fair: Fair, date) -> str | None:
    """The message when ``date`` falls outside the fair (also enforced by a database trigger)."""
    if date < fair.start_date or date > fair.end_date:
        from django.utils.formats import date_format

        return _("Choose a date within the fair (%(start)s to %(end)s).") % {
            "start": date_format(fair.start_date),
            "end": date_format(fair.end_date),
        }
    return None


class Recipient(TimeStampedModel):
    """Who received an award or a tool kit at an activity, and what was given."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("activity")
    )
    exhibitor = models.ForeignKey(
        "exhibitors.Exhibitor",
        on_delete=models.PROTECT,
        related_name="recognitions",
        null=True,
        blank=True,
        verbose_name=_("exhibitor"),
    )
    name = NameField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("For an artisan not registered as an exhibitor."),
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="recipients",
        verbose_name=_("district"),
    )
    given = NameField(_("what was given"), max_length=300)

    # The district's staff see their district's recipients (and print their certificates).
    district_scope = "district"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["activity", "pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            FieldCheckConstraint(
                field="name",
                condition=Q(exhibitor__isnull=False) | ~Q(name=""),
                name="events_recipient_named",
                violation_error_message=_("Choose an exhibitor or write the artisan's name."),
            ),
        ]

    def __str__(self) -> str:
        return self.exhibitor.name if self.exhibitor_id else self.name
