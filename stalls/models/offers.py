"""Offers of a freed or unfilled place to the next nomination in a space's waiting list.

The district answers within the offer's time (OFFER_HOURS, 48 by default): accepted, the
nomination is approved and its place follows; declined or lapsed, the nomination leaves the
queue and the place is offered to the next. Every offer and its end are kept.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import NoteField
from core.scoping import ScopedQuerySet
from stalls.models.nominations import Nomination


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Awaiting the district's answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    LAPSED = "lapsed", _("Lapsed")
    WITHDRAWN = "withdrawn", _("Ended by the nomination's withdrawal or rejection")


class OfferQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status=OfferStatus.OPEN)

    def due(self, now):
        """Open offers whose time is up."""
        return self.open().filter(expires_at__lte=now)


class Offer(models.Model):
    district_scope = "nomination__district"

    Status = OfferStatus

    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="offers", verbose_name=_("nomination")
    )
    space = models.ForeignKey(
        "events.Space", on_delete=models.CASCADE, related_name="offers", verbose_name=_("space")
    )
    offered_at = models.DateTimeField(_("offered at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("answer by"))
    status = models.CharField(
        _("status"), max_length=12, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    answered_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("answered by"),
    )
    reason = NoteField(_("reason"), blank=True, max_length=2000)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["-offered_at", "-pk"]
        verbose_name = _("offer of a place")
        verbose_name_plural = _("offers of places")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination"],
                condition=Q(status=OfferStatus.OPEN.value),
                name="stalls_offer_one_open_per_nomination",
                violation_error_message=_("This nomination has an open offer already."),
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("offered_at")),
                name="stalls_offer_expires_after_offered",
                violation_error_message=_("An offer ends after it is made."),
            ),
            models.CheckConstraint(
                condition=Q(status=OfferStatus.OPEN.value, answered_at__isnull=True)
                | (~Q(status=OfferStatus.OPEN.value) & Q(answered_at__isnull=False)),
                name="stalls_offer_ended_with_time",
                violation_error_message=_("An ended offer records when it ended."),
            ),
        ]
        indexes = [
            # The sweep of lapsed offers.
            models.Index(fields=["status", "expires_at"], name="stalls_offer_due"),
        ]

    def __str__(self) -> str:
        return f"{self.nomination} · {self.get_status_display()}"
