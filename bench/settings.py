"""Settings of the benchmark server: the production settings, plus the two floors (bench.urls)
and a header giving each response's number of database queries (bench.middleware).

Everything else — middleware, sessions, cache, templates, database with persistent
connections — is what production runs, so the floors pay exactly what the figures pay.
"""

from odop_portal.settings import *  # noqa: F403
from odop_portal.settings import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.query_count", *MIDDLEWARE]
