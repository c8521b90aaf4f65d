"""WSGI entry point (gunicorn odop_portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

from odop_portal.startup import run_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odop_portal.settings")

application = run_or_exit(get_wsgi_application)
