from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from dashboard.filters import DashboardFilterForm, fairs_in_view
from dashboard.maps import ATTRIBUTION, district_shapes
from dashboard.selectors import dashboard_data, district_participation, home_overview
from districts.selectors import district_get
from reviews.selectors import action_point_summary
from stalls.selectors import district_fair_rows, sales_totals


class HomeView(LoginRequiredMixin, TemplateView):
    """Each role's landing page: the programme dashboard for state-wide roles, the district's
    own dashboard for district staff."""

    def get_template_names(self):
        if self.request.user.is_district_staff:
            return ["dashboard/home_district.html"]
        return ["dashboard/dashboard.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = DashboardFilterForm(self.request.GET or None, user=user)
        selection = form.selection()
        context["filter_form"] = form
        if user.is_district_staff:
            context.update(self._district(user, selection))
        else:
            context.update(dashboard_data(user=user, selection=selection))
            context["overview"] = home_overview(user=user)
            context["map_size"] = district_shapes()[1]
            context["map_attribution"] = ATTRIBUTION
        return context

    def _district(self, user, selection) -> dict:
        district = district_get(user=user, pk=user.district_id)
        fairs = list(fairs_in_view(selection))
        rows = district_fair_rows(user=user, fairs=fairs)
        for fair in fairs:
            fair.district_rows = rows.get(fair.pk, [])
        participation = district_participation(user=user, fair_ids=[f.pk for f in fairs])
        points = action_point_summary(user=user, before=timezone.now(), unresolved_only=True)
        return {
            "action_points": points,
            "district": district,
            "fairs": fairs,
            "own": participation[0] if participation else None,
            "sales": sales_totals(user=user, fair_ids=[f.pk for f in fairs]),
            "colleagues": district.staff.filter(is_active=True).order_by(
                "first_name", "username", "pk"
            ),
        }
