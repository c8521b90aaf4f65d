"""A fair's allocations as a spreadsheet."""

from django.utils.translation import gettext as _
from django.views import View

from core.spreadsheets import export_response
from stalls.models import Allocation
from stalls.views.common import FairMixin


class AllocationExportView(FairMixin, View):
    """The fair's allocations (the user's scope) as XLSX, or CSV with ?format=csv."""

    permission_required = "stalls.view_allocation"

    def get(self, request, *args, **kwargs):
        allocations = (
            Allocation.objects.for_user(request.user)
            .filter(fair=self.fair)
            .active()
            .select_related("space", "stall", "district", "nomination__exhibitor__product")
            .order_by("space", "stall__position", "pk")
        )
        header = [
            _("Space"),
            _("Stall"),
            _("Area (m²)"),
            _("Exhibitor"),
            _("Kind"),
            _("District"),
            _("ODOP product"),
            _("Mobile"),
        ]
        rows = (
            [
                a.space.name,
                a.stall.number if a.stall_id else "",
                a.area if a.area is not None else "",
                a.nomination.exhibitor.name,
                a.nomination.exhibitor.get_kind_display(),
                a.district.name,
                a.nomination.exhibitor.product.name if a.nomination.exhibitor.product_id else "",
                a.nomination.exhibitor.mobile,
            ]
            for a in allocations
        )
        return export_response(
            filename=f"allocations-{self.fair.pk}",
            header=header,
            rows=rows,
            as_csv=request.GET.get("format") == "csv",
        )
