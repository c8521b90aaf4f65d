"""The portal's admin site: Django's, refusing the methods its views do not offer.

Django's admin views read a POST as a submission and any other method as a GET, so a PUT,
PATCH, DELETE or OPTIONS answered the page (200) and its login page, a FormView, took a PUT
as a POST. Here they are 405 for everyone, as on the portal's pages (``core.views``).

In use once ``INSTALLED_APPS`` names ``core.admin_site.PortalAdminConfig`` instead of
``django.contrib.admin``; ``admin.site`` is then this site.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseNotAllowed
from django.views.decorators.http import require_http_methods

ADMIN_METHODS = ["GET", "HEAD", "POST"]


class PortalAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        return require_http_methods(ADMIN_METHODS)(super().admin_view(view, cacheable))

    @login_not_required
    def login(self, request, extra_context=None):
        if request.method not in ADMIN_METHODS:
            return HttpResponseNotAllowed(ADMIN_METHODS)
        return super().login(request, extra_context)


class PortalAdminConfig(AdminConfig):
    default_site = "core.admin_site.PortalAdminSite"
