"""Stalls and district allotments of a space."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.admin import ScopedAdminMixin
from core.audit.admin import AuditedAdminMixin
from core.exceptions import ApplicationError
from stalls.admin.common import ReadOnlyAdminMixin, _with_reason
from stalls.models import Allotment, AllotmentRequest, Stall
from stalls.services import (
    allotment_problem,
    allotment_request_grant,
    allotment_request_refuse,
    allotment_set,
    stalls_create,
)


@admin.register(Stall)
class StallAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["number", "space", "fair", "size", "zone"]
    list_filter = ["fair", "space"]
    list_select_related = ["space", "fair"]
    search_fields = ["number", "zone", "fair__name_en"]
    fields = ["space", "number", "size", "zone"]
    autocomplete_fields = ["space"]

    def get_readonly_fields(self, request, obj=None):
        return ["space"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        try:
            created = stalls_create(
                space=obj.space,
                numbers=[obj.number],
                size=obj.size,
                zone=obj.zone,
                user=request.user,
            )
        except ApplicationError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        obj.pk = created[0].pk


class AllotmentForm(forms.ModelForm):
    class Meta:
        model = Allotment
        fields = ["space", "district", "units", "area"]

    def clean(self):
        data = super().clean()
        if data.get("space") and data.get("district"):
            problem = allotment_problem(
                space=data["space"],
                district_id=data["district"].pk,
                units=data.get("units") or 0,
                area=data.get("area") or 0,
            )
            if problem:
                field, _code, message = problem
                self.add_error(field, message)
        return data

    def validate_unique(self):
        # allotment_set changes an existing allotment instead of adding a second one.
        pass


@admin.register(Allotment)
class AllotmentAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    form = AllotmentForm
    list_display = ["district", "space", "fair", "units", "area"]
    list_filter = ["space__fair", "district__division"]
    list_select_related = ["district", "space__fair"]
    search_fields = ["district__name_en", "district__name_hi", "space__name_en"]
    autocomplete_fields = ["space", "district"]

    @admin.display(description=_("fair"), ordering="space__fair__start_date")
    def fair(self, obj):
        return obj.space.fair

    def get_readonly_fields(self, request, obj=None):
        return ["space", "district"] if obj else []

    def save_model(self, request, obj, form, change):
        try:
            saved = allotment_set(
                space=obj.space,
                district=obj.district,
                units=obj.units,
                area=obj.area,
                user=request.user,
            )
        except ApplicationError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        obj.pk = saved.pk


@admin.register(AllotmentRequest)
class AllotmentRequestAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Districts' requests for more places, per space: grant (the allotment grows within the
    space) or refuse with a reason. Districts send them from the fair's page."""

    list_display = ["district", "space", "fair", "units", "area", "status", "created_at"]
    list_filter = ["status", "space__fair", "space"]
    list_select_related = ["district", "space__fair"]
    search_fields = ["district__name_en", "district__name_hi", "space__name_en", "reason"]
    actions = ["grant", "refuse"]

    @admin.display(description=_("fair"), ordering="space__fair__start_date")
    def fair(self, obj):
        return obj.space.fair

    @admin.action(description=_("Grant the selected requests"), permissions=["change"])
    def grant(self, request, queryset):
        for row in queryset.filter(status=AllotmentRequest.Status.REQUESTED):
            try:
                allotment_request_grant(request=row, user=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{row}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{row}: {AllotmentRequest.Status.GRANTED.label}")

    @admin.action(
        description=_("Refuse the selected requests (asks for a reason)"), permissions=["change"]
    )
    def refuse(self, request, queryset):
        return _with_reason(
            self,
            request,
            queryset.filter(status=AllotmentRequest.Status.REQUESTED),
            _("Refuse requests"),
            lambda row, reason: allotment_request_refuse(
                request=row, reason=reason, user=request.user
            ),
        )

    def has_change_permission(self, request, obj=None):
        # Decided through the actions only; the change page shows the request read-only.
        return super().has_change_permission(request, obj) and obj is None
