"""The cell reads letters, attendance and print jobs here; they are made on the pages."""

from django.contrib import admin

from core.admin import ScopedAdminMixin
from passes.models import Attendance, Certificate, Credential, PrintJob


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Credential)
class CredentialAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ["__str__", "fair", "district", "place", "created_at"]
    list_filter = ["fair", "district"]
    list_select_related = ["fair", "district"]
    search_fields = ["allocation__nomination__exhibitor__name", "place"]
    exclude = ["code"]


@admin.register(Certificate)
class CertificateAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ["__str__", "recipient", "fair", "district", "created_at"]
    list_filter = ["fair", "district"]
    list_select_related = ["recipient", "fair", "district"]
    search_fields = ["recipient__name", "recipient__exhibitor__name"]
    exclude = ["code"]


@admin.register(Attendance)
class AttendanceAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ["credential", "day", "checked_in_at", "checked_in_by"]
    list_filter = ["day", "credential__fair"]
    list_select_related = ["credential", "checked_in_by"]
    date_hierarchy = "day"


@admin.register(PrintJob)
class PrintJobAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "fair", "allocation", "requested_by", "status", "count"]
    list_filter = ["status", "fair"]
    list_select_related = ["fair", "requested_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)
