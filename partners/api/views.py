"""Partners and the people to call there: cell officers write, the Principal Secretary reads,
district staff have no access (403), as on the pages and in the admin."""

from django.db.models import Prefetch

from core.api.viewsets import ScopedViewSet
from partners.api.serializers import ContactPersonSerializer, PartnerSerializer
from partners.filtersets import ContactPersonFilterSet, PartnerFilterSet
from partners.models import ContactPerson, Partner


class PartnerViewSet(ScopedViewSet):
    """B2B platforms, marketplaces, institutes and banks the ODOP cell signs MoUs with, each
    with its contact people."""

    queryset = Partner.objects.prefetch_related(
        Prefetch("contacts", queryset=ContactPerson.objects.order_by("name", "pk"))
    )
    serializer_class = PartnerSerializer
    filterset_class = PartnerFilterSet


class ContactPersonViewSet(ScopedViewSet):
    """The people to call at a partner (``?partner=`` for one partner's)."""

    queryset = ContactPerson.objects.all()
    serializer_class = ContactPersonSerializer
    filterset_class = ContactPersonFilterSet

    def get_queryset(self):
        # Contact people have no scope of their own: they are visible with their partner.
        partners = Partner.objects.for_user(self.request.user)
        return super().get_queryset().filter(partner__in=partners)
