from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from dashboard.selectors import home_divisions, home_overview
from districts.selectors import district_get


class HomeView(LoginRequiredMixin, TemplateView):
    """Each role's landing page: district staff see their district, others the whole state."""

    def get_template_names(self):
        if self.request.user.is_district_staff:
            return ["dashboard/home_district.html"]
        return ["dashboard/home_state.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.is_district_staff:
            district = district_get(user=user, pk=user.district_id)
            context["district"] = district
            context["colleagues"] = district.staff.filter(is_active=True).order_by(
                "first_name", "username", "pk"
            )
        else:
            context["overview"] = home_overview(user=user)
            context["divisions"] = home_divisions(user=user)
        return context
