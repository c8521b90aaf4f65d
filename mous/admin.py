"""Admin for cell officers: MoUs with their timeline, deliverables, documents, reminders.

Writes go through mous.services; the history, the reminders and saved progress entries
are read-only here.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import ScopedAdminMixin
from core.audit.admin import AuditedAdminMixin
from mous.forms import HINDI_HELP
from mous.models import (
    OPEN_STAGES,
    Deliverable,
    MoU,
    MoUDocument,
    MoUReminder,
    MoUStageChange,
    ProgressEntry,
    Stage,
    Staleness,
)
from mous.services import mou_create, mou_document_add, mou_update, progress_entry_add

STALE_CSS = {"all": ["css/mous.css"]}


class ReadOnlyAdminMixin:
    """Nobody, not even a superuser, adds, changes or deletes these rows in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StalenessFilter(admin.SimpleListFilter):
    title = _("up to date?")
    parameter_name = "staleness"

    def lookups(self, request, model_admin):
        return Staleness.choices

    def queryset(self, request, queryset):
        if self.value() in Staleness.values:
            return queryset.filter(staleness=self.value())
        return queryset


def staleness_badge(obj):
    label = Staleness(obj.staleness).label
    return format_html('<span class="stale stale-{}">{}</span>', obj.staleness, label)


class StageChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = MoUStageChange
    verbose_name_plural = _("timeline")
    fields = [
        "changed_at",
        "from_stage",
        "to_stage",
        "changed_by",
        "note_en",
        "note_hi",
        "next_step_en",
        "next_step_hi",
        "reason",
    ]
    readonly_fields = fields
    ordering = ["-changed_at", "-pk"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")


class DeliverableInline(admin.TabularInline):
    model = Deliverable
    fields = ["kind", "description", "district", "target", "due_on", "achieved_display"]
    readonly_fields = ["achieved_display"]
    autocomplete_fields = ["district"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).with_achieved().select_related("district")

    @admin.display(description=_("achieved"))
    def achieved_display(self, obj):
        if obj.pk is None:
            return "—"
        return f"{obj.achieved} ({obj.percent_achieved}%)"


class MoUAdminForm(forms.ModelForm):
    note_en = forms.CharField(
        label=_("Note (English)"),
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
        help_text=_("How the MoU came about; the first entry of its timeline."),
    )
    note_hi = forms.CharField(
        label=_("Note (Hindi)"),
        widget=forms.Textarea(attrs={"rows": 3, "lang": "hi"}),
        required=False,
        help_text=HINDI_HELP,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new MoU is recorded at an open stage; it is closed later with a reason.
        self.fields["stage"].choices = [(s.value, s.label) for s in Stage if s in OPEN_STAGES]

    class Meta:
        model = MoU
        fields = [
            "partner",
            "title_en",
            "title_hi",
            "purpose_en",
            "purpose_hi",
            "nodal_officer",
            "stage",
            "signed_on",
            "valid_from",
            "valid_until",
        ]


@admin.register(MoU)
class MoUAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "title_en",
        "partner",
        "partner_kind",
        "stage",
        "days_in_stage",
        "staleness_flag",
        "next_step_display",
        "valid_until",
    ]
    list_filter = ["stage", "partner__kind", StalenessFilter]
    list_select_related = ["partner"]
    search_fields = ["title_en", "title_hi", "partner__name_en", "partner__name_hi"]
    autocomplete_fields = ["partner"]
    inlines = [DeliverableInline, StageChangeInline]
    add_fields = [
        "partner",
        ("title_en", "title_hi"),
        ("purpose_en", "purpose_hi"),
        "nodal_officer",
        "stage",
        ("signed_on", "valid_from", "valid_until"),
        ("note_en", "note_hi"),
    ]
    change_fields = [
        "partner",
        ("title_en", "title_hi"),
        ("purpose_en", "purpose_hi"),
        "nodal_officer",
        ("stage_with_link", "stage_changed_at", "last_update_at"),
        ("next_step_en", "next_step_hi"),
        ("signed_on", "valid_from", "valid_until"),
    ]

    class Media:
        css = STALE_CSS

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = MoUAdminForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return self.add_fields if obj is None else self.change_fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "stage_with_link",
            "stage_changed_at",
            "last_update_at",
            "next_step_en",
            "next_step_hi",
        ]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else [DeliverableInline]

    def save_model(self, request, obj, form, change):
        if change:
            mou_update(mou=obj, user=request.user)
        else:
            mou_create(
                mou=obj,
                note_en=form.cleaned_data["note_en"],
                note_hi=form.cleaned_data["note_hi"],
                user=request.user,
            )

    @admin.display(description=_("kind"), ordering="partner__kind")
    def partner_kind(self, obj):
        return obj.partner.get_kind_display()

    @admin.display(description=_("days in stage"), ordering="stage_changed_at")
    def days_in_stage(self, obj):
        return obj.days_in_stage

    @admin.display(description=_("up to date?"), ordering="last_update_at")
    def staleness_flag(self, obj):
        return staleness_badge(obj)

    @admin.display(description=_("next step"), ordering="next_step_en")
    def next_step_display(self, obj):
        # Through format_html, so a fallback keeps its marker (the admin shows str() else).
        return format_html("{}", obj.next_step)

    @admin.display(description=_("stage"))
    def stage_with_link(self, obj):
        return format_html(
            '{} · <a href="{}">{}</a>',
            obj.get_stage_display(),
            reverse("mous:stage_move", args=[obj.pk]),
            _("Change stage or add a note"),
        )


