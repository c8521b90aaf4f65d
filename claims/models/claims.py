"""A participant's claim for Marketing Development Assistance, its documents and its steps."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from claims.models.rules import MONEY_LIMIT, SchemeRule
from core.constraints import FieldCheckConstraint, choice_values
from core.fields import (
    AccountNumberField,
    IFSCField,
    LineField,
    NameField,
    NoteField,
    bounded,
    validate_birth_date,
)
from core.identifiers import mask_account
from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet

MONEY = bounded(Decimal(0), MONEY_LIMIT)


class ClaimStatus(models.TextChoices):
    """``Claim.Status``; at module level so the constraints can name its values."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted by the district")
    RECOMMENDED = "recommended", _("Recommended by the district")
    VERIFIED = "verified", _("Verified by the cell")
    SANCTIONED = "sanctioned", _("Sanctioned")
    PAID = "paid", _("Paid")
    RETURNED = "returned", _("Returned for correction")
    REJECTED = "rejected", _("Rejected")


class ClaimStep(models.TextChoices):
    """The workflow's steps, in the order a claim takes them."""

    CREATE = "create", _("Drafted")
    EDIT = "edit", _("Corrected")
    SUBMIT = "submit", _("Submitted")
    RECOMMEND = "recommend", _("Recommended")
    VERIFY = "verify", _("Verified")
    SANCTION = "sanction", _("Sanctioned")
    PAY = "pay", _("Paid")
    RETURN = "return", _("Returned for correction")
    REJECT = "reject", _("Rejected")


S = ClaimStatus
# step → (the statuses it starts from, the status it leads to, the permission it needs).
TRANSITIONS = {
    ClaimStep.SUBMIT: ({S.DRAFT, S.RETURNED}, S.SUBMITTED, "claims.change_claim"),
    ClaimStep.RECOMMEND: ({S.SUBMITTED}, S.RECOMMENDED, "claims.recommend_claim"),
    ClaimStep.VERIFY: ({S.RECOMMENDED}, S.VERIFIED, "claims.verify_claim"),
    ClaimStep.SANCTION: ({S.VERIFIED}, S.SANCTIONED, "claims.sanction_claim"),
    ClaimStep.PAY: ({S.SANCTIONED}, S.PAID, "claims.pay_claim"),
}
# Returning and rejecting: the district's recommending officer while the claim is with the
# district, the cell once the district has recommended it.
SENDING_BACK = {
    S.SUBMITTED: "claims.recommend_claim",
    S.RECOMMENDED: "claims.verify_claim",
    S.VERIFIED: "claims.verify_claim",
}
EDITABLE = {S.DRAFT, S.RETURNED}
# A claim that counts against "one claim per fair": anything but a rejected one.
LIVE = [s.value for s in ClaimStatus if s != S.REJECTED]
# The money is committed once sanctioned.
SANCTIONED = [S.SANCTIONED.value, S.PAID.value]


class TravelMode(models.TextChoices):
    TRAIN_3AC = "train_3ac", _("Train, third AC")
    AC_BUS = "ac_bus", _("AC bus")
    LOWER = "lower", _("Train sleeper or general class, or an ordinary bus")
    HIGHER = "higher", _("A higher class (second or first AC, or air)")


class ClaimQuerySet(ScopedQuerySet):
    def live(self):
        return self.filter(status__in=LIVE)

    def with_list_columns(self):
        return self.select_related("exhibitor", "fair", "district")


