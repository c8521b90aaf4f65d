"""ViewSet bases: every queryset passes through the scoping method."""

from rest_framework import mixins, viewsets

from odop_portal.api.permissions import ModelPermissions

ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class ScopedQuerysetMixin:
    """``queryset`` narrowed by ``for_user`` to what the user may do with the request's method
    (district staff: their district; out-of-scope ids answer 404)."""

    permission_classes = [ModelPermissions]
    scope_action = None  # set for workflow actions that need another permission than the method

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "for_user"):
            action = self.scope_action or ACTIONS.get(self.request.method, "view")
            queryset = queryset.for_user(self.request.user, action)
        return queryset


class ReadOnlyViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ScopedViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and change; deletion is not offered (records are kept)."""
