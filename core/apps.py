from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portal core")

    def ready(self):
        from core import fragments

        # Every write advances the data version that cached fragments are kept under.
        connection_created.connect(fragments.install, dispatch_uid="core.fragments.install")
        pre_migrate.connect(fragments.migration_started, sender=self)
        post_migrate.connect(fragments.migration_finished, sender=self)
