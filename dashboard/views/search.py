"""The search page behind the header's search box."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from core.fragments import CachedBodyMixin
from core.search import search_query
from dashboard.search import portal_search


class SearchView(LoginRequiredMixin, CachedBodyMixin, TemplateView):
    """The results are a cached body under the data version, keyed by the query (the URL):
    a search repeated, or reached again by the back button, is not run again until something
    is written."""

    template_name = "dashboard/search.html"
    body_template = "dashboard/includes/search_body.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=search_query(self.request.GET.get("q")), **kwargs)

    def get_body_context(self, context: dict) -> dict:
        results = portal_search(user=self.request.user, raw=self.request.GET.get("q"))
        return {**context, "results": results}
