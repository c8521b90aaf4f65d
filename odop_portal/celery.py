"""The Celery application; settings come from Django's, under the CELERY_ prefix."""

import os

from celery import Celery

from odop_portal.startup import install_config_error_hook

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odop_portal.settings")
install_config_error_hook()

app = Celery("odop_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
