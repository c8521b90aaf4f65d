"""Taking and giving back the places of a space, and the waiting list's turn.

Callers hold the space's lock (stalls/locking.py): the checks that a stall or an area is free
and the counter updates after them are decided under it.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import audit_created, audited_update
from events.models import Space
from stalls.models import Allocation, Nomination, Offer, Stall
from stalls.services.common import ZERO, _refuse
from stalls.services.notices import Code, decision_notify


def _room_for(space: Space, nomination: Nomination) -> bool:
    """Whether a place is free for one more approved nomination, counting those approved
    earlier and still waiting for their place, and those offered one."""
    claiming = (Nomination.Status.APPROVED, Nomination.Status.OFFERED)
    waiting = Nomination.objects.filter(space=space, status__in=claiming).exclude(pk=nomination.pk)
    if space.is_units:
        return space.stall_count - space.allocated_units - waiting.count() >= 1
    claimed = waiting.aggregate(area=Sum("area_requested"))["area"] or ZERO
    return space.capacity_area - space.allocated_area - claimed >= nomination.area_requested


def _offer_to_waiting_list(space_id: int, user=None) -> None:
    """Offer freed places to the waiting list in order: the first in line get an offer, to
    accept or decline within OFFER_HOURS (stalls/services/offers.py).

    ``user`` is whoever freed the place; the audit trail names them for the offer.
    """
    space = Space.objects.get(pk=space_id)
    for nomination in Nomination.objects.filter(space=space).waiting_list():
        if not _room_for(space, nomination):
            break
        _offer_make(space, nomination, user)


def _offer_make(space: Space, nomination: Nomination, user) -> Offer:
    offer = Offer.objects.create(
        nomination=nomination,
        space=space,
        expires_at=timezone.now() + datetime.timedelta(hours=settings.OFFER_HOURS),
    )
    audit_created(offer, user=user)
    audited_update(nomination, fields={"status": Nomination.Status.OFFERED}, user=user)
    # Nobody decided this one: the whole district is told, whoever freed the place.
    decision_notify(nomination=nomination, code=Code.OFFER_MADE, until=offer.expires_at)
    return offer


def _offer_end(nomination: Nomination, status: str, user, reason: str = "") -> Offer | None:
    """Close the nomination's open offer (if any) as ``status``."""
    offer = Offer.objects.select_for_update().filter(nomination=nomination).open().first()
    if offer is not None:
        audited_update(
            offer,
            fields={
                "status": status,
                "answered_at": timezone.now(),
                "answered_by": user,
                "reason": reason,
            },
            user=user,
        )
    return offer


def _place(space: Space, nomination: Nomination, user, stall, area) -> Allocation:
    """A new allocation of ``stall`` (units space) or ``area`` (m² space), counted as taken."""
    if space.is_units:
        place = {"stall": _free_stall(space, stall)}
        taken = {"allocated_units": F("allocated_units") + 1}
    else:
        area = _free_area(
            space, Decimal(area) if area not in (None, "") else nomination.area_requested
        )
        place = {"area": area}
        taken = {"allocated_area": F("allocated_area") + area}
    allocation = Allocation.objects.create(
        nomination=nomination,
        fair_id=space.fair_id,
        space=space,
        district_id=nomination.district_id,
        product_id=nomination.exhibitor.product_id,
        allocated_by=user,
        **place,
    )
    Space.objects.filter(pk=space.pk).update(**taken)
    return allocation


def _free_area(space: Space, area) -> Decimal:
    """``area`` if that much of the (locked) space is free; refuses otherwise."""
    if not area or area <= 0:
        _refuse(_("Give the area in m² (more than zero)."), "invalid_area", "area")
    free = space.capacity_area - space.allocated_area
    if area > free:
        _refuse(
            _("Only %(free)s m² of this space are free.") % {"free": free},
            "capacity_exceeded",
            "area",
            409,
        )
    return area


def _free_stall(space: Space, stall: Stall | None) -> Stall:
    """``stall`` if it lies in the (locked) space and is free; refuses otherwise."""
    if stall is None:
        _refuse(_("Choose a stall."), "stall_required", "stall")
    if stall.space_id != space.pk:
        _refuse(_("This stall is in another space."), "wrong_space", "stall")
    if not Stall.objects.free().filter(pk=stall.pk).exists():
        _refuse(
            _("Stall %(number)s is already allocated.") % {"number": stall.number},
            "stall_taken",
            "stall",
            409,
        )
    return stall


def _cancel(allocation: Allocation, reason: str, user=None) -> None:
    """Mark the allocation cancelled, with the reason; its place is the caller's to free."""
    audited_update(
        allocation,
        fields={"status": Allocation.Status.CANCELLED, "cancelled_reason": reason},
        user=user,
    )


def _free(space: Space, allocation: Allocation, reason: str, user=None) -> None:
    """Cancel the allocation and give its stall or area back to the space."""
    _cancel(allocation, reason, user=user)
    if allocation.stall_id:
        Space.objects.filter(pk=space.pk).update(allocated_units=F("allocated_units") - 1)
    else:
        Space.objects.filter(pk=space.pk).update(
            allocated_area=F("allocated_area") - allocation.area
        )
