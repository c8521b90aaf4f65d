"""Artisans, units, SHGs, cooperatives and companies who take stalls at fairs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.constraints import FieldCheckConstraint
from core.fields import GSTINField, MobileField, NameField, UdyamField
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
