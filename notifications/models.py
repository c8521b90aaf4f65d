"""In-portal notices for one user, rendered in the reader's language when shown."""

from django.conf import settings
from django.db import models
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from odop_portal.models import bilingual


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
        }
        template = self.TEXTS.get(self.code)
        return str(template) % values if template else self.code

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
