"""The API: /api/v1/… for the records, /api/schema/ (OpenAPI 3) and /api/docs/ (Swagger UI,
served from static files, no CDN)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

APPS = [
    "accounts",
    "districts",
    "events",
    "exhibitors",
    "stalls",
    "partners",
    "mous",
    "notifications",
    "reviews",
]

v1 = [path("", include(f"{app}.api.urls")) for app in APPS]

urlpatterns = [
    path("v1/", include((v1, "v1"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    # The split view serves its start-up script as a file: no inline script, so the CSP holds.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