class ProgressEntryInline(admin.TabularInline):
    """Saved entries are a record and stay as they are; new ones go through the service, and
    corrections through the MoU page's "Correct" (both values are listed here)."""

    model = ProgressEntry
    fields = ["on", "value", "note", "recorded_by", "correction"]
    readonly_fields = ["recorded_by", "correction"]
    ordering = ["-on", "-pk"]
    extra = 1

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("recorded_by", "corrects", "corrected_by")
        )

    @admin.display(description=_("correction"))
    def correction(self, obj):
        if obj.pk is None:
            return "—"
        # A reverse one-to-one raises (an AttributeError) when no correction exists.
        superseded = getattr(obj, "corrected_by", None)
        if superseded is not None:
            return _("Superseded: corrected to %(value)s") % {"value": superseded.value}
        if obj.corrects_id:
            return _("Corrects %(value)s: %(reason)s") % {
                "value": obj.corrects.value,
                "reason": obj.reason,
            }
        return "—"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Deliverable)
class DeliverableAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "mou", "kind", "district", "target", "achieved", "percent"]
    list_filter = ["kind", "mou__partner__kind"]
    list_select_related = ["mou", "district"]
    search_fields = ["mou__title_en", "mou__partner__name_en", "description"]
    autocomplete_fields = ["mou", "district"]
    fields = ["mou", "kind", "description", "district", "target", "due_on"]
    inlines = [ProgressEntryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_achieved()

    @admin.display(description=_("achieved"), ordering="achieved")
    def achieved(self, obj):
        return obj.achieved

    @admin.display(description=_("percent achieved"))
    def percent(self, obj):
        return f"{obj.percent_achieved}%"

    def save_formset(self, request, form, formset, change):
        if formset.model is not ProgressEntry:
            return super().save_formset(request, form, formset, change)
        for entry in formset.save(commit=False):
            progress_entry_add(
                deliverable=form.instance,
                on=entry.on,
                value=entry.value,
                note=entry.note,
                user=request.user,
            )
        return None


@admin.register(MoUDocument)
class MoUDocumentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "mou", "kind", "size", "uploaded_by", "created_at", "download"]
    list_filter = ["kind"]
    list_select_related = ["mou", "uploaded_by"]
    search_fields = ["title", "mou__title_en", "mou__partner__name_en"]
    autocomplete_fields = ["mou"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["mou", "kind", "title", "file"]
        return ["mou", "kind", "title", "download", "size", "uploaded_by", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        # A stored document is replaced by uploading a new one, never edited in place.
        return False

    def save_model(self, request, obj, form, change):
        mou_document_add(document=obj, user=request.user)

    @admin.display(description=_("file"))
    def download(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("mous:document_download", args=[obj.pk]), _("Download")
        )


@admin.register(MoUStageChange)
class MoUStageChangeAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["changed_at", "mou", "from_stage", "to_stage", "changed_by", "note_display"]
    list_filter = ["to_stage"]
    list_select_related = ["mou", "changed_by"]
    search_fields = ["mou__title_en", "note_en", "note_hi"]
    date_hierarchy = "changed_at"

    @admin.display(description=_("note"))
    def note_display(self, obj):
        return format_html("{}", obj.note)


@admin.register(MoUReminder)
class MoUReminderAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "mou", "kind", "concerns_on", "recipient"]
    list_filter = ["kind"]
    list_select_related = ["mou", "recipient"]
