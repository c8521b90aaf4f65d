"""Daily sales of allocated places."""

from django.contrib import admin

from core.admin import LongListAdminMixin, ScopedAdminMixin
from core.audit.admin import AuditedAdminMixin
from stalls.admin.common import ReadOnlyAdminMixin, RecentFairFilter
from stalls.models import DailySale


@admin.register(DailySale)
class DailySaleAdmin(
    LongListAdminMixin, AuditedAdminMixin, ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    list_display = ["date", "allocation", "district", "fair", "amount", "enquiries", "export_leads"]
    list_filter = [RecentFairFilter, "district__division"]
    list_select_related = [
        "allocation__stall",
        "allocation__nomination__exhibitor",
        "district",
        "fair",
    ]
    search_fields = ["allocation__nomination__exhibitor__name", "district__name_en"]
    date_hierarchy = "date"
    list_per_page = 100
    # Newest first, read through the primary key's index: the model's own order (by fair date,
    # space and stall) sorts every row of ten years before showing the first hundred.
    ordering = ["-pk"]
