"""In-portal notices for one user, rendered in the reader's language when shown."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.models import bilingual
from core.templatetags.portal import inr


class NoticeQuerySet(models.QuerySet):
    def for_user(self, user):
        """A user's own notices; nobody reads another's (404, not 403)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """A coded message with parameters; the text is produced with gettext when displayed."""

    class Code(models.TextChoices):
        MOU_EXPIRY = "mou_expiry", _("MoU expiring")
        MOU_EXPIRY_TOMORROW = "mou_expiry_tomorrow", _("MoU expiring tomorrow")
        MOU_STALE = "mou_stale", _("MoU stale")
        MOU_OVERDUE = "mou_overdue", _("MoU overdue for an update")
        MOU_EXPIRED = "mou_expired", _("MoU expired")
        REPORT_FAILED = "report_failed", _("Status report not prepared")
        NOMINATION_APPROVED = "nomination_approved", _("Nomination approved")
        NOMINATION_WAITLISTED = "nomination_waitlisted", _("Nomination on the waiting list")
        NOMINATION_IN_DRAW = "nomination_in_draw", _("Nomination in the draw of lots")
        OFFER_MADE = "offer_made", _("Place offered")
        OFFER_LAPSED = "offer_lapsed", _("Offer of a place lapsed")
        NOMINATION_REJECTED = "nomination_rejected", _("Nomination rejected")
        PLACE_ALLOCATED = "place_allocated", _("Place allocated")
        PLACE_MOVED = "place_moved", _("Place moved")
        PLACE_CANCELLED = "place_cancelled", _("Place cancelled")
        REQUEST_GRANTED = "request_granted", _("Request for more places granted")
        REQUEST_REFUSED = "request_refused", _("Request for more places refused")
        CLAIM_VERIFIED = "claim_verified", _("MDA claim verified")
        CLAIM_RETURNED = "claim_returned", _("MDA claim returned for correction")
        CLAIM_REJECTED = "claim_rejected", _("MDA claim rejected")
        CLAIM_SANCTIONED = "claim_sanctioned", _("MDA claim sanctioned")
        CLAIM_PAID = "claim_paid", _("MDA claim paid")

    TEXTS = {
        Code.MOU_EXPIRY: _("The MoU “%(title)s” with %(partner)s expires on %(date)s."),
        Code.MOU_EXPIRY_TOMORROW: _(
            "The MoU “%(title)s” with %(partner)s expires tomorrow, %(date)s."
        ),
        Code.MOU_STALE: _("The MoU “%(title)s” with %(partner)s has had no update since %(date)s."),
        Code.MOU_OVERDUE: _(
            "The MoU “%(title)s” with %(partner)s has had no update since %(date)s and is "
            "overdue for review."
        ),
        Code.MOU_EXPIRED: _(
            "The validity of the MoU “%(title)s” with %(partner)s ended on %(date)s: the "
            "portal has moved it to “Expired”."
        ),
        Code.REPORT_FAILED: _(
            "The status report for the meeting “%(title)s” of %(date)s could not be "
            "prepared; its page says why."
        ),
        Code.NOMINATION_APPROVED: _(
            "%(exhibitor)s is approved for %(space)s at %(fair)s; the place follows."
        ),
        Code.NOMINATION_WAITLISTED: _(
            "%(exhibitor)s is on the waiting list for %(space)s at %(fair)s, at position "
            "%(position)s."
        ),
        Code.NOMINATION_IN_DRAW: _(
            "%(exhibitor)s is approved for %(space)s at %(fair)s and enters its draw of lots; "
            "the draw decides the order of places."
        ),
        Code.OFFER_MADE: _(
            "A place in %(space)s at %(fair)s is offered to %(exhibitor)s: accept or decline it "
            "on the fair's page by %(until)s, or it goes to the next in line."
        ),
        Code.OFFER_LAPSED: _(
            "The offer of a place in %(space)s at %(fair)s to %(exhibitor)s lapsed unanswered "
            "at %(until)s; the place goes to the next in line."
        ),
        Code.NOMINATION_REJECTED: _(
            "The nomination of %(exhibitor)s for %(space)s at %(fair)s is rejected. Reason: "
            "%(reason)s"
        ),
        Code.PLACE_ALLOCATED: _("%(exhibitor)s is given %(place)s in %(space)s at %(fair)s."),
        Code.PLACE_MOVED: _(
            "%(exhibitor)s moves to %(place)s in %(space)s at %(fair)s. Reason: %(reason)s"
        ),
        Code.PLACE_CANCELLED: _(
            "The place of %(exhibitor)s in %(space)s at %(fair)s is cancelled. Reason: %(reason)s"
        ),
        Code.REQUEST_GRANTED: _(
            "The request for %(more)s more in %(space)s at %(fair)s is granted: the district's "
            "allotment has grown by it."
        ),
        Code.REQUEST_REFUSED: _(
            "The request for %(more)s more in %(space)s at %(fair)s is refused. Reason: %(reason)s"
        ),
        Code.CLAIM_VERIFIED: _(
            "MDA claim %(number)s of %(exhibitor)s for %(fair)s is verified by the cell for "
            "%(amount)s."
        ),
        Code.CLAIM_RETURNED: _(
            "MDA claim %(number)s of %(exhibitor)s for %(fair)s is returned for correction. "
            "Reason: %(reason)s"
        ),
        Code.CLAIM_REJECTED: _(
            "MDA claim %(number)s of %(exhibitor)s for %(fair)s is rejected. Reason: %(reason)s"
        ),
        Code.CLAIM_SANCTIONED: _(
            "MDA claim %(number)s of %(exhibitor)s for %(fair)s is sanctioned for %(amount)s."
        ),
        Code.CLAIM_PAID: _(
            "MDA claim %(number)s of %(exhibitor)s for %(fair)s is paid: %(amount)s."
        ),
    }

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("recipient"),
    )
    code = models.CharField(_("kind"), max_length=32, choices=Code.choices)
    # Ids, dates (ISO) and names in both languages; never a sentence.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=200, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        default_permissions = []
        indexes = [
            # The unread count in the navigation bar of every page.
            models.Index(fields=["recipient", "read_at"], name="notifications_unread_idx"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The notice in the active language."""
        params = self.params or {}
        day = parse_date(params.get("date") or "")
        values = {
            "title": bilingual(params.get("title_en", ""), params.get("title_hi", "")),
            "partner": bilingual(params.get("partner_en", ""), params.get("partner_hi", "")),
            "date": date_format(day, "j M Y") if day else "",
            "fair": bilingual(params.get("fair_en", ""), params.get("fair_hi", "")),
            "space": bilingual(params.get("space_en", ""), params.get("space_hi", "")),
            "exhibitor": params.get("exhibitor", ""),
            "place": self._place(params),
            "position": number_format(params.get("position") or 0),
            "reason": params.get("reason", ""),
            "more": self._more(params),
            "until": self._until(params),
            "number": params.get("number", ""),
            "amount": self._amount(params),
        }
        template = self.TEXTS.get(self.code)
        return str(template) % values if template else self.code

    @staticmethod
    def _place(params: dict) -> str:
        if params.get("stall"):
            return _("stall %(number)s") % {"number": params["stall"]}
        if params.get("area"):
            return _("%(area)s m²") % {"area": number_format(Decimal(params["area"]))}
        return ""

    @staticmethod
    def _amount(params: dict) -> str:
        if not params.get("amount"):
            return ""
        return inr(params["amount"])

    @staticmethod
    def _until(params: dict) -> str:
        moment = parse_datetime(params.get("until") or "")
        return date_format(timezone.localtime(moment), "j M Y, H:i") if moment else ""

    @staticmethod
    def _more(params: dict) -> str:
        if params.get("area"):
            return _("%(area)s m²") % {"area": number_format(Decimal(params["area"]))}
        count = params.get("count") or 0
        return ngettext("%(count)s stall", "%(count)s stalls", count) % {"count": count}

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class OutgoingEmail(models.Model):
    """An e-mail on its way: the outbox.

    Written in the transaction of the work that sends it, so it leaves only if that work is
    saved, and never lost while the broker or the mail server is away: a worker sends it,
    and the sweeper (Celery beat, every minute) takes up whatever is still waiting.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    subject = models.CharField(_("subject"), max_length=255)
    # Emptied once sent: a password-reset link must not stay readable in the database.
    body = models.TextField(_("body"), blank=True)
    recipients = models.JSONField(_("recipients"), default=list)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("being sent since"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        default_permissions = []
        indexes = [
            # The sweeper: e-mail waiting whose next attempt is due.
            models.Index(fields=["status", "next_attempt_at"], name="notifications_outbox_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "sending", "sent", "failed"]),
                name="notifications_outgoingemail_status_valid",
                violation_error_message=_("Choose a status."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject
