"""Named reads of stalls, nominations and allocations: the board's order, free stalls, the
queue, active places.

Every page, service and selector asks for these by name, so the order of the waiting list
or what makes a stall free is decided here once.
"""

from django.db import models
from django.db.models import F

from core.scoping import ScopedQuerySet


class StallQuerySet(models.QuerySet):
    def in_board_order(self):
        """As the stalls were numbered: S2 before S10."""
        return self.order_by("position", "pk")

    def free(self):
        """Stalls without an active allocation."""
        # The model modules import this one, so the allocation model is looked up on use.
        from stalls.models import Allocation

        return self.exclude(allocations__status=Allocation.Status.ACTIVE)


class AllocationQuerySet(ScopedQuerySet):
    def active(self):
        """Places held now (not cancelled)."""
        return self.filter(status=self.model.Status.ACTIVE)

    def in_sheet_order(self):
        """The order of the sales page and the sales template: stalls as on the board, then
        areas, smallest first."""
        return self.order_by("stall__position", "area", "pk")


class NominationQuerySet(ScopedQuerySet):
    def in_queue_order(self):
        """The order in which nominations get a place: approved before waitlisted; those of
        exhibitors who withdrew late from a recent fair after the others; then by the time
        they joined the waiting list (never waitlisted first, on every database), then their
        position in the space's draw of lots (if it had one), then the time they were made."""
        return self.order_by(
            "status",
            "deferred",
            F("waitlisted_at").asc(nulls_first=True),
            F("lot").asc(nulls_last=True),
            "created_at",
            "pk",
        )

    def active(self):
        """Submitted, approved, waitlisted or allocated: not rejected or withdrawn (an exhibitor
        has at most one of these per fair)."""
        return self.filter(status__in=self.model.ACTIVE)

    def awaiting_place(self):
        """Approved or waitlisted: accepted by the cell and still without a place."""
        return self.filter(status__in=self.model.AWAITING_PLACE)

    def waiting_list(self):
        """Waitlisted nominations, first come first."""
        return self.filter(status=self.model.Status.WAITLISTED).in_queue_order()
