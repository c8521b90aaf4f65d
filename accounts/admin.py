from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.services import user_sync_role
from core.admin import ScopedAdminMixin
from core.audit.admin import AuditedAdminMixin
from core.audit.services import audit_changed, audit_created


@admin.register(User)
class UserAdmin(AuditedAdminMixin, ScopedAdminMixin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "district", "is_active"]
    list_filter = ["role", "is_active", ("district__division", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["district"]
    search_fields = ["username", "first_name", "last_name", "email", "district__name_en"]
    autocomplete_fields = ["district"]
    readonly_fields = ["groups", "is_staff", "last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email", "designation"]}),
        (_("Role"), {"fields": ["role", "district", "language"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "role",
                    "district",
                    "password1",
                    "password2",
                ],
            },
        )
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")
        return fields

    def save_model(self, request, obj, form, change):
        # The audit row is written in save_related, once the role has set admin access, so
        # one save leaves one row with the final values.
        obj._audit_before = self._before(obj) if change else None
        super(AuditedAdminMixin, self).save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Groups and admin access follow the role; they are not edited by hand.
        user_sync_role(user=form.instance)
        before = getattr(form.instance, "_audit_before", None)
        if change:
            audit_changed(form.instance, before=before or {}, user=request.user)
        else:
            audit_created(form.instance, user=request.user)
