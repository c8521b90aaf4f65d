"""Fairs and their spaces. The fair changelist shows coverage and spaces number their stalls,
so they live with the stalls admin."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.audit.admin import AuditedAdminMixin
from core.exceptions import ApplicationError
from events.models import MAX_RETENTION_EDITIONS, Activity, Fair, Space
from events.services import fair_set_status, weekend_programmes_create
from stalls.models import ReservedShare
from stalls.selectors import coverage_for_fairs
from stalls.services import (
    allocation_rule_problem,
    allocation_rule_set,
    coverage_first_problem,
    coverage_first_set,
    reserved_shares_problem,
    stalls_fill,
)


class SpaceInline(admin.TabularInline):
    model = Space
    fields = [
        "name_en",
        "name_hi",
        "measure",
        "is_odop",
        "allocation_method",
        "capacity_units",
        "capacity_area",
        "charge",
        "charge_gst_percent",
        "stall_count",
        "allotted_units",
        "allotted_area",
        "allocated_units",
        "allocated_area",
    ]
    readonly_fields = [
        "allocation_method",
        "stall_count",
        "allotted_units",
        "allotted_area",
        "allocated_units",
        "allocated_area",
    ]
    extra = 0


class ActivityInline(admin.TabularInline):
    model = Activity
    fields = [
        "kind",
        "title_en",
        "title_hi",
        "date",
        "start_time",
        "end_time",
        "place",
        "responsible_officer",
        "is_ready",
    ]
    extra = 0


def _status_action(status, label):
    def action(modeladmin, request, queryset):
        for fair in queryset:
            try:
                fair_set_status(fair=fair, status=status, user=request.user)
            except ApplicationError as error:
                modeladmin.message_user(request, f"{fair}: {error}", messages.ERROR)
            else:
                modeladmin.message_user(request, f"{fair}: {Fair.Status(status).label}")

    action.__name__ = f"set_{status}"
    return admin.action(description=label)(action)


@admin.register(Fair)
class FairAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = [
        "name_en",
        "name_hi",
        "kind",
        "city",
        "start_date",
        "end_date",
        "status",
        "districts_represented",
        "products_represented",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["name_en", "name_hi", "city", "venue_en", "venue_hi"]
    date_hierarchy = "start_date"
    readonly_fields = ["status"]
    autocomplete_fields = ["nodal_officer", "previous_edition"]
    inlines = [SpaceInline, ActivityInline]
    actions = [
        _status_action(Fair.Status.NOMINATIONS_OPEN, _("Open nominations")),
        _status_action(Fair.Status.ALLOCATION, _("Start allocation")),
        _status_action(Fair.Status.LIVE, _("Mark as live")),
        _status_action(Fair.Status.CONCLUDED, _("Mark as concluded")),
        _status_action(Fair.Status.CANCELLED, _("Cancel")),
        "weekend_programmes",
    ]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # The coverage columns come from the one coverage selector, for the page's fairs at once.
        fairs = list(changelist.result_list)
        coverage = coverage_for_fairs([fair.pk for fair in fairs])
        for fair in fairs:
            fair.coverage = coverage[fair.pk]
        return changelist

    @admin.display(description=_("districts represented"))
    def districts_represented(self, fair):
        return f"{fair.coverage.district_count} / 75" if hasattr(fair, "coverage") else "—"

    @admin.display(description=_("ODOP products represented"))
    def products_represented(self, fair):
        return fair.coverage.product_count if hasattr(fair, "coverage") else "—"

    @admin.action(description=_("Add cultural programmes on every Saturday and Sunday"))
    def weekend_programmes(self, request, queryset):
        for fair in queryset:
            made = weekend_programmes_create(
                fair=fair,
                title_en="Cultural programme",
                title_hi="सांस्कृतिक कार्यक्रम",
                start_time=datetime.time(18, 0),
                end_time=datetime.time(20, 0),
                place=fair.venue_en,
                user=request.user,
            )
            self.message_user(
                request,
                ngettext(
                    "%(fair)s: %(count)s programme added.",
                    "%(fair)s: %(count)s programmes added.",
                    len(made),
                )
                % {"fair": fair, "count": len(made)},
            )


class SpaceForm(forms.ModelForm):
    """The space with its allocation rule, which only allocation_rule_set changes: once
    allocation has started the change asks for a reason, and once the draw is published it
    is refused (the message stands at the field)."""

    rule_method = forms.ChoiceField(
        label=_("allocation rule"), choices=Space.Method.choices, initial=Space.Method.FIRST_COME
    )
    rule_retention = forms.IntegerField(
        label=_("retention window (editions)"),
        min_value=1,
        max_value=MAX_RETENTION_EDITIONS,
        initial=1,
        help_text=Space._meta.get_field("retention_editions").help_text,
    )
    rule_rotation = forms.IntegerField(
        label=_("rotation (editions)"),
        min_value=0,
        max_value=MAX_RETENTION_EDITIONS,
        initial=0,
        help_text=Space._meta.get_field("rotation_editions").help_text,
    )
    rule_coverage_first = forms.BooleanField(
        label=_("coverage first"),
        required=False,
        help_text=Space._meta.get_field("coverage_first").help_text,
    )
    rule_reason = forms.CharField(
        label=_("reason for changing the rule"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed once allocation has started in this space; kept with the change."),
    )

    class Meta:
        model = Space
        fields = [
            "fair",
            "name_en",
            "name_hi",
            "measure",
            "is_odop",
            "capacity_units",
            "capacity_area",
            "charge",
            "charge_gst_percent",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["rule_method"] = self.instance.allocation_method
            self.initial["rule_retention"] = self.instance.retention_editions
            self.initial["rule_rotation"] = self.instance.rotation_editions
            self.initial["rule_coverage_first"] = self.instance.coverage_first

    def clean(self):
        data = super().clean()
        if not self.instance.pk:
            problem = coverage_first_problem(
                method=data.get("rule_method"), coverage_first=data.get("rule_coverage_first")
            )
            if problem:
                self.add_error("rule_coverage_first", problem[2])
        rule_fields = ("rule_method", "rule_retention", "rule_rotation")
        if self.instance.pk and all(name in data for name in rule_fields):
            problem = allocation_rule_problem(
                space=Space.objects.get(pk=self.instance.pk),
                method=data["rule_method"],
                retention_editions=data["rule_retention"],
                rotation_editions=data["rule_rotation"],
                reason=data.get("rule_reason", ""),
            )
            saved = Space.objects.get(pk=self.instance.pk)
            coverage = data.get("rule_coverage_first", False)
            if not problem and coverage != saved.coverage_first:
                shares = dict(saved.reserved_shares.values_list("category", "percent"))
                # The rule as it will be once saved decides whether coverage first applies.
                saved.allocation_method = data["rule_method"]
                problem = reserved_shares_problem(
                    space=saved, shares=shares, coverage_first=coverage
                )
            if problem:
                field, _code, message = problem
                fields = {
                    "coverage_first": "rule_coverage_first",
                    "reason": "rule_reason",
                    "retention_editions": "rule_retention",
                    "rotation_editions": "rule_rotation",
                }
                self.add_error(fields.get(field, "rule_method"), message)
        return data


class ReservedShareFormSet(forms.BaseInlineFormSet):
    """The shares together, checked by the service's own rule: 100 % at most, stall spaces
    drawn by lots only, fixed once the draw is published."""

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms) or self.instance.pk is None:
            return
        shares = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data and not data.get("DELETE") and data.get("category"):
                shares[data["category"]] = data.get("percent") or 0
        saved = dict(self.instance.reserved_shares.values_list("category", "percent"))
        if shares == saved:
            return
        problem = reserved_shares_problem(
            space=Space.objects.get(pk=self.instance.pk), shares=shares
        )
        if problem:
            raise forms.ValidationError(problem[2])


class ReservedShareInline(admin.TabularInline):
    """Shares of the places reserved for priority categories in the space's draw of lots."""

    model = ReservedShare
    formset = ReservedShareFormSet
    fields = ["category", "percent"]
    extra = 0


