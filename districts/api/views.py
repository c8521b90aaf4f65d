from rest_framework import viewsets

from core.api.viewsets import ReadOnlyViewSet, ScopedQuerysetMixin
from districts.api.serializers import DistrictSerializer, DivisionSerializer, ProductSerializer
from districts.filtersets import DistrictFilterSet, ProductFilterSet
from districts.models import Division, Product
from districts.selectors import district_list


class DivisionViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """The 18 divisions (mandals)."""

    queryset = Division.objects.order_by("name_en", "pk")
    serializer_class = DivisionSerializer


class DistrictViewSet(ReadOnlyViewSet):
    """The 75 districts with their ODOP products (district staff: their own)."""

    serializer_class = DistrictSerializer
    filterset_class = DistrictFilterSet

    def get_queryset(self):
        return district_list(user=self.request.user)


class ProductViewSet(ReadOnlyViewSet):
    """ODOP products, many per district."""

    queryset = Product.objects.all()
    serializer_class = ProductSerializer
    filterset_class = ProductFilterSet
