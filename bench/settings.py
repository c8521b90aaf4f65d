"""Settings of the benchmark server: the production settings, plus the two floors (bench.urls)
and a header giving each response's number of database queries (bench.middleware).

Everything else — middleware, sessions, cache, templates, database with persistent
connections — is what production runs, so the floors pay exactly what the figures pay.
"""

import os

from odop_portal.settings import *  # noqa: F403
from odop_portal.settings import INSTALLED_APPS, MIDDLEWARE, STORAGES

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.query_count", *MIDDLEWARE]

# The smoke test (tests/bench) skips collectstatic: static files are served from the source
# folders. Its times are never compared; `make bench` always runs with the production storage.
if os.environ.get("BENCH_STATIC_FINDERS") == "1":
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    WHITENOISE_USE_FINDERS = True
