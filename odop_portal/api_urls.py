"""The API: /api/v1/… for the records, /api/schema/ (OpenAPI 3) and /api/docs/ (Swagger UI,
served from static files, no CDN)."""

from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.errors import handler404

APPS = [
    "accounts",
    "districts",
    "events",
    "exhibitors",
    "stalls",
    "partners",
    "mous",
    "claims",
    "notifications",
    "reviews",
]

v1 = [path("", include(f"{app}.api.urls")) for app in APPS]

urlpatterns = [
    path("v1/", include((v1, "v1"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    # The split view serves its start-up script as a file: no inline script, so the CSP holds.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", metadata_class=None),
        name="api-docs",
    ),
    # Anything else under /api/ is the JSON 404 (with DEBUG on too, where Django would show
    # its HTML page instead of calling handler404).
    # CSRF-exempt: a client's write to an unknown address learns it is unknown, not that a
    # cookie it never had is missing.
    re_path(r"^", csrf_exempt(handler404), name="api-not-found"),
]
