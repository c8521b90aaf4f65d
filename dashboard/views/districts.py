from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.paginator import Paginator
from django.utils import timezone
from django.views.generic import DetailView, ListView

from claims.selectors import claims_pipeline
from core.fragments import CachedBodyMixin
from districts.filtersets import DistrictFilterSet
from districts.selectors import district_get, district_list
from stalls.selectors import district_fair_history, district_last_update


class DistrictListView(CachedBodyMixin, LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "districts.view_district"
    template_name = "districts/district_list.html"
    body_template = "districts/includes/district_list_body.html"
    context_object_name = "districts"

    def get_queryset(self):
        self.filterset = DistrictFilterSet(
            self.request.GET or None, queryset=district_list(user=self.request.user)
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            # Unknown filter values show the unfiltered list, with the form's message.
            return self.filterset.queryset
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filterset=self.filterset, **kwargs)


class DistrictDetailView(CachedBodyMixin, LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    permission_required = "districts.view_district"
    template_name = "districts/district_detail.html"
    body_template = "districts/includes/district_detail_body.html"
    context_object_name = "district"

    def get_object(self, queryset=None):
        return district_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_body_context(self, context):
        user, district = self.request.user, self.object
        staff = district.staff.filter(is_active=True).order_by("first_name", "username", "pk")
        last_update = district_last_update(user=user, district=district)
        # Ten years hold hundreds of fairs: the newest 25 a page.
        history = Paginator(district_fair_history(user=user, district=district), 25)
        page = history.get_page(self.request.GET.get("page"))
        return dict(
            context,
            staff=staff,
            history=page.object_list,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            last_update=last_update,
            claims=claims_pipeline(user=user, district_id=district.pk)
            if user.has_perm("claims.view_claim")
            else None,
            days_since_update=(timezone.now() - last_update).days if last_update else None,
        )
