"""A stall of a space counted in stalls or shops."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import NameField
from core.models import TimeStampedModel
from stalls.querysets import StallQuerySet


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
    position = models.PositiveIntegerField(_("position on the board"), default=0, editable=False)

    objects = StallQuerySet.as_manager()

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
