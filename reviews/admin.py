"""Admin for cell officers: meetings with their agenda, action points, status reports.

Writes go through reviews.services; compliance updates and report jobs are read-only here
(a report is requested from the meeting page or by the admin action, approved by an action).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from core.admin import ScopedAdminMixin
from core.audit.admin import AuditedAdminMixin
from core.exceptions import ApplicationError
from reviews.forms import person_label
from reviews.models import ActionPoint, AgendaItem, ComplianceUpdate, Meeting, ReportJob
from reviews.services.meetings import (
    action_point_save,
    agenda_item_delete,
    agenda_item_save,
    meeting_save,
)
from reviews.services.reports import report_approve, report_request


class PeopleByNameMixin:
    """People in the lists by name and role (``person_label``), not by user name."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.related_model is User:
            field.label_from_instance = person_label
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.related_model is User:
            field.label_from_instance = person_label
        return field


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "title_en", "title_hi", "fair", "mou", "district"]
    autocomplete_fields = ["district"]
    extra = 0


class ActionPointInline(admin.TabularInline):
    model = ActionPoint
    fields = ["number", "text_en", "owner_officer", "district", "due_on", "status"]
    readonly_fields = fields
    show_change_link = True
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner_officer", "district")


@admin.register(Meeting)
class MeetingAdmin(PeopleByNameMixin, AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title_en", "held_at", "chair", "venue", "status", "point_count"]
    list_filter = ["status", "chair"]
    search_fields = ["title_en", "title_hi", "venue"]
    date_hierarchy = "held_at"
    filter_horizontal = ["attendees"]
    inlines = [AgendaItemInline, ActionPointInline]
    actions = ["request_english_report", "request_hindi_report"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(point_total=Count("action_points"))

    @admin.display(description=_("action points"), ordering="point_total")
    def point_count(self, obj):
        return obj.point_total

    def save_model(self, request, obj, form, change):
        meeting_save(meeting=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not AgendaItem:
            return super().save_formset(request, form, formset, change)
        for item in formset.save(commit=False):
            agenda_item_save(item=item, user=request.user)
        for item in formset.deleted_objects:
            agenda_item_delete(item=item, user=request.user)
        return None

    def _request(self, request, queryset, language):
        for meeting in queryset:
            try:
                report_request(meeting=meeting, language=language, user=request.user)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, str(error), messages.ERROR)
                return
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "A report of %(count)d meeting is being prepared.",
                "Reports of %(count)d meetings are being prepared.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Prepare the status report in English"), permissions=["report"])
    def request_english_report(self, request, queryset):
        self._request(request, queryset, ReportJob.Language.ENGLISH)

    @admin.action(description=_("Prepare the status report in Hindi"), permissions=["report"])
    def request_hindi_report(self, request, queryset):
        self._request(request, queryset, ReportJob.Language.HINDI)

    def has_report_permission(self, request):
        return request.user.has_perm("reviews.add_reportjob")


class ComplianceUpdateInline(admin.TabularInline):
    model = ComplianceUpdate
    fields = ["on", "status", "text_en", "text_hi", "reason_en", "reason_hi", "by"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


@admin.register(ActionPoint)
class ActionPointAdmin(PeopleByNameMixin, AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "meeting",
        "owner_display",
        "due_on",
        "status",
        "delay_reason_display",
    ]
    list_select_related = ["meeting", "owner_officer", "district"]
    list_filter = ["status", "meeting"]
    search_fields = ["text_en", "text_hi", "district__name_en"]
    autocomplete_fields = ["district"]
    fields = [
        "meeting",
        "number",
        "text_en",
        "text_hi",
        "owner_officer",
        "district",
        "due_on",
        "fair",
        "mou",
        "status",
        "delay_reason_en",
        "delay_reason_hi",
        "resolved_on",
    ]
    readonly_fields = ["status", "delay_reason_en", "delay_reason_hi", "resolved_on"]
    inlines = [ComplianceUpdateInline]

    @admin.display(description=_("owner"))
    def owner_display(self, obj):
        return obj.owner

    @admin.display(description=_("reason for delay"))
    def delay_reason_display(self, obj):
        # Through format_html so that a reason in the other language keeps its marker.
        return format_html("{}", obj.delay_reason)

    def save_model(self, request, obj, form, change):
        action_point_save(action_point=obj, user=request.user)


@admin.register(ComplianceUpdate)
class ComplianceUpdateAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["action_point", "on", "status", "by"]
    list_select_related = ["action_point", "by"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportJob)
class ReportJobAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "meeting",
        "language",
        "version",
        "status",
        "attempts",
        "data_cutoff",
        "requested_by",
        "approved_by",
    ]
    list_select_related = ["meeting", "requested_by", "approved_by"]
    list_filter = ["status", "language", "trigger"]
    # The file is reached through the permission-checked download page, never a media URL.
    exclude = ["file"]
    readonly_fields = ["download"]
    actions = ["approve"]

    @admin.display(description=_("PDF file"))
    def download(self, obj):
        if obj.status != ReportJob.Status.SUCCEEDED:
            return "—"
        url = reverse("reviews:report_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.download_name)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Approve the selected reports"), permissions=["approve"])
    def approve(self, request, queryset):
        for job in queryset:
            try:
                report_approve(job=job, user=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{job}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, _("Approved: %(job)s") % {"job": job})

    def has_approve_permission(self, request):
        return request.user.has_perm("reviews.approve_reportjob")
