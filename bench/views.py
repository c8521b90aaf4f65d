"""The floors every figure is divided by, served by the same server through the same middleware.

- bare page: an authenticated view rendering a tiny template;
- bare list: the query of an API list (the viewset's own scoped, filtered and ordered queryset,
  counted and cut to the page) written out as plain JSON, without a serializer.
"""

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, JsonResponse
from django.shortcuts import render

from events.api.views import FairViewSet
from exhibitors.api.views import ExhibitorViewSet
from mous.api.views import MoUViewSet
from reviews.api.views import ActionPointViewSet
from stalls.api.views import AllocationViewSet, DailySaleViewSet, NominationViewSet

# The API lists the benchmark measures: URL part → viewset.
API_LISTS = {
    "fairs": FairViewSet,
    "exhibitors": ExhibitorViewSet,
    "nominations": NominationViewSet,
    "allocations": AllocationViewSet,
    "daily-sales": DailySaleViewSet,
    "mous": MoUViewSet,
    "action-points": ActionPointViewSet,
}
PAGE_SIZE = 50


@login_required
def bare_page(request):
    return render(request, "bench/bare.html")


@login_required
def bare_list(request, name: str):
    viewset_class = API_LISTS.get(name)
    if viewset_class is None:
        raise Http404
    view = viewset_class(
        action="list", action_map={"get": "list"}, args=(), kwargs={}, format_kwarg=None
    )
    # As DRF's as_view binds the route's methods: the permission check asks whether the view
    # answers GET (405 otherwise).
    view.get = view.list
    view.request = view.initialize_request(request)
    view.check_permissions(view.request)  # the API's authorisation, as the figure pays it
    queryset = view.filter_queryset(view.get_queryset())
    fields = [field.attname for field in queryset.model._meta.concrete_fields]
    rows = [{name: getattr(obj, name) for name in fields} for obj in queryset[:PAGE_SIZE]]
    return JsonResponse({"count": queryset.count(), "results": rows}, encoder=DjangoJSONEncoder)
