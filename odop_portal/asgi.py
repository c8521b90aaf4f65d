"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from odop_portal.startup import run_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odop_portal.settings")

application = run_or_exit(get_asgi_application)
