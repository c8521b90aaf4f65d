from core.api.viewsets import ScopedViewSet
from exhibitors.api.serializers import ExhibitorSerializer
from exhibitors.filtersets import ExhibitorFilterSet
from exhibitors.models import Exhibitor
from exhibitors.services import exhibitor_create, exhibitor_update


class ExhibitorViewSet(ScopedViewSet):
    """Artisans, units, SHGs, cooperatives and companies. The same mobile, Udyam number or
    GSTIN finds the existing exhibitor (409 ``exhibitor_exists``) instead of a second one."""

    # By id unless ?ordering= says otherwise (see stalls.api.views.NominationViewSet).
    queryset = Exhibitor.objects.select_related("district", "product").order_by("pk")
    serializer_class = ExhibitorSerializer
    filterset_class = ExhibitorFilterSet

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        district = data.pop("district", None)
        serializer.instance = exhibitor_create(user=self.request.user, district=district, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("district", None)
        serializer.instance = exhibitor_update(
            user=self.request.user, exhibitor=serializer.instance, **data
        )
