"""A record of each reminder sent, so that none is ever sent twice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scoping import StatewideQuerySet


class MoUReminder(models.Model):
    class Kind(models.TextChoices):
        EXPIRY_30 = "expiry_30", _("Expires within 30 days")
        EXPIRY_7 = "expiry_7", _("Expires within 7 days")
        EXPIRY_1 = "expiry_1", _("Expires tomorrow")
        STALE_AMBER = "stale_amber", _("Turned stale")
        STALE_RED = "stale_red", _("Overdue for an update")

    mou = models.ForeignKey(
        "mous.MoU", on_delete=models.CASCADE, related_name="reminders", verbose_name=_("MoU")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    concerns_on = models.DateField(
        _("concerns"),
        help_text=_("The expiry date, or the date of the last update for a stale reminder."),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mou_reminders",
        verbose_name=_("sent to"),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = StatewideQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("MoU reminder")
        verbose_name_plural = _("MoU reminders")
        default_permissions = ["view"]
        constraints = [
            # Claimed before sending: a retry or a second run finds the row and sends nothing.
            models.UniqueConstraint(
                fields=["mou", "kind", "concerns_on"],
                name="mous_moureminder_once",
                violation_error_message=_("This reminder has already been sent."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.mou_id} {self.kind} {self.concerns_on}"
