from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.viewsets import ScopedQuerysetMixin, ScopedViewSet
from events.api.serializers import (
    ActivitySerializer,
    FairSerializer,
    FairStatusSerializer,
    RecipientSerializer,
    SpaceSerializer,
)
from events.filtersets import ActivityFilterSet, FairFilterSet, SpaceFilterSet
from events.models import Activity, Fair, Recipient, Space
from events.services import fair_set_status


class FairViewSet(ScopedViewSet):
    """Fairs; the status moves only along the allowed transitions (``status`` action)."""

    queryset = Fair.objects.all()
    serializer_class = FairSerializer
    filterset_class = FairFilterSet

    @extend_schema(request=FairStatusSerializer, responses=FairSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        data = FairStatusSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fair = fair_set_status(
            fair=self.get_object(), status=data.validated_data["status"], user=request.user
        )
        return Response(FairSerializer(fair, context=self.get_serializer_context()).data)


class SpaceViewSet(ScopedViewSet):
    """Spaces of fairs: stalls or shops (units) or pavilions (m²), with their counters."""

    queryset = Space.objects.all()
    serializer_class = SpaceSerializer
    filterset_class = SpaceFilterSet


class ActivityViewSet(ScopedViewSet):
    """Programme items; dated within their fair."""

    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet


class RecipientViewSet(ScopedQuerysetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Award and tool-kit recipients."""

    queryset = Recipient.objects.select_related("activity")
    serializer_class = RecipientSerializer
    filterset_fields = ["activity", "activity__fair", "district"]
