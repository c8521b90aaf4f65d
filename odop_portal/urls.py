from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core.health import favicon, healthz, livez

admin.site.site_header = _("ODOP Portal administration")
admin.site.site_title = _("ODOP Portal")
admin.site.index_title = _("ODOP cell")

urlpatterns = [
    path("", include("dashboard.urls")),
    path("accounts/", include("accounts.urls")),
    path("districts/", include("dashboard.district_urls")),
    path("fairs/", include("dashboard.fair_urls")),
    path("", include("stalls.urls")),
    path("exhibitors/", include("exhibitors.urls")),
    path("mous/", include("mous.urls")),
    path("claims/", include("claims.urls")),
    path("", include("passes.urls")),
    path("notifications/", include("notifications.urls")),
    path("draws/", include("stalls.draw_urls")),
    path("guide/", include("dashboard.guide_urls")),
    path("open-data/", include("dashboard.open_data_urls")),
    path("calendar/", include("dashboard.calendar_urls")),
    path("reviews/", include("reviews.urls")),
    path("api/", include("odop_portal.api_urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("livez", livez, name="livez"),
    path("favicon.ico", favicon, name="favicon"),
]

# Under /api/ these answer the API's JSON error shape (core/errors.py).
handler400 = "core.errors.handler400"
handler404 = "core.errors.handler404"
handler500 = "core.errors.handler500"