class Claim(TimeStampedModel):
    """One exhibitor's claim for one fair, computed by one version of the scheme's rules."""

    district_scope = "district"

    Status = ClaimStatus
    Step = ClaimStep
    TravelMode = TravelMode

    allocation = models.ForeignKey(
        "stalls.Allocation",
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("place held"),
    )
    # Copied from the allocation by the service, so lists and sums read this table alone.
    fair = models.ForeignKey(
        "events.Fair", on_delete=models.PROTECT, related_name="claims", verbose_name=_("fair")
    )
    exhibitor = models.ForeignKey(
        "exhibitors.Exhibitor",
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("exhibitor"),
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("district"),
    )
    rule = models.ForeignKey(
        SchemeRule,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("rule version"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT
    )

    applicant_name = NameField(_("applicant's name"), max_length=200)
    applicant_birth_date = models.DateField(
        _("applicant's date of birth"), validators=[validate_birth_date]
    )
    dic_registration = LineField(
        _("district industries centre registration"),
        max_length=40,
        blank=True,
        help_text=_("Needed when the exhibitor has no Udyam registration number."),
    )
    no_other_benefit = models.BooleanField(
        _("no similar assistance in the last two years"),
        default=False,
        help_text=_(
            "The applicant declares no similar assistance from the state or the central "
            "government for the same purpose in the last two years."
        ),
    )

    stall_charge_paid = models.DecimalField(
        _("stall charge paid (₹)"), max_digits=12, decimal_places=2, validators=MONEY
    )
    freight_paid = models.DecimalField(
        _("freight paid (₹)"), max_digits=12, decimal_places=2, default=0, validators=MONEY
    )
    fare_paid = models.DecimalField(
        _("fare paid (₹)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=MONEY,
        help_text=_("One person's journey to the fair and back."),
    )
    travel_mode = models.CharField(
        _("travelled by"), max_length=12, choices=TravelMode.choices, blank=True
    )

    account_holder = NameField(_("account holder"), max_length=200)
    ifsc = IFSCField(_("IFSC"), max_length=11)
    account_number = AccountNumberField(_("account number"), max_length=18)

    # Worked out by claims.services.rules when the claim is saved; never typed.
    stall_admissible = models.DecimalField(
        _("admissible, stall charge (₹)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        editable=False,
    )
    freight_admissible = models.DecimalField(
        _("admissible, freight (₹)"), max_digits=12, decimal_places=2, default=0, editable=False
    )
    fare_admissible = models.DecimalField(
        _("admissible, fare (₹)"), max_digits=12, decimal_places=2, default=0, editable=False
    )
    # The cell's corrections when it verifies, each at most what the rule admits.
    stall_verified = models.DecimalField(
        _("verified, stall charge (₹)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    freight_verified = models.DecimalField(
        _("verified, freight (₹)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    fare_verified = models.DecimalField(
        _("verified, fare (₹)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    correction_reason = NoteField(
        _("reason for the correction"), blank=True, max_length=2000, editable=False
    )
    amount = models.DecimalField(
        _("amount payable (₹)"), max_digits=12, decimal_places=2, default=0, editable=False
    )

    sanction = models.ForeignKey(
        "claims.Sanction",
        on_delete=models.PROTECT,
        related_name="claims",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("sanction"),
    )
    payment_reference = LineField(_("payment reference"), max_length=60, blank=True, editable=False)
    paid_on = models.DateField(_("paid on"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("drafted by"),
    )

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("MDA claim")
        verbose_name_plural = _("MDA claims")
        permissions = [
            ("recommend_claim", _("Can recommend an MDA claim for the district")),
            ("verify_claim", _("Can verify an MDA claim")),
            ("sanction_claim", _("Can sanction MDA claims")),
            ("pay_claim", _("Can record the payment of an MDA claim")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibitor", "fair"],
                condition=Q(status__in=LIVE),
                name="claims_claim_one_per_fair",
                violation_error_message=_("This exhibitor has a claim for this fair already."),
            ),
            FieldCheckConstraint(
                field="status",
                condition=Q(status__in=choice_values(*ClaimStatus)),
                name="claims_claim_status_known",
                violation_error_message=_("Choose a status."),
            ),
            FieldCheckConstraint(
                field="stall_charge_paid",
                condition=Q(stall_charge_paid__gte=0, freight_paid__gte=0, fare_paid__gte=0),
                name="claims_claim_paid_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(
                    stall_admissible__gte=0,
                    stall_admissible__lte=F("stall_charge_paid"),
                    freight_admissible__gte=0,
                    freight_admissible__lte=F("freight_paid"),
                    fare_admissible__gte=0,
                    fare_admissible__lte=F("fare_paid"),
                ),
                name="claims_claim_admissible_within_paid",
                violation_error_message=_("More is admitted than was paid."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(stall_verified__isnull=True)
                    | Q(stall_verified__gte=0, stall_verified__lte=F("stall_admissible"))
                )
                & (
                    Q(freight_verified__isnull=True)
                    | Q(freight_verified__gte=0, freight_verified__lte=F("freight_admissible"))
                )
                & (
                    Q(fare_verified__isnull=True)
                    | Q(fare_verified__gte=0, fare_verified__lte=F("fare_admissible"))
                ),
                name="claims_claim_verified_within_admissible",
                violation_error_message=_("A verified amount cannot exceed what the rule admits."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=SANCTIONED) | Q(sanction__isnull=False),
                name="claims_claim_sanctioned_has_sanction",
                violation_error_message=_("A sanctioned claim belongs to a sanction."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.PAID.value)
                | (Q(paid_on__isnull=False) & ~Q(payment_reference="")),
                name="claims_claim_paid_has_reference",
                violation_error_message=_("A paid claim has its payment reference and date."),
            ),
        ]
        indexes = [
            # The district's and the cell's lists: claims of a district by status.
            models.Index(fields=["district", "status"], name="claims_claim_district_status"),
            # The dashboard and the budget: claims of a fair by status.
            models.Index(fields=["fair", "status"], name="claims_claim_fair_status"),
            # The lists, newest first: read through the index, not sorted (11,000 claims at
            # ten years: 65 ms → under 1 ms).
            models.Index(fields=["-created_at", "-id"], name="claims_claim_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.exhibitor}"

    def get_absolute_url(self) -> str:
        return reverse("claims:detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"MDA-{self.pk:06d}" if self.pk else ""

    @property
    def account_masked(self) -> str:
        return mask_account(self.account_number)

    @property
    def claimed(self) -> Decimal:
        return self.stall_charge_paid + self.freight_paid + self.fare_paid

    @property
    def admissible(self) -> Decimal:
        return self.stall_admissible + self.freight_admissible + self.fare_admissible

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE


def document_path(instance, filename: str) -> str:
    # A random name: the uploaded name never reaches the file system.
    return f"claims/{instance.claim_id}/{uuid.uuid4().hex}.{instance.extension}"


class ClaimDocument(models.Model):
    """A receipt, invoice, ticket or bank proof attached to a claim: a PDF or an image."""

    district_scope = "claim__district"

    class Kind(models.TextChoices):
        STALL_RECEIPT = "stall_receipt", _("Stall charge receipt")
        FREIGHT_INVOICE = "freight_invoice", _("Freight invoice")
        FARE_TICKET = "fare_ticket", _("Travel ticket")
        BANK_PROOF = "bank_proof", _("Cancelled cheque or passbook")
        OTHER = "other", _("Other")

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="documents", verbose_name=_("claim")
    )
    kind = models.CharField(_("document"), max_length=16, choices=Kind.choices)
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        max_length=200,
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png"])],
    )
    # Found from the content, never from the name (claims.services.documents).
    extension = models.CharField(_("type"), max_length=4, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "kind", "created_at", "pk"]
        verbose_name = _("claim document")
        verbose_name_plural = _("claim documents")

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def download_name(self) -> str:
        return f"mda-{self.claim_id:06d}-{self.kind}-{self.pk}.{self.extension}"


class ClaimEvent(models.Model):
    """One step of a claim's journey: who took it, when, and why (kept, never changed)."""

    district_scope = "claim__district"

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="events", verbose_name=_("claim")
    )
    step = models.CharField(_("step"), max_length=12, choices=ClaimStep.choices)
    from_status = models.CharField(
        _("from"), max_length=16, choices=ClaimStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=ClaimStatus.choices)
    reason = NoteField(_("reason"), blank=True, max_length=2000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "at", "pk"]
        verbose_name = _("claim step")
        verbose_name_plural = _("claim steps")
        default_permissions = ["view"]

    def __str__(self) -> str:
        return self.get_step_display()
