"""What the stalls admin pages share: read-only rows and actions that ask for a reason."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from core.exceptions import ApplicationError
from events.models import Fair


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


def _whole(value):
    return int(value) if value and str(value).isdigit() else None


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