@admin.register(Space)
class SpaceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = SpaceForm
    inlines = [ReservedShareInline]
    fieldsets = [
        (None, {"fields": ["fair", "name_en", "name_hi", "measure", "is_odop"]}),
        (_("Capacity"), {"fields": ["capacity_units", "capacity_area"]}),
        (_("Charges"), {"fields": ["charge", "charge_gst_percent"]}),
        (
            _("Allocation rule"),
            {
                "fields": [
                    "rule_method",
                    "rule_retention",
                    "rule_rotation",
                    "rule_coverage_first",
                    "rule_reason",
                    "rule_history",
                ]
            },
        ),
        (
            _("Counts"),
            {
                "fields": [
                    "stall_count",
                    "allotted_units",
                    "allotted_area",
                    "allocated_units",
                    "allocated_area",
                ]
            },
        ),
    ]
    list_display = [
        "name_en",
        "fair",
        "measure",
        "is_odop",
        "allocation_method",
        "capacity_units",
        "capacity_area",
        "stall_count",
        "allocated_units",
        "allocated_area",
    ]
    list_filter = ["measure", "is_odop", "fair"]
    list_select_related = ["fair"]
    search_fields = ["name_en", "name_hi", "fair__name_en"]
    readonly_fields = [
        "rule_history",
        "stall_count",
        "allotted_units",
        "allotted_area",
        "allocated_units",
        "allocated_area",
    ]
    autocomplete_fields = ["fair"]
    actions = ["number_stalls"]

    @admin.display(description=_("changes of the rule"))
    def rule_history(self, space):
        changes = space.rule_changes.select_related("made_by") if space.pk else []
        return (
            format_html_join(
                mark_safe("<br>"),
                "{} · {} → {} · {} {}",
                (
                    (
                        date_format(timezone.localtime(change.made_at), "j M Y, H:i"),
                        change.get_method_before_display(),
                        change.get_method_after_display(),
                        change.made_by,
                        f"— {change.reason}" if change.reason else "",
                    )
                    for change in changes
                ),
            )
            or "—"
        )

    def save_model(self, request, obj, form, change):
        method = form.cleaned_data["rule_method"]
        retention = form.cleaned_data["rule_retention"]
        rotation = form.cleaned_data["rule_rotation"]
        if not change:
            obj.allocation_method, obj.retention_editions = method, retention
            obj.rotation_editions = rotation
            obj.coverage_first = form.cleaned_data["rule_coverage_first"]
        super().save_model(request, obj, form, change)
        if change:
            try:
                allocation_rule_set(
                    space=obj,
                    method=method,
                    retention_editions=retention,
                    rotation_editions=rotation,
                    reason=form.cleaned_data.get("rule_reason", ""),
                    user=request.user,
                )
                coverage_first_set(
                    space=obj, enabled=form.cleaned_data["rule_coverage_first"], user=request.user
                )
            except ApplicationError as error:
                self.message_user(request, str(error), messages.ERROR)

    @admin.action(description=_("Number the remaining stalls 1, 2, 3…"))
    def number_stalls(self, request, queryset):
        for space in queryset:
            try:
                made = stalls_fill(space=space, user=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{space}: {error}", messages.ERROR)
                continue
            self.message_user(
                request,
                ngettext(
                    "%(space)s: %(count)s stall numbered.",
                    "%(space)s: %(count)s stalls numbered.",
                    len(made),
                )
                % {"space": space, "count": len(made)},
            )
