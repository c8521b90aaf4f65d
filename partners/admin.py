from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import ScopedAdminMixin
from core.audit.admin import AuditedAdminMixin
from partners.models import ContactPerson, Partner


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    fields = ["name", "designation", "phone", "email"]
    extra = 0


@admin.register(Partner)
class PartnerAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name_en", "name_hi", "short_name", "kind", "mou_count", "website"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_hi", "short_name", "contacts__name"]
    fields = [("name_en", "name_hi"), "short_name", "kind", "website", "address"]
    inlines = [ContactPersonInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mou_count=Count("mous"))

    @admin.display(description=_("MoUs"), ordering="mou_count")
    def mou_count(self, obj):
        return obj.mou_count
