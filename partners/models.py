"""Organisations the ODOP cell signs MoUs with, and the people to call there."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import LineField, NameField, NoteField
from core.models import BilingualNameMixin, TimeStampedModel
from core.scoping import StatewideQuerySet

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 \-]{6,18}[0-9]$",
    _("Enter a phone number of digits, optionally with +, spaces or hyphens."),
)


class Partner(BilingualNameMixin, TimeStampedModel):
    class Kind(models.TextChoices):
        B2B_PLATFORM = "b2b_platform", _("B2B platform")
        MARKETPLACE = "marketplace", _("E-commerce marketplace")
        PACKAGING = "packaging", _("Packaging institute")
        DESIGN = "design", _("Design institute")
        QUALITY = "quality", _("Quality body")
        FINANCE = "finance", _("Financial institution")
        OTHER = "other", _("Other")

    name_en = NameField(_("name (English)"), max_length=200, unique=True)
    name_hi = NameField(_("name (Hindi)"), max_length=200)
    short_name = NameField(
        _("short name"), max_length=40, blank=True, help_text=_("For example NIFT, QCI, SIDBI.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    address = NoteField(_("address"), blank=True)

    objects = StatewideQuerySet.as_manager()

    class Meta:
        ordering = ["name_en", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=[
                        "b2b_platform",
                        "marketplace",
                        "packaging",
                        "design",
                        "quality",
                        "finance",
                        "other",
                    ]
                ),
                name="partners_partner_kind_valid",
                violation_error_message=_("Choose a kind of partner."),
            )
        ]


class ContactPerson(TimeStampedModel):
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("partner")
    )
    name = NameField(_("name"), max_length=200)
    designation = LineField(_("designation"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["partner__name_en", "name", "pk"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
