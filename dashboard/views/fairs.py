from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.views.generic import DetailView, ListView

from core.charts import bar_chart
from core.fragments import CachedBodyMixin
from core.templatetags.portal import inr
from events.models import Activity, Fair, Recipient
from passes.selectors import attendance_by_day
from stalls.selectors import (
    coverage_for_fairs,
    district_fair_rows,
    district_nominations,
    fair_coverage,
    fair_spaces,
    nominations_placed,
    sales_by_day,
    sales_totals,
)


class FairListView(CachedBodyMixin, LoginRequiredMixin, PermissionRequiredMixin, ListView):
    """Every fair with its progress; district staff see their district's allotments."""

    permission_required = "events.view_fair"
    template_name = "events/fair_list.html"
    body_template = "events/includes/fair_list_body.html"
    context_object_name = "fairs"
    paginate_by = 20  # newest first; ten years hold about 500 fairs

    def get_queryset(self):
        return Fair.objects.exclude(status=Fair.Status.CANCELLED).prefetch_related("spaces")

    def get_body_context(self, context):
        fairs = list(context["fairs"])
        user = self.request.user
        for fair in fairs:
            fair.programme_only = not fair.spaces.all()
        if user.is_district_staff:
            rows = district_fair_rows(user=user, fairs=fairs)
            for fair in fairs:
                fair.district_rows = rows.get(fair.pk, [])
        else:
            coverage = coverage_for_fairs([f.pk for f in fairs])
            for fair in fairs:
                fair.coverage = coverage[fair.pk]
        context["fairs"] = fairs
        return context


NOMINATIONS_PER_PAGE = 50


class FairDetailView(CachedBodyMixin, LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    permission_required = "events.view_fair"
    template_name = "events/fair_detail.html"
    body_template = "events/includes/fair_detail_body.html"
    context_object_name = "fair"

    def get_object(self, queryset=None):
        return get_object_or_404(Fair.objects.select_related("nodal_officer"), pk=self.kwargs["pk"])

    def get_body_context(self, context):
        fair, user = self.object, self.request.user
        # The programme with its recipients, read for the body only.
        recipients = Recipient.objects.select_related("exhibitor", "district")
        activities = Activity.objects.order_by("date", "start_time", "pk").prefetch_related(
            Prefetch("recipients", queryset=recipients)
        )
        prefetch_related_objects([fair], Prefetch("activities", queryset=activities))
        context["spaces"] = fair_spaces(fair=fair)
        # A fair with a programme and no space (UP Diwas) shows its programme and recipients,
        # with no stall, nomination or coverage figures that would read as a failed stall fair.
        context["programme_only"] = not context["spaces"]
        if context["programme_only"]:
            return context
        page = Paginator(district_nominations(user=user, fair=fair), NOMINATIONS_PER_PAGE)
        context["page_obj"] = page.get_page(self.request.GET.get("page"))
        context["is_paginated"] = context["page_obj"].has_other_pages()
        context["nominations"] = nominations_placed(context["page_obj"].object_list)
        context["sales"] = sales_totals(user=user, fair_ids=[fair.pk])
        context["can_nominate"] = user.has_perm("stalls.add_nomination") and (
            fair.status in Fair.NOMINATING or user.is_statewide
        )
        context["can_enter_sales"] = user.has_perm("stalls.add_dailysale")
        if user.is_district_staff:
            context["district_rows"] = district_fair_rows(user=user, fairs=[fair]).get(fair.pk, [])
        else:
            context["coverage"] = fair_coverage(fair=fair)
        if fair.status in Fair.SELLING and user.has_perm("passes.view_attendance"):
            context["attendance"] = attendance_by_day(user=user, fair=fair)
        if fair.status in Fair.SELLING and context["sales"].by_district:
            days = sales_by_day(user=user, fair=fair)
            context["sales_days"] = days
            context["sales_chart"] = bar_chart(
                [(date_format(d["date"], "j M"), d["amount"], inr(d["amount"])) for d in days]
            )
        return context
