"""ViewSet bases: every queryset passes through the scoping method, and only an id reaches
a view."""

from django.db import transaction
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from core.api.permissions import ModelPermissions
from core.audit.services import audit_changed, audit_created, audit_snapshot

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
    (district staff: their district; out-of-scope ids answer 404). Records that the API saves
    through a serializer (no service in between) get their audit entry here, in the same
    transaction as the write."""

    permission_classes = [ModelPermissions]
    # The router puts this in the URL: anything but an id (``AAA``, ``-1``, ``1.5``) is a
    # 404 before a view runs, and so is a number longer than a bigint's 19 digits. Actions
    # that hand the id to a page's view (downloads) get a number the database can compare.
    lookup_value_regex = r"[0-9]{1,19}"
    scope_action = None  # set for workflow actions that need another permission than the method

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "for_user"):
            action = self.scope_action or ACTIONS.get(self.request.method, "view")
            queryset = queryset.for_user(self.request.user, action)
        return queryset

    def perform_create(self, serializer):
        with transaction.atomic():
            obj = serializer.save()
            audit_created(obj, user=self.request.user)

    def perform_update(self, serializer):
        with transaction.atomic():
            before = audit_snapshot(serializer.instance)
            obj = serializer.save()
            audit_changed(obj, before=before, user=self.request.user)


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


class ActionScopedMixin(ScopedQuerysetMixin):
    """For workflow actions: the object is scoped by the permission the action needs
    (``action_scopes``: action name → view/add/change), not by its HTTP method."""

    action_scopes = {}

    def get_queryset(self):
        self.scope_action = self.action_scopes.get(self.action)
        return super().get_queryset()

    def _respond(self, serializer_class, instance, code=200):
        return Response(
            serializer_class(instance, context=self.get_serializer_context()).data, status=code
        )


class WorkflowViewSet(
    ActionScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Read the records; change them only through the workflow actions."""
