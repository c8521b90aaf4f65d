from django.contrib import admin

from core.admin import ScopedAdminMixin
from core.audit.admin import AuditedAdminMixin
from events.models import Activity, Recipient


class RecipientInline(admin.TabularInline):
    model = Recipient
    fields = ["exhibitor", "name", "district", "given"]
    autocomplete_fields = ["exhibitor", "district"]
    extra = 0


@admin.register(Activity)
class ActivityAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = [
        "title_en",
        "title_hi",
        "fair",
        "kind",
        "date",
        "start_time",
        "place",
        "is_ready",
    ]
    list_filter = ["kind", "is_ready", "fair"]
    list_select_related = ["fair"]
    search_fields = ["title_en", "title_hi", "fair__name_en"]
    autocomplete_fields = ["fair"]
    inlines = [RecipientInline]


@admin.register(Recipient)
class RecipientAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "district", "given", "activity"]
    list_filter = ["activity__kind", ("district__division", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["exhibitor", "district", "activity__fair"]
    search_fields = ["name", "exhibitor__name", "given"]
    autocomplete_fields = ["activity", "exhibitor", "district"]
