"""The stall board: every space of a fair with its stalls and places (stalls data), and, once
the fair is selling, which exhibitors' passes were checked in at the gate (passes data)."""

from django.urls import reverse
from django.views.generic import TemplateView

from core.fragments import CachedBodyMixin
from events.models import Fair
from passes.selectors import attendance_by_place
from stalls.selectors import stall_board
from stalls.views.common import FairMixin, StatewideMixin


class StallBoardView(CachedBodyMixin, StatewideMixin, FairMixin, TemplateView):
    permission_required = "stalls.view_allocation"
    template_name = "stalls/board.html"
    body_template = "stalls/includes/board_body.html"

    def get_body_context(self, context):
        user, fair = self.request.user, self.fair
        spaces = stall_board(fair=fair, user=user)
        context["gate"] = fair.status in Fair.SELLING and user.has_perm("passes.view_attendance")
        if context["gate"]:
            present = attendance_by_place(user=user, fair=fair)
            for space in spaces:
                for allocation in space.active_allocations:
                    allocation.gate = present.get(allocation.pk)
        context["spaces"] = spaces
        context["can_allocate"] = user.has_perm("stalls.add_allocation")
        # Hundreds of stalls: their links are built around the id, not reversed one by one.
        context["allocate_url"] = _url_around("stalls:allocate_stall", fair.pk)
        context["move_url"] = _url_around("stalls:allocation_move", fair.pk)
        return context


def _url_around(name: str, fair_id: int) -> tuple[str, str]:
    """The URL of ``name`` for the fair split around the stall's or allocation's id."""
    before, after = reverse(name, args=[fair_id, 0]).rsplit("/0/", 1)
    return f"{before}/", f"/{after}"
