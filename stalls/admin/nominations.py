"""Nominations, allocations and the overrides that jumped the queue."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import LongListAdminMixin, ScopedAdminMixin
from core.audit.admin import AuditedAdminMixin
from core.exceptions import ApplicationError
from stalls.admin.common import ReadOnlyAdminMixin, RecentFairFilter, _with_reason
from stalls.models import Allocation, Nomination, Override
from stalls.services import (
    allocation_cancel,
    allocations_in_waiting_list_order,
    nomination_approve,
    nomination_reject,
)


class WaitingFilter(admin.SimpleListFilter):
    title = _("needs action")
    parameter_name = "needs"

    def lookups(self, request, model_admin):
        return [("decision", _("Awaiting decision")), ("place", _("Awaiting a place"))]

    def queryset(self, request, queryset):
        if self.value() == "decision":
            return queryset.filter(status=Nomination.Status.SUBMITTED)
        if self.value() == "place":
            return queryset.awaiting_place()
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
        counts = {"approved": 0, "waitlisted": 0, "in_draw": 0}
        for nomination in queryset.filter(status=Nomination.Status.SUBMITTED):
            try:
                result = nomination_approve(nomination=nomination, user=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{nomination}: {error}", messages.ERROR)
                continue
            counts[result.status] += 1
        self.message_user(
            request,
            _(
                "%(approved)s approved; %(waitlisted)s put on the waiting list (no place "
                "free); %(in_draw)s entered in the draw of lots."
            )
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
            queryset.active(),
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
