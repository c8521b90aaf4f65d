from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.utils import timezone
from django.views.generic import TemplateView

from core.fragments import CachedBodyMixin
from core.scoping import scoped_rows
from dashboard.filters import DashboardFilterForm, fairs_in_view
from dashboard.maps import ATTRIBUTION, district_shapes
from dashboard.selectors import dashboard_data, district_participation, home_overview
from districts.masterdata import master_data
from districts.models import District, Product
from reviews.selectors import action_point_summary
from stalls.selectors import district_fair_rows, sales_groups, sales_summary


class HomeView(CachedBodyMixin, LoginRequiredMixin, TemplateView):
    """Each role's landing page: the programme dashboard for state-wide roles, the district's
    own dashboard for district staff."""

    def get_template_names(self):
        if self.request.user.is_district_staff:
            return ["dashboard/home_district.html"]
        return ["dashboard/dashboard.html"]

    @property
    def body_template(self) -> str:
        if self.request.user.is_district_staff:
            return "dashboard/includes/home_district_body.html"
        return "dashboard/includes/dashboard_body.html"

    def get_body_context(self, context):
        user = self.request.user
        form = DashboardFilterForm(self.request.GET or None, user=user)
        selection = form.selection()
        context["filter_form"] = form
        if user.is_district_staff:
            context.update(self._district(user, selection, form.fairs))
        else:
            context.update(dashboard_data(user=user, selection=selection, fairs=form.fairs))
            context["overview"] = home_overview(user=user)
            context["map_size"] = district_shapes()[1]
            context["map_attribution"] = ATTRIBUTION
        return context

    def _district(self, user, selection, all_fairs) -> dict:
        # The user's own district, with its division and products, from the master data
        # through the scoping rule (404 without the permission to see it).
        master = master_data()
        district = next(iter(scoped_rows(master.districts, user, District)), None)
        if district is None:
            raise Http404
        products = scoped_rows(master.products, user, Product)
        fairs = fairs_in_view(selection, all_fairs)
        rows = district_fair_rows(user=user, fairs=fairs)
        for fair in fairs:
            fair.district_rows = rows.get(fair.pk, [])
        groups = sales_groups(user=user, fair_ids=[f.pk for f in fairs])
        participation = district_participation(user=user, fairs=fairs, groups=groups)
        points = action_point_summary(user=user, before=timezone.now(), unresolved_only=True)
        return {
            "action_points": points,
            "district": district,
            "district_products": products,
            "fairs": fairs,
            "own": participation[0] if participation else None,
            "sales": sales_summary(groups),
            "colleagues": district.staff.filter(is_active=True).order_by(
                "first_name", "username", "pk"
            ),
        }
