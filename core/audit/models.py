"""The audit trail: one row per create, change or delete of a record, append-only."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")

    class Source(models.TextChoices):
        PAGE = "page", _("portal page")
        ADMIN = "admin", _("administration")
        API = "api", _("API")
        IMPORT = "import", _("spreadsheet import")
        TASK = "task", _("background task")
        COMMAND = "command", _("command")

    at = models.DateTimeField(_("at"), default=timezone.now)
    # No database constraint and nothing done on delete: the trail outlives the user (their
    # name is kept in user_repr) and a user's deletion never has to rewrite audit rows.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    user_repr = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("record type")
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    object_repr = models.CharField(_("record"), max_length=200)
    # {field: [old, new]}; old is null on create, new is null on delete.
    changes = models.JSONField(_("changes"), default=dict, encoder=DjangoJSONEncoder)
    source = models.CharField(_("from"), max_length=8, choices=Source.choices)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    address = models.GenericIPAddressField(_("client address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        # Read-only for everyone: no add, change or delete permission exists.
        default_permissions = ("view",)
        indexes = [
            # One record's history, newest first (the History page of every change form).
            models.Index(
                fields=["content_type", "object_id", "-at"], name="audit_object_history_idx"
            ),
            # What one user did, newest first (the changelist filtered by user).
            models.Index(fields=["user", "-at"], name="audit_user_history_idx"),
            # The whole log newest first, and its date filter.
            models.Index(fields=["-at", "-id"], name="audit_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.object_repr} — {self.get_action_display()}"

    @property
    def action_time(self):
        """For the admin's object history page, which lists entries by this name."""
        return self.at

    def get_change_message(self) -> str:
        """The diff as one line: ``status: submitted → approved; units: 2 → 3``."""
        parts = []
        for name, (old, new) in sorted(self.changes.items()):
            if self.action == self.Action.CREATE:
                parts.append(f"{name}: {_show(new)}")
            elif self.action == self.Action.DELETE:
                parts.append(f"{name}: {_show(old)}")
            else:
                parts.append(f"{name}: {_show(old)} → {_show(new)}")
        label = f"{self.get_action_display()} ({self.get_source_display()})"
        return f"{label}: {'; '.join(parts)}" if parts else str(label)


def _show(value) -> str:
    return "—" if value in (None, "") else str(value)
