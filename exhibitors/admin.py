from django.contrib import admin

from core.admin import LongListAdminMixin, ScopedAdminMixin
from core.audit.admin import AuditedAdminMixin
from exhibitors.models import Exhibitor, PriorityClaim


class PriorityClaimInline(admin.TabularInline):
    """Priority categories with their evidence (award, GI tag, women-led…)."""

    model = PriorityClaim
    fields = ["category", "evidence", "issued_by"]
    extra = 0


@admin.register(Exhibitor)
class ExhibitorAdmin(LongListAdminMixin, AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    inlines = [PriorityClaimInline]
    list_display = ["name", "kind", "district", "product", "mobile", "udyam_number", "gstin"]
    list_filter = ["kind", "district__division", "district"]
    list_select_related = ["district", "product"]
    search_fields = ["name", "mobile", "udyam_number", "gstin", "contact_person"]
    autocomplete_fields = ["district", "product"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    list_per_page = 100

    def save_model(self, request, obj, form, change):
        # The admin form has run the model's checks (unique mobile, Udyam number, GSTIN and the
        # district's product); the creator is set here, never taken from the form.
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
