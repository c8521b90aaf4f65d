from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "core.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from core.audit import context

        context.connect_task_signals()
