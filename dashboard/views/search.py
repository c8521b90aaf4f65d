"""The search page behind the header's search box."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from dashboard.search import portal_search


class SearchView(LoginRequiredMixin, TemplateView):
    template_name = "dashboard/search.html"

    def get_context_data(self, **kwargs):
        results = portal_search(user=self.request.user, raw=self.request.GET.get("q"))
        return super().get_context_data(results=results, **kwargs)
