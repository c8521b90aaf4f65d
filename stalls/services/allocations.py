"""Allocations: giving an approved nomination its place, moving and cancelling it."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from core.audit.services import audit_created, audited_update
from core.exceptions import ApplicationError
from events.models import Space
from stalls.locking import lock_space, scarce_resource_transaction
from stalls.models import Allocation, Nomination, Override, Stall
from stalls.services.common import _refuse, _require, _require_open, _require_reason, logger
from stalls.services.nominations import _override_record, nomination_withdraw
from stalls.services.notices import Code, decision_notify
from stalls.services.places import _cancel, _free_stall, _place, _room_for


def allocation_create(
    *, nomination: Nomination, user, stall: Stall | None = None, area=None, override_reason=""
) -> Allocation:
    """Give an approved nomination a stall (units space) or an area (m² space).

    Refused when the stall is taken or the area is not free; allocating a waitlisted
    nomination ahead of earlier ones needs a reason, recorded as an override. A nomination
    that has a place already answers 409, like every other conflict over a place.
    """
    _require(user, "stalls.add_allocation")
    if not Nomination.objects.for_user(user, "change").filter(pk=nomination.pk).exists():
        raise PermissionDenied
    with scarce_resource_transaction():
        space = lock_space(nomination.space_id)
        # The nomination's row is locked; its exhibitor is read with it, not locked.
        nomination = (
            Nomination.objects.select_for_update(of=("self",))
            .select_related("exhibitor")
            .get(pk=nomination.pk)
        )
        _require_open(space.fair)
        if nomination.status == Nomination.Status.ALLOCATED:
            _refuse(_("This nomination has a place already."), "already_allocated", status=409)
        if nomination.status == Nomination.Status.OFFERED:
            _refuse(
                _("The district has not yet accepted the place offered to this nomination."),
                "offer_open",
                status=409,
            )
        if nomination.status not in Nomination.AWAITING_PLACE:
            _refuse(
                _("Approve the nomination before allocating a place."),
                "not_allowed_transition",
                status=409,
            )
        jumped = _jumps_queue(space, nomination)
        if jumped and not override_reason.strip():
            _refuse(
                _("Nominations ahead in the waiting list come first; give a reason to override."),
                "waiting_list_order",
                "override_reason",
                409,
            )
        allocation = _place(space, nomination, user, stall, area)
        audit_created(allocation, user=user)
        audited_update(nomination, fields={"status": Nomination.Status.ALLOCATED}, user=user)
        decision_notify(
            nomination=nomination, code=Code.PLACE_ALLOCATED, actor=user, allocation=allocation
        )
        if jumped:
            _override_record(
                kind=Override.Kind.JUMP_WAITLIST,
                nomination=nomination,
                reason=override_reason.strip(),
                user=user,
            )
    _log_allocation("allocation created", allocation, user)
    return allocation


def _log_allocation(message: str, allocation: Allocation, user) -> None:
    logger.info(
        message,
        extra={
            "event": "allocation",
            "allocation_id": allocation.pk,
            "nomination_id": allocation.nomination_id,
            "status": allocation.status,
            "user": user,
        },
    )


def _jumps_queue(space: Space, nomination: Nomination) -> bool:
    """Whether placing this nomination passes over others: someone ahead of it in the
    waiting list, or the places held for approved nominations and open offers."""
    if nomination.status == Nomination.Status.APPROVED:
        return False
    if not _room_for(space, nomination):
        return True
    # Anyone ahead of it in the waiting list's order (the time they joined, then the draw).
    first = Nomination.objects.filter(space=space).waiting_list().values_list("pk", flat=True)[:1]
    return bool(first) and first[0] != nomination.pk


def allocation_cancel(*, allocation: Allocation, reason: str, user) -> Allocation:
    """Cancel an allocation (the exhibitor will not come); the place is offered on."""
    _require(user, "stalls.change_allocation")
    reason = _require_reason(reason)
    nomination = allocation.nomination
    nomination_withdraw(nomination=nomination, user=user, reason=reason)
    allocation.refresh_from_db()
    _log_allocation("allocation cancelled", allocation, user)
    return allocation


def allocation_move(*, allocation: Allocation, stall: Stall, reason: str, user) -> Allocation:
    """Move an exhibitor to another free stall of the same space; recorded as an override."""
    _require(user, "stalls.change_allocation")
    reason = _require_reason(reason)
    with scarce_resource_transaction():
        space = lock_space(allocation.space_id)
        allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
        _require_open(space.fair)
        if allocation.status != Allocation.Status.ACTIVE or allocation.stall_id is None:
            _refuse(
                _("Only an active stall allocation can be moved."),
                "not_allowed_transition",
                status=409,
            )
        new_stall = _free_stall(space, stall)
        old_number = allocation.stall.number
        # The stall stays counted as taken: the new allocation takes it over.
        _cancel(allocation, reason, user=user)
        moved = Allocation.objects.create(
            nomination=allocation.nomination,
            fair_id=space.fair_id,
            space=space,
            district_id=allocation.district_id,
            product_id=allocation.product_id,
            stall=new_stall,
            allocated_by=user,
        )
        audit_created(moved, user=user)
        _override_record(
            kind=Override.Kind.MOVE,
            nomination=allocation.nomination,
            reason=reason,
            detail=f"{old_number} → {new_stall.number}",
            user=user,
        )
        decision_notify(
            nomination=allocation.nomination,
            code=Code.PLACE_MOVED,
            actor=user,
            allocation=moved,
            reason=reason,
        )
    _log_allocation("allocation moved", moved, user)
    return moved


def allocations_in_waiting_list_order(*, space: Space, user) -> list[Allocation]:
    """Give free places to approved nominations, then the waiting list, in order."""
    made = []
    candidates = Nomination.objects.filter(space=space).awaiting_place().in_queue_order()
    for nomination in candidates:
        stall = None
        if space.is_units:
            stall = Stall.objects.filter(space=space).free().in_board_order().first()
            if stall is None:
                break
        try:
            made.append(allocation_create(nomination=nomination, user=user, stall=stall))
        except ApplicationError as error:
            if error.code in {"capacity_exceeded", "stall_taken", "waiting_list_order"}:
                break
            raise
    return made
