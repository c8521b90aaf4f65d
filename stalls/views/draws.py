"""The public pages of the draws of lots: no sign-in, nothing personal beyond the exhibitor's
name, district and ODOP product. Anyone can recompute the order from what these pages show."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, View

from core.fragments import CachedBodyMixin
from exhibitors.models import PriorityCategory
from stalls.models import Draw


def _draws():
    return Draw.objects.select_related("space__fair")


def _entrants(draw):
    return draw.entrants.select_related(
        "nomination__exhibitor", "nomination__district", "product"
    ).order_by("position", "nomination_id")


class DrawListView(CachedBodyMixin, ListView):
    """Every published draw, newest first."""

    template_name = "stalls/draw_list.html"
    body_template = "stalls/includes/draw_list_body.html"
    context_object_name = "draws"
    paginate_by = 50

    def get_queryset(self):
        return _draws().order_by("-published_at", "-pk")


class DrawDetailView(DetailView):
    """One draw: its rule, commitment, entrants, and (once made) the seed and the order."""

    template_name = "stalls/draw_detail.html"
    context_object_name = "draw"

    def get_queryset(self):
        return _draws()

    def get_context_data(self, **kwargs):
        draw, labels = self.object, dict(PriorityCategory.choices)
        entrants = list(_entrants(draw))
        for entrant in entrants:
            entrant.category_labels = [labels.get(c, c) for c in entrant.categories]
        shares = [
            {
                "label": labels.get(category, category),
                "percent": percent,
                "places": draw.places * percent // 100,
            }
            for category, percent in sorted(
                draw.shares.items(), key=lambda item: PriorityCategory.values.index(item[0])
            )
        ]
        return {**super().get_context_data(**kwargs), "entrants": entrants, "shares": shares}


class DrawDataView(View):
    """The draw as JSON, to recompute it elsewhere: the same facts as its page."""

    def get(self, request, pk):
        return _draw_json(get_object_or_404(_draws(), pk=pk))


def _draw_json(draw):
    entrants = [
        {
            "number": entrant.nomination_id,
            "exhibitor": entrant.nomination.exhibitor.name,
            "district": entrant.nomination.district.name_en,
            "product": entrant.product.name_en if entrant.product_id else None,
            "retention_claim": entrant.retained,
            "late_withdrawal_before": entrant.deferred,
            "district_yields": entrant.yields,
            "priority_categories": entrant.categories,
            "ticket": entrant.ticket or None,
            "position": entrant.position,
        }
        for entrant in _entrants(draw)
    ]
    return JsonResponse(
        {
            "draw": draw.pk,
            "fair": draw.space.fair.name_en,
            "space": draw.space.name_en,
            "rule": draw.method,
            "retention_editions": draw.retention_editions,
            "rotation_editions": draw.rotation_editions,
            "reserved_shares": draw.shares,
            "places": draw.places,
            "coverage_first": draw.coverage_first,
            "products_represented": draw.represented,
            "categories_in_order": PriorityCategory.values,
            "commitment": draw.commitment,
            "published_at": draw.published_at.isoformat(),
            "seed": draw.seed or None,
            "drawn_at": draw.drawn_at.isoformat() if draw.drawn_at else None,
            "order": "HMAC-SHA256(key=seed, message=number), ascending"
            + ("; retention claims first" if draw.method == "retention_lots" else "")
            + ("; yielding districts after the others" if draw.rotation_editions else "")
            + "; late withdrawals before last",
            "entrants": entrants,
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
