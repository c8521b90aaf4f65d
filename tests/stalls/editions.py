"""A fair's last edition where an exhibitor held a place and sold: what retention and rotation
look back at (a helper of the draw tests, not a test module)."""

import datetime

from events.models import Fair
from stalls.models import DailySale
from stalls.services import (
    allocation_create,
    allotment_set,
    nomination_approve,
    nomination_submit,
    stalls_create,
)
from tests import factories


def last_edition_with_sales(fair, district, officer):
    """Make ``fair``'s previous edition, where a new exhibitor of ``district`` had a stall and
    entered a day's sales; returns that exhibitor."""
    previous = factories.fair(
        status=Fair.Status.NOMINATIONS_OPEN,
        start_date=fair.start_date - datetime.timedelta(days=365),
        end_date=fair.end_date - datetime.timedelta(days=365),
    )
    space = factories.space(fair=previous, capacity_units=1)
    stalls_create(space=space, numbers=["P1"], user=officer)
    allotment_set(space=space, district=district, units=1, user=officer)
    exhibitor = factories.exhibitor(district=district, mobile="9415999001")
    nomination = nomination_submit(space=space, exhibitor=exhibitor, user=officer)
    nomination = nomination_approve(nomination=nomination, user=officer)
    allocation = allocation_create(nomination=nomination, stall=space.stalls.get(), user=officer)
    DailySale.objects.create(
        allocation=allocation,
        district=district,
        fair=previous,
        product=allocation.product,
        date=previous.start_date,
        amount=1000,
        entered_by=officer,
    )
    Fair.objects.filter(pk=previous.pk).update(status=Fair.Status.CONCLUDED)
    fair.previous_edition = previous
    fair.save(update_fields=["previous_edition"])
    return exhibitor
