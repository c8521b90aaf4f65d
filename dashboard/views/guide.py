"""The public fair guide's pages (no sign-in, made for a phone): the fairs, one fair's
exhibitors with a search by district and product, its printable stall map, a stall's page and
its QR poster."""

from django.conf import settings
from django.views.generic import TemplateView

from core.fragments import CachedBodyMixin
from core.request_checks import whole_number
from core.search import search_query
from dashboard import guide
from passes.pdf import qr_svg


class PublicPageMixin:
    http_method_names = ["get", "head", "options"]


class GuideListView(CachedBodyMixin, PublicPageMixin, TemplateView):
    template_name = "guide/fair_list.html"
    body_template = "guide/includes/fair_list_body.html"

    def get_body_context(self, context):
        return {**context, "fairs": guide.guide_fairs()}


class GuideFairView(CachedBodyMixin, PublicPageMixin, TemplateView):
    template_name = "guide/fair.html"
    body_template = "guide/includes/fair_body.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(fair=guide.guide_fair(self.kwargs["pk"]), **kwargs)

    def get_body_context(self, context):
        fair = context["fair"]
        district_id = whole_number(self.request.GET.get("district"))
        product_id = whole_number(self.request.GET.get("product"))
        query = search_query(self.request.GET.get("q")).text[:100]
        districts, products = guide.guide_choices(fair)
        places = guide.guide_places(
            fair=fair, district_id=district_id, product_id=product_id, query=query
        )
        return {
            **context,
            "places": places,
            "districts": districts,
            "products": products,
            "district_id": district_id,
            "product_id": product_id,
            "query": query,
        }


class GuideMapView(CachedBodyMixin, PublicPageMixin, TemplateView):
    """Every stall of the fair with who holds it, to print and pin up."""

    template_name = "guide/map.html"
    body_template = "guide/includes/map_body.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(fair=guide.guide_fair(self.kwargs["pk"]), **kwargs)

    def get_body_context(self, context):
        return {**context, "places": guide.guide_places(fair=context["fair"])}


class GuideStallView(PublicPageMixin, TemplateView):
    """One stall: who shows what there (the page a stall's QR poster opens)."""

    template_name = "guide/stall.html"

    def get_context_data(self, **kwargs):
        fair = guide.guide_fair(self.kwargs["pk"])
        stall, place = guide.guide_stall(fair=fair, pk=self.kwargs["stall_pk"])
        return super().get_context_data(fair=fair, stall=stall, place=place, **kwargs)


class GuidePosterView(GuideStallView):
    """A stall's poster to print: its number, who shows there, a QR code of its page."""

    template_name = "guide/poster.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        path = self.request.path.removesuffix("poster/")
        context["qr"] = qr_svg(settings.REPORT_LINK_BASE_URL.rstrip("/") + path)
        return context
