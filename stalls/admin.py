from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import LongListAdminMixin, ScopedAdminMixin
from core.audit.admin import AuditedAdminMixin
from core.exceptions import ApplicationError
from events.models import Fair
from stalls.models import Allocation, Allotment, DailySale, Nomination, Override, Stall
from stalls.services import (
    allocation_cancel,
    allocations_in_waiting_list_order,
    allotment_problem,
    allotment_set,
    nomination_approve,
    nomination_reject,
    stalls_create,
)


class ReadOnlyAdminMixin:
    """Rows written only by the services (through the portal's pages and admin actions)."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


def _with_reason(modeladmin, request, queryset, title, apply):
    """Ask for a reason on an intermediate page, then apply the action to each row."""
    form = ReasonForm(request.POST if "reason" in request.POST else None)
    if form.is_valid():
        done = 0
        for obj in queryset:
            try:
                apply(obj, form.cleaned_data["reason"])
                done += 1
            except ApplicationError as error:
                modeladmin.message_user(request, f"{obj}: {error}", messages.ERROR)
        modeladmin.message_user(request, _("Done for %(count)s rows.") % {"count": done})
        return None
    return render(
        request,
        "admin/stalls/reason.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset,
            "action": request.POST.get("action"),
            "opts": modeladmin.model._meta,
        },
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


class RecentFairFilter(admin.SimpleListFilter):
    """Fairs not yet over and those of the last twelve months (ten years hold about 500: a
    list of them all is neither fast nor usable); any fair is still reached by its id, as the
    fair pages link here."""

    title = _("fair")
    parameter_name = "fair__id__exact"

    def lookups(self, request, model_admin):
        fairs = Fair.objects.exclude(status=Fair.Status.CANCELLED).filter(
            Q(end_date__gte=Fair.recent_since()) | Q(pk=_whole(self.value()))
        )
        return [
            (str(fair.pk), f"{fair.name} ({fair.start_date:%Y})")
            for fair in fairs.only("pk", "name_en", "name_hi", "start_date").order_by(
                "-start_date", "pk"
            )
        ]

    def queryset(self, request, queryset):
        fair_id = _whole(self.value())
        return queryset.filter(fair_id=fair_id) if fair_id is not None else queryset


def _whole(value):
    return int(value) if value and str(value).isdigit() else None


class WaitingFilter(admin.SimpleListFilter):
    title = _("needs action")
    parameter_name = "needs"

    def lookups(self, request, model_admin):
        return [("decision", _("Awaiting decision")), ("place", _("Awaiting a place"))]

    def queryset(self, request, queryset):
        if self.value() == "decision":
            return queryset.filter(status=Nomination.Status.SUBMITTED)
        if self.value() == "place":
            return queryset.filter(
                Q(status=Nomination.Status.APPROVED) | Q(status=Nomination.Status.WAITLISTED)
            )
        return queryset


@admin.register(Nomination)
class NominationAdmin(
    LongListAdminMixin, AuditedAdminMixin, ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    list_display = [
        "exhibitor",
        "district",
        "fair",
        "space",
        "status",
        "waitlisted_at",
        "created_at",
    ]
    list_filter = [
        WaitingFilter,
        "status",
        RecentFairFilter,
        "district__division",
    ]
    list_select_related = ["exhibitor", "district", "fair", "space"]
    search_fields = [
        "exhibitor__name",
        "exhibitor__mobile",
        "district__name_en",
        "district__name_hi",
    ]
    actions = ["approve", "reject", "allocate_in_order"]
    list_per_page = 100
    # Newest first, read through the primary key's index: the model's own order (by fair date,
    # space and stall) sorts every row of ten years before showing the first hundred.
    ordering = ["-pk"]

    @admin.action(description=_("Approve the selected nominations"), permissions=["change"])
    def approve(self, request, queryset):
        counts = {"approved": 0, "waitlisted": 0}
        for nomination in queryset.filter(status=Nomination.Status.SUBMITTED):
            try:
                result = nomination_approve(nomination=nomination, user=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{nomination}: {error}", messages.ERROR)
                continue
            counts[result.status] += 1
        self.message_user(
            request,
            _("%(approved)s approved; %(waitlisted)s put on the waiting list (no place free).")
            % counts,
        )

    @admin.action(
        description=_("Reject the selected nominations (asks for a reason)"), permissions=["change"]
    )
    def reject(self, request, queryset):
        return _with_reason(
            self,
            request,
            queryset,
            _("Reject nominations"),
            lambda nomination, reason: nomination_reject(
                nomination=nomination, reason=reason, user=request.user
            ),
        )

    @admin.action(
        description=_("Allocate free places in waiting-list order (spaces of the selected)"),
        permissions=["change"],
    )
    def allocate_in_order(self, request, queryset):
        spaces = {nomination.space for nomination in queryset.select_related("space")}
        made = 0
        for space in spaces:
            try:
                made += len(allocations_in_waiting_list_order(space=space, user=request.user))
            except ApplicationError as error:
                self.message_user(request, f"{space}: {error}", messages.ERROR)
        self.message_user(
            request,
            ngettext("%(count)s place allocated.", "%(count)s places allocated.", made)
            % {"count": made},
        )


@admin.register(Allocation)
class AllocationAdmin(
    LongListAdminMixin, AuditedAdminMixin, ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    list_display = ["place", "exhibitor", "district", "fair", "space", "status", "created_at"]
    list_filter = ["status", RecentFairFilter, "district__division"]
    list_select_related = ["stall", "nomination__exhibitor", "district", "fair", "space"]
    search_fields = ["stall__number", "nomination__exhibitor__name", "district__name_en"]
    actions = ["cancel"]
    list_per_page = 100
    # Newest first, read through the primary key's index: the model's own order (by fair date,
    # space and stall) sorts every row of ten years before showing the first hundred.
    ordering = ["-pk"]

    @admin.display(description=_("stall or area"), ordering="stall__position")
    def place(self, obj):
        return obj.stall.number if obj.stall_id else f"{obj.area} m²"

    @admin.display(description=_("exhibitor"), ordering="nomination__exhibitor__name")
    def exhibitor(self, obj):
        return obj.nomination.exhibitor

    @admin.action(
        description=_("Cancel the selected allocations (asks for a reason)"), permissions=["change"]
    )
    def cancel(self, request, queryset):
        return _with_reason(
            self,
            request,
            queryset.filter(status=Allocation.Status.ACTIVE),
            _("Cancel allocations"),
            lambda allocation, reason: allocation_cancel(
                allocation=allocation, reason=reason, user=request.user
            ),
        )


@admin.register(Override)
class OverrideAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["kind", "nomination", "reason", "detail", "made_by", "made_at"]
    list_filter = ["kind"]
    list_select_related = ["nomination__exhibitor", "nomination__fair", "made_by"]


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
