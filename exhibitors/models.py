"""Artisans, units, SHGs, cooperatives and companies who take stalls at fairs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.constraints import FieldCheckConstraint, choice_values
from core.fields import GSTINField, LineField, MobileField, NameField, UdyamField
from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet


class Exhibitor(TimeStampedModel):
    district_scope = "district"

    class Kind(models.TextChoices):
        ARTISAN = "artisan", _("Individual artisan")
        UNIT = "unit", _("Unit (enterprise)")
        SHG = "shg", _("Self-help group")
        COOPERATIVE = "cooperative", _("Cooperative")
        COMPANY = "company", _("Company")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = NameField(_("name"), max_length=200)
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="exhibitors",
        verbose_name=_("district"),
    )
    product = models.ForeignKey(
        "districts.Product",
        on_delete=models.PROTECT,
        related_name="exhibitors",
        null=True,
        blank=True,
        verbose_name=_("ODOP product"),
        help_text=_("One of the district's ODOP products; companies may leave it empty."),
    )
    contact_person = NameField(_("contact person"), max_length=200, blank=True)
    # Identifiers normalise themselves (+91, spaces, case): uniqueness holds on what is stored.
    mobile = MobileField(
        _("mobile"),
        max_length=10,
        unique=True,
        error_messages={"unique": _("An exhibitor with this mobile number is already registered.")},
    )
    email = models.EmailField(_("e-mail"), blank=True)
    # NULL, not "": many artisans have neither number, and NULLs never collide in a unique index.
    udyam_number = UdyamField(
        _("Udyam registration number"),
        max_length=19,
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": _("An exhibitor with this Udyam number is already registered.")},
    )
    gstin = GSTINField(
        _("GSTIN"),
        max_length=15,
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": _("An exhibitor with this GSTIN is already registered.")},
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
        verbose_name=_("created by"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        constraints = [
            FieldCheckConstraint(
                field="product",
                condition=Q(kind="company") | Q(product__isnull=False),
                name="exhibitors_exhibitor_product_unless_company",
                violation_error_message=_("Choose the exhibitor's ODOP product."),
            ),
        ]
        indexes = [
            # District staff list their own exhibitors by name.
            models.Index(fields=["district", "name"], name="exhibitors_district_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.product_id and self.district_id and self.product.district_id != self.district_id:
            raise ValidationError(
                {"product": _("This product is not one of the exhibitor's district's products.")}
            )


class PriorityCategory(models.TextChoices):
    """Categories a space may reserve a share of its places for, in the order the shares are
    filled. All but the first-time participant are claimed with evidence; that one the portal
    works out (no place at any earlier fair)."""

    NATIONAL_AWARDEE = "national_awardee", _("National awardee")
    STATE_AWARDEE = "state_awardee", _("State awardee")
    GI_TAG = "gi_tag", _("GI-tag holder")
    WOMEN_LED = "women_led", _("Women-led unit")
    SC_ST = "sc_st", _("SC/ST entrepreneur")
    DIVYANG = "divyang", _("Divyang entrepreneur")
    FIRST_TIME = "first_time", _("First-time participant")


CLAIMED_CATEGORIES = [c for c in PriorityCategory if c != PriorityCategory.FIRST_TIME]


class PriorityClaim(TimeStampedModel):
    """An exhibitor's claim to a priority category, with its evidence."""

    district_scope = "exhibitor__district"

    Category = PriorityCategory

    exhibitor = models.ForeignKey(
        Exhibitor,
        on_delete=models.CASCADE,
        related_name="priority_claims",
        verbose_name=_("exhibitor"),
    )
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=[(c.value, c.label) for c in CLAIMED_CATEGORIES],
    )
    evidence = LineField(
        _("certificate or document number"),
        max_length=100,
        help_text=_("The number of the award certificate, GI registration, caste certificate…"),
    )
    issued_by = LineField(_("issued by"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["exhibitor", "category", "pk"]
        verbose_name = _("priority category")
        verbose_name_plural = _("priority categories")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibitor", "category"],
                name="exhibitors_priorityclaim_once",
                violation_error_message=_("This category is already claimed for the exhibitor."),
            ),
            FieldCheckConstraint(
                field="evidence",
                condition=~Q(evidence=""),
                name="exhibitors_priorityclaim_has_evidence",
                violation_error_message=_("Give the evidence: the certificate or document number."),
            ),
            FieldCheckConstraint(
                field="category",
                condition=Q(category__in=choice_values(*CLAIMED_CATEGORIES)),
                name="exhibitors_priorityclaim_category_known",
                violation_error_message=_("Choose a category from the list."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exhibitor} · {self.get_category_display()}"
