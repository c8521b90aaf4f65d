"""The audit log in the admin (read-only for everyone), and the hooks that make plain admin
saves, inline formsets and deletions of audited models leave their audit rows."""

from django.contrib import admin
from django.contrib.admin.views.main import PAGE_VAR
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.admin import NormalisedSearchMixin
from core.audit.models import AuditEntry
from core.audit.registry import audited_models
from core.audit.services import audit_changed, audit_created, audit_deleted, audit_snapshot

HISTORY_PAGE_SIZE = 100


class ContentTypeFilter(admin.SimpleListFilter):
    """Only the audited record types, by their names (no query for the choices)."""

    title = _("record type")
    parameter_name = "content_type"

    def lookups(self, request, model_admin):
        types = ContentType.objects.get_for_models(*audited_models())
        return sorted(
            ((str(types[m].pk), m._meta.verbose_name_plural) for m in audited_models()),
            key=lambda item: str(item[1]),
        )

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(content_type_id=self.value())
        return queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(NormalisedSearchMixin, admin.ModelAdmin):
    list_display = ["at", "user_display", "action", "content_type", "object_repr", "source"]
    list_filter = [ContentTypeFilter, "action", "source", "at"]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "user_repr", "request_id", "=object_id"]
    date_hierarchy = "at"
    list_per_page = 100
    show_full_result_count = False
    fields = [
        "at",
        "user_display",
        "action",
        "record_link",
        "changes_table",
        "source",
        "request_id",
        "address",
    ]
    readonly_fields = fields

    def lookup_allowed(self, lookup, value, request=None):
        # The History page of a record links here filtered by its type and id.
        if lookup in {"object_id", "object_id__exact", "user__id__exact", "user_id"}:
            return True
        return super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}

    @admin.display(description=_("user"), ordering="user_repr")
    def user_display(self, obj):
        return obj.user_repr or "—"

    @admin.display(description=_("record"))
    def record_link(self, obj):
        model = obj.content_type.model_class()
        if model is None or obj.action == AuditEntry.Action.DELETE:
            return obj.object_repr
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.object_id]
        )
        return format_html('<a href="{}">{}</a>', url, obj.object_repr)

    @admin.display(description=_("changes"))
    def changes_table(self, obj):
        if not obj.changes:
            return "—"
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
            (
                (name, "—" if old in (None, "") else old, "—" if new in (None, "") else new)
                for name, (old, new) in sorted(obj.changes.items())
            ),
        )
        return format_html(
            "<table><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th>"
            "<th scope='col'>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("field"),
            _("before"),
            _("after"),
            rows,
        )


def audit_log_url(obj) -> str:
    """The audit log filtered to one record."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    query = urlencode({"content_type": content_type.pk, "object_id__exact": obj.pk})
    return f"{reverse('admin:audit_auditentry_changelist')}?{query}"


class AuditedAdminMixin(NormalisedSearchMixin):
    """For admins that save audited models themselves (plain ModelAdmin saves and inlines).

    save_model, save_formset, delete_model and delete_queryset record one audit row per
    record, in the admin's transaction. An admin whose save_model calls a service (which
    records the row itself) overrides save_model without calling this one, so nothing is
    recorded twice. The object's History page shows its audit trail with the diffs.
    """

    def _audited(self, model) -> bool:
        return model in audited_models()

    def save_model(self, request, obj, form, change):
        if not self._audited(type(obj)):
            return super().save_model(request, obj, form, change)
        before = self._before(obj) if change else None
        super().save_model(request, obj, form, change)
        if change:
            audit_changed(obj, before=before, user=request.user)
        else:
            audit_created(obj, user=request.user)
        return None

    def _before(self, obj) -> dict | None:
        # The form has already put the new values on obj: read the stored row.
        stored = type(obj)._base_manager.filter(pk=obj.pk).first()
        return audit_snapshot(stored) if stored is not None else None

    def save_formset(self, request, form, formset, change):
        if not self._audited(formset.model):
            return super().save_formset(request, form, formset, change)
        changed = [f.instance.pk for f in formset.initial_forms if f.has_changed()]
        stored = formset.model._base_manager.in_bulk(changed) if changed else {}
        before = {pk: audit_snapshot(obj) for pk, obj in stored.items()}
        for obj in [f.instance for f in formset.deleted_forms if f.instance.pk]:
            audit_deleted(obj, user=request.user)
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit_created(obj, user=request.user)
        for obj, _fields in formset.changed_objects:
            audit_changed(obj, before=before.get(obj.pk, {}), user=request.user)
        return None

    def delete_model(self, request, obj):
        with transaction.atomic():
            if self._audited(type(obj)):
                audit_deleted(obj, user=request.user)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            if self._audited(queryset.model):
                for obj in queryset:
                    audit_deleted(obj, user=request.user)
            super().delete_queryset(request, queryset)

    def history_view(self, request, object_id, extra_context=None):
        """The object's audit trail (who, when, from where, old → new) as its History."""
        entries = (
            AuditEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model),
                object_id=object_id if str(object_id).isdigit() else -1,
            )
            .select_related("user")
            .order_by("-at", "-pk")
        )
        paginator = self.get_paginator(request, entries, HISTORY_PAGE_SIZE)
        page = paginator.get_page(request.GET.get(PAGE_VAR, 1))
        context = {
            "action_list": page,
            "page_range": paginator.get_elided_page_range(page.number),
            "pagination_required": paginator.count > HISTORY_PAGE_SIZE,
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)
