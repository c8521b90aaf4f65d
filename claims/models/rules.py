"""The MDA scheme's rules as data: rates, caps, eligibility and documents, by effective date.

A government order may change the rates; officers add a version with the day it takes effect,
and a claim keeps the version it was computed with. A version a claim uses no longer changes.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.constraints import FieldCheckConstraint
from core.fields import LineField, NoteField, bounded, validate_plausible_date
from core.models import TimeStampedModel
from events.models import Fair

PERCENT = bounded(Decimal(0), Decimal(100))
MONEY_LIMIT = Decimal("100000000.00")  # ₹10 crore: beyond any stall, freight or fare


class SchemeRuleQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view"):
        """The scheme's rules are public to every role that may read them: district staff
        see what their claims are computed with."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self if user.has_perm(f"claims.{action}_schemerule") else self.none()

    def for_fair(self, fair: Fair):
        """The version in force on the fair's first day for fairs held where it is held."""
        return (
            self.filter(location=fair.location, effective_from__lte=fair.start_date)
            .order_by("-effective_from", "-pk")
            .first()
        )


class SchemeRule(TimeStampedModel):
    """One version of the scheme's rules for fairs held in one kind of place."""

    Location = Fair.Location

    location = models.CharField(_("fairs held"), max_length=16, choices=Fair.Location.choices)
    effective_from = models.DateField(
        _("in force from"),
        validators=[validate_plausible_date],
        help_text=_("Claims for fairs starting on or after this day use this version."),
    )
    order_reference = LineField(
        _("government order"),
        max_length=200,
        help_text=_("The order that set these rates, with its number and date."),
    )
    stall_share_percent = models.DecimalField(
        _("share of the stall charge (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    stall_cap = models.DecimalField(
        _("at most, stall charge (₹)"),
        max_digits=12,
        decimal_places=2,
        validators=bounded(Decimal(0), MONEY_LIMIT),
    )
    freight_share_percent = models.DecimalField(
        _("share of the freight (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    freight_cap = models.DecimalField(
        _("at most, freight (₹)"),
        max_digits=12,
        decimal_places=2,
        validators=bounded(Decimal(0), MONEY_LIMIT),
    )
    fare_share_percent = models.DecimalField(
        _("share of one person's fare (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(100),
        validators=PERCENT,
    )
    fare_cap = models.DecimalField(
        _("at most, fare (₹)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounded(Decimal(0), MONEY_LIMIT),
        help_text=_("Leave empty when the class of travel is the only limit."),
    )
    min_age = models.PositiveSmallIntegerField(
        _("applicant's minimum age"), default=18, validators=bounded(0, 100)
    )
    gap_years = models.PositiveSmallIntegerField(
        _("years since the last assistance"),
        default=2,
        validators=bounded(0, 10),
        help_text=_("No claim of the same exhibitor or enterprise paid in this many years."),
    )
    requires_registration = models.BooleanField(
        _("registration required"),
        default=True,
        help_text=_("A Udyam or district industries centre registration."),
    )
    requires_sales = models.BooleanField(
        _("sales entered required"),
        default=True,
        help_text=_("The place's daily sales must be entered in the portal."),
    )
    requires_attendance = models.BooleanField(
        _("attendance required"),
        default=False,
        help_text=_("The exhibitor's pass must have been checked in at the fair's gate."),
    )
    needs_stall_receipt = models.BooleanField(_("stall charge receipt"), default=True)
    needs_freight_invoice = models.BooleanField(_("freight invoice"), default=True)
    needs_fare_ticket = models.BooleanField(_("travel ticket"), default=True)
    needs_bank_proof = models.BooleanField(_("cancelled cheque or passbook"), default=True)
    notes = NoteField(_("notes"), blank=True, max_length=2000)

    objects = SchemeRuleQuerySet.as_manager()

    class Meta:
        ordering = ["location", "-effective_from", "pk"]
        verbose_name = _("MDA rule version")
        verbose_name_plural = _("MDA rule versions")
        constraints = [
            models.UniqueConstraint(
                fields=["location", "effective_from"],
                name="claims_schemerule_one_per_day",
                violation_error_message=_(
                    "A version for fairs held there takes effect on this day already."
                ),
            ),
            FieldCheckConstraint(
                field="stall_share_percent",
                condition=Q(
                    stall_share_percent__gte=0,
                    stall_share_percent__lte=100,
                    freight_share_percent__gte=0,
                    freight_share_percent__lte=100,
                    fare_share_percent__gte=0,
                    fare_share_percent__lte=100,
                ),
                name="claims_schemerule_shares_percent",
                violation_error_message=_("A share is 0 to 100 per cent."),
            ),
            FieldCheckConstraint(
                field="stall_cap",
                condition=Q(stall_cap__gte=0, freight_cap__gte=0)
                & (Q(fare_cap__isnull=True) | Q(fare_cap__gte=0)),
                name="claims_schemerule_caps_not_negative",
                violation_error_message=_("A cap cannot be negative."),
            ),
            FieldCheckConstraint(
                field="location",
                condition=Q(location__in=["in_state", "other_state", "abroad"]),
                name="claims_schemerule_location_known",
                violation_error_message=_("Choose where the fairs are held from the list."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_location_display()} · {self.effective_from:%d.%m.%Y}"

    @property
    def is_in_use(self) -> bool:
        return self.pk is not None and self.claims.exists()

    # What a claim's computation and checks read: fixed once a claim uses the version.
    FIXED_IN_USE = [
        "location",
        "effective_from",
        "order_reference",
        "stall_share_percent",
        "stall_cap",
        "freight_share_percent",
        "freight_cap",
        "fare_share_percent",
        "fare_cap",
        "min_age",
        "gap_years",
        "requires_registration",
        "requires_sales",
        "requires_attendance",
        "needs_stall_receipt",
        "needs_freight_invoice",
        "needs_fare_ticket",
        "needs_bank_proof",
    ]

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.is_in_use:
            return
        stored = SchemeRule.objects.values(*self.FIXED_IN_USE).get(pk=self.pk)
        if any(stored[name] != getattr(self, name) for name in self.FIXED_IN_USE):
            raise ValidationError(
                _(
                    "Claims were computed with this version, so it stays as it is; add a new "
                    "version with the day it takes effect."
                )
            )

    def documents_required(self) -> dict[str, bool]:
        """Which document kinds (``ClaimDocument.Kind``) this version asks for."""
        return {
            "stall_receipt": self.needs_stall_receipt,
            "freight_invoice": self.needs_freight_invoice,
            "fare_ticket": self.needs_fare_ticket,
            "bank_proof": self.needs_bank_proof,
        }
