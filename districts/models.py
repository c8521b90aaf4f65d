"""Master data: UP's 18 divisions, 75 districts and their ODOP products."""

from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import NameField, bounded
from core.models import BilingualNameMixin, TimeStampedModel, bilingual
from core.scoping import ScopedQuerySet


class Division(BilingualNameMixin, TimeStampedModel):
    """A division (mandal): reference data every role may read."""

    name_en = NameField(_("name (English)"), max_length=100, unique=True)
    name_hi = NameField(_("name (Hindi)"), max_length=100)
    # Key of the row in the shipped master-data file; lets a reload find the row after an
    # officer has corrected its names.
    source_key = models.CharField(  # noqa: DJ001
        _("source key"), max_length=120, unique=True, null=True, editable=False
    )

    class Meta:
        ordering = ["name_en", "pk"]
        verbose_name = _("division")
        verbose_name_plural = _("divisions")


class District(BilingualNameMixin, TimeStampedModel):
    district_scope = "pk"

    division = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="districts", verbose_name=_("division")
    )
    name_en = NameField(_("name (English)"), max_length=100, unique=True)
    name_hi = NameField(_("name (Hindi)"), max_length=100)
    lgd_code = models.PositiveIntegerField(
        _("LGD code"),
        validators=bounded(1, 999_999),
        unique=True,
        null=True,
        blank=True,
        help_text=_("District code in the Local Government Directory."),
    )
    hq_town_en = NameField(_("headquarters (English)"), max_length=100, blank=True)
    hq_town_hi = NameField(_("headquarters (Hindi)"), max_length=100, blank=True)
    # Uttar Pradesh lies between 23.8° and 30.5° N, 77° and 84.7° E; a little margin.
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=bounded(Decimal(23), Decimal(31)),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=bounded(Decimal(77), Decimal(85)),
    )
    source_key = models.CharField(  # noqa: DJ001
        _("source key"), max_length=120, unique=True, null=True, editable=False
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name_en", "pk"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def get_absolute_url(self) -> str:
        return reverse("districts:detail", args=[self.pk])

    @property
    def hq_town(self) -> str:
        return bilingual(self.hq_town_en, self.hq_town_hi)


class Product(BilingualNameMixin, TimeStampedModel):
    """An ODOP product of one district; districts gain products over the years."""

    district_scope = "district"

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="products", verbose_name=_("district")
    )
    name_en = NameField(_("name (English)"), max_length=200)
    name_hi = NameField(_("name (Hindi)"), max_length=200)
    is_original = models.BooleanField(
        _("original ODOP product"),
        default=False,
        help_text=_("The product named for the district when the programme began in 2018."),
    )
    source_key = models.CharField(  # noqa: DJ001
        _("source key"), max_length=120, unique=True, null=True, editable=False
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["district__name_en", "-is_original", "name_en", "pk"]
        verbose_name = _("ODOP product")
        verbose_name_plural = _("ODOP products")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name_en"],
                name="districts_product_unique_name",
                violation_error_message=_("This district already has a product of this name."),
            )
        ]
