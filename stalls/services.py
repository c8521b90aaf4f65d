"""Workflows of stalls and areas: stalls, allotments, nominations, allocations, waiting list.

Each service locks the space row (stalls/locking.py) before it reads or changes capacity, so two
officers allocating the last stall at the same moment are decided by the lock: one wins, the
other is told the stall is taken. The database constraints behind them are the backstop.
"""

import logging
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import (
    audit_changed,
    audit_created,
    audit_diff,
    audit_entry,
    audit_record_many,
    audit_snapshot,
)
from core.exceptions import ApplicationError
from events.models import Fair, Space
from exhibitors.models import Exhibitor
from stalls.locking import lock_space, scarce_resource_transaction
from stalls.models import Allocation, Allotment, Nomination, Override, Stall

ZERO = Decimal(0)

logger = logging.getLogger(__name__)

# Audit: the Space counters (stall_count, allotted_*, allocated_*) are denormalised sums moved
# with F() updates; they are not audited themselves. Every change to them is the consequence
# of a stall, allotment or allocation row that is audited (who, when, old → new), so the
# counters can be rebuilt from the trail and auditing them would record each write twice.


def _require(user, permission: str) -> None:
    """Only users holding ``permission`` may take this step (the cell decides allocations)."""
    if user is None or not user.has_perm(permission):
        raise PermissionDenied


def _refuse(message, code, field=None, status=400):
    raise ApplicationError(message, code=code, field=field, status=status)


def _require_reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        _refuse(_("Give the reason."), "reason_required", field)
    return reason


def _require_open(fair: Fair) -> None:
    if fair.status in (Fair.Status.CONCLUDED, Fair.Status.CANCELLED):
        _refuse(
            _("%(fair)s is %(status)s; its places can no longer change.")
            % {"fair": fair.name, "status": fair.get_status_display().lower()},
            "fair_closed",
        )


# --- Stalls ----------------------------------------------------------------------------------


def stalls_create(*, space: Space, numbers: list[str], size: str = "", zone: str = "", user):
    """Add stalls with the given numbers to a units space, within its capacity."""
    _require(user, "stalls.add_stall")
    with scarce_resource_transaction():
        space = lock_space(space.pk)
        if not space.is_units:
            _refuse(_("Stalls belong to spaces counted in stalls or shops."), "not_units")
        if space.stall_count + len(numbers) > space.capacity_units:
            _refuse(
                _("This space has room for %(capacity)s stalls; %(count)s exist already.")
                % {"capacity": space.capacity_units, "count": space.stall_count},
                "capacity_exceeded",
                "number",
                409,
            )
        taken = set(
            Stall.objects.filter(fair_id=space.fair_id, number__in=numbers).values_list(
                "number", flat=True
            )
        )
        if taken or len(set(numbers)) != len(numbers):
            duplicate = sorted(taken) or sorted({n for n in numbers if numbers.count(n) > 1})
            _refuse(
                _("Stall number %(number)s is already used in this fair.")
                % {"number": duplicate[0]},
                "stall_number_taken",
                "number",
            )
        stalls = [
            Stall(
                space=space,
                fair_id=space.fair_id,
                number=number,
                size=size,
                zone=zone,
                position=space.stall_count + index + 1,
            )
            for index, number in enumerate(numbers)
        ]
        for stall in stalls:
            stall.full_clean(validate_unique=False, validate_constraints=False)
        Stall.objects.bulk_create(stalls)
        audit_record_many(
            [
                audit_entry(
                    user=user,
                    action="create",
                    obj=stall,
                    changes=audit_diff(None, audit_snapshot(stall)),
                )
                for stall in stalls
            ]
        )
        Space.objects.filter(pk=space.pk).update(stall_count=F("stall_count") + len(stalls))
    return stalls


def stalls_fill(*, space: Space, prefix: str = "", user) -> list[Stall]:
    """Number the remaining stalls of a units space 1, 2, 3… (with an optional prefix)."""
    existing = set(Stall.objects.filter(fair_id=space.fair_id).values_list("number", flat=True))
    numbers, n = [], 0
    while len(numbers) < (space.capacity_units or 0) - space.stall_count:
        n += 1
        if f"{prefix}{n}" not in existing:
            numbers.append(f"{prefix}{n}")
    return stalls_create(space=space, numbers=numbers, user=user) if numbers else []


# --- Allotments ------------------------------------------------------------------------------


def allotment_problem(*, space: Space, district_id: int, units: int, area) -> tuple | None:
    """(field, code, message) when this allotment cannot be made, else None.

    A plain check, shared by the admin form (to show the message at the field) and by
    allotment_set, which runs it again under the space's lock before saving.
    """
    current = Allotment.objects.filter(space=space, district_id=district_id).first()
    old_units, old_area = (current.units, current.area) if current else (0, ZERO)
    if space.is_units and (area or units <= 0):
        return "units", "invalid_allotment", _("Allot a number of stalls (more than zero).")
    if not space.is_units and (units or area <= 0):
        return "area", "invalid_allotment", _("Allot an area in m² (more than zero).")
    if space.is_units and space.allotted_units - old_units + units > space.capacity_units:
        free = space.capacity_units - space.allotted_units + old_units
        return (
            "units",
            "capacity_exceeded",
            _("Only %(free)s stalls of this space are not yet allotted.") % {"free": free},
        )
    if not space.is_units and space.allotted_area - old_area + area > space.capacity_area:
        free = space.capacity_area - space.allotted_area + old_area
        return (
            "area",
            "capacity_exceeded",
            _("Only %(free)s m² of this space are not yet allotted.") % {"free": free},
        )
    used_units, used_area = _district_claims(space, district_id)
    if (space.is_units and units < used_units) or (not space.is_units and area < used_area):
        field = "units" if space.is_units else "area"
        return (
            field,
            "below_nominations",
            _("The district's nominations already use more than this."),
        )
    return None


def allotment_set(*, space: Space, district, units: int = 0, area=ZERO, user) -> Allotment:
    """Reserve ``units`` stalls or ``area`` m² of a space for a district (create or change)."""
    _require(user, "stalls.add_allotment")
    area = Decimal(area or 0)
    units = int(units or 0)
    with scarce_resource_transaction():
        space = lock_space(space.pk)
        problem = allotment_problem(space=space, district_id=district.pk, units=units, area=area)
        if problem:
            field, code, message = problem
            _refuse(message, code, field, 409 if code == "capacity_exceeded" else 400)
        allotment = Allotment.objects.filter(space=space, district=district).first()
        old_units, old_area = (allotment.units, allotment.area) if allotment else (0, ZERO)
        before = audit_snapshot(allotment) if allotment else None
        if allotment is None:
            allotment = Allotment(space=space, district=district)
        allotment.units, allotment.area = units, area
        allotment.save()
        if before is None:
            audit_created(allotment, user=user)
        else:
            audit_changed(allotment, before=before, user=user)
        Space.objects.filter(pk=space.pk).update(
            allotted_units=F("allotted_units") - old_units + units,
            allotted_area=F("allotted_area") - old_area + area,
        )
    return allotment


def _district_claims(space: Space, district_id: int) -> tuple[int, Decimal]:
    """Stalls and m² the district's active nominations claim in a space."""
    active = Nomination.objects.filter(
        space=space, district_id=district_id, status__in=Nomination.ACTIVE
    )
    figures = active.aggregate(count=Count("pk"), area=Sum("area_requested"))
    return figures["count"], figures["area"] or ZERO


# --- Nominations -----------------------------------------------------------------------------


def nomination_submit(
    *, space: Space, exhibitor: Exhibitor, user, area_requested=None, override_reason: str = ""
) -> Nomination:
    """Nominate an exhibitor for a space, within the district's allotment.

    District staff nominate while the fair takes nominations; a cell officer may exceed the
    allotment by giving a reason, which is recorded as an override.
    """
    _require(user, "stalls.add_nomination")
    if not Exhibitor.objects.for_user(user).filter(pk=exhibitor.pk).exists():
        raise PermissionDenied
    area_requested = Decimal(area_requested) if area_requested not in (None, "") else None
    with scarce_resource_transaction():
        space = lock_space(space.pk)
        fair = space.fair
        _check_nomination(space, exhibitor, user, area_requested)
        exceeds = _exceeds_allotment(space, exhibitor.district_id, area_requested)
        if exceeds and not (user.is_statewide and override_reason.strip()):
            _refuse(exceeds, "allotment_used", "space", 409)
        nomination = Nomination.objects.create(
            fair=fair,
            space=space,
            exhibitor=exhibitor,
            district_id=exhibitor.district_id,
            area_requested=area_requested if not space.is_units else None,
            nominated_by=user,
        )
        audit_created(nomination, user=user)
        if exceeds:
            Override.objects.create(
                kind=Override.Kind.EXCEED_ALLOTMENT,
                nomination=nomination,
                reason=override_reason.strip(),
                made_by=user,
            )
    return nomination


def _check_nomination(space: Space, exhibitor: Exhibitor, user, area_requested) -> None:
    fair = space.fair
    if user.is_district_staff and fair.status not in Fair.NOMINATING:
        _refuse(_("%(fair)s is not taking nominations now.") % {"fair": fair.name}, "not_open")
    _require_open(fair)
    if space.is_odop and exhibitor.product_id is None:
        _refuse(
            _("An ODOP space needs an exhibitor with an ODOP product of their district."),
            "product_required",
            "exhibitor",
        )
    if not space.is_units and not area_requested:
        _refuse(
            _("Give the area needed in m² (more than zero)."), "area_required", "area_requested"
        )
    if Nomination.objects.filter(
        fair=fair, exhibitor=exhibitor, status__in=Nomination.ACTIVE
    ).exists():
        _refuse(
            _("%(name)s is already nominated for this fair.") % {"name": exhibitor.name},
            "already_nominated",
            "exhibitor",
        )


def _exceeds_allotment(space: Space, district_id: int, area_requested) -> str | None:
    allotment = Allotment.objects.filter(space=space, district_id=district_id).first()
    used_units, used_area = _district_claims(space, district_id)
    if space.is_units:
        allowed = allotment.units if allotment else 0
        if used_units + 1 > allowed:
            return _("The district's allotment in this space (%(allowed)s stalls) is used up.") % {
                "allowed": allowed
            }
    else:
        allowed = allotment.area if allotment else ZERO
        if used_area + area_requested > allowed:
            return _("The district's allotment in this space has %(free)s m² left.") % {
                "free": max(allowed - used_area, ZERO)
            }
    return None


def nomination_approve(*, nomination: Nomination, user) -> Nomination:
    """Approve a submitted nomination; with no place left it joins the waiting list."""
    _require(user, "stalls.add_allocation")
    with scarce_resource_transaction():
        space = lock_space(nomination.space_id)
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if nomination.status != Nomination.Status.SUBMITTED:
            _refuse(
                _("Only a submitted nomination can be approved."),
                "not_allowed_transition",
                status=409,
            )
        _require_open(space.fair)
        before = audit_snapshot(nomination)
        nomination.status = (
            Nomination.Status.APPROVED
            if _room_for(space, nomination)
            else Nomination.Status.WAITLISTED
        )
        if nomination.status == Nomination.Status.WAITLISTED:
            nomination.waitlisted_at = timezone.now()
        nomination.decided_by = user
        nomination.save(update_fields=["status", "waitlisted_at", "decided_by", "updated_at"])
        audit_changed(nomination, before=before, user=user)
    logger.info(
        "nomination decided",
        extra={
            "event": "nomination_stage_change",
            "nomination_id": nomination.pk,
            "status": nomination.status,
            "user": user,
        },
    )
    return nomination


def _need(space: Space, nomination: Nomination):
    return 1 if space.is_units else nomination.area_requested


def _room_for(space: Space, nomination: Nomination) -> bool:
    """Whether a place is free for one more approved nomination, counting those approved
    earlier and still waiting for their place."""
    waiting = Nomination.objects.filter(space=space, status=Nomination.Status.APPROVED).exclude(
        pk=nomination.pk
    )
    if space.is_units:
        return space.stall_count - space.allocated_units - waiting.count() >= 1
    claimed = waiting.aggregate(area=Sum("area_requested"))["area"] or ZERO
    return space.capacity_area - space.allocated_area - claimed >= nomination.area_requested


def nomination_reject(*, nomination: Nomination, reason: str, user) -> Nomination:
    _require(user, "stalls.add_allocation")
    reason = _require_reason(reason)
    with scarce_resource_transaction():
        lock_space(nomination.space_id)
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if nomination.status not in (
            Nomination.Status.SUBMITTED,
            Nomination.Status.APPROVED,
            Nomination.Status.WAITLISTED,
        ):
            _refuse(
                _("This nomination can no longer be rejected."),
                "not_allowed_transition",
                status=409,
            )
        was_claiming = nomination.status == Nomination.Status.APPROVED
        before = audit_snapshot(nomination)
        nomination.status = Nomination.Status.REJECTED
        nomination.decision_reason = reason
        nomination.decided_by = user
        nomination.save(update_fields=["status", "decision_reason", "decided_by", "updated_at"])
        audit_changed(nomination, before=before, user=user)
        if was_claiming:
            _offer_to_waiting_list(nomination.space_id, user=user)
    logger.info(
        "nomination decided",
        extra={
            "event": "nomination_stage_change",
            "nomination_id": nomination.pk,
            "status": nomination.status,
            "user": user,
        },
    )
    return nomination


def nomination_withdraw(*, nomination: Nomination, user, reason: str = "") -> Nomination:
    """Withdraw a nomination (and free its place, if it has one)."""
    if not Nomination.objects.for_user(user, "change").filter(pk=nomination.pk).exists():
        raise PermissionDenied
    with scarce_resource_transaction():
        space = lock_space(nomination.space_id)
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if not nomination.is_active:
            _refuse(_("This nomination is no longer active."), "not_allowed_transition", status=409)
        _require_open(space.fair)
        allocation = nomination.allocations.filter(status=Allocation.Status.ACTIVE).first()
        if allocation is not None:
            _free(space, allocation, reason or _("Nomination withdrawn."), user=user)
        before = audit_snapshot(nomination)
        nomination.status = Nomination.Status.WITHDRAWN
        nomination.decision_reason = reason
        nomination.save(update_fields=["status", "decision_reason", "updated_at"])
        audit_changed(nomination, before=before, user=user)
        _offer_to_waiting_list(space.pk, user=user)
    return nomination


def waiting_list(space: Space):
    """Waitlisted nominations of a space, first come first."""
    return Nomination.objects.filter(space=space, status=Nomination.Status.WAITLISTED).order_by(
        "waitlisted_at", "pk"
    )


def _offer_to_waiting_list(space_id: int, user=None) -> None:
    """Offer freed places to the waiting list in order: the first in line become approved.

    ``user`` is whoever freed the place; the audit trail names them for the promotion.
    """
    space = Space.objects.get(pk=space_id)
    for nomination in waiting_list(space):
        if not _room_for(space, nomination):
            break
        before = audit_snapshot(nomination)
        nomination.status = Nomination.Status.APPROVED
        nomination.save(update_fields=["status", "updated_at"])
        audit_changed(nomination, before=before, user=user)


# --- Allocations -----------------------------------------------------------------------------


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
        if nomination.status not in (Nomination.Status.APPROVED, Nomination.Status.WAITLISTED):
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
        before = audit_snapshot(nomination)
        nomination.status = Nomination.Status.ALLOCATED
        nomination.save(update_fields=["status", "updated_at"])
        audit_changed(nomination, before=before, user=user)
        if jumped:
            Override.objects.create(
                kind=Override.Kind.JUMP_WAITLIST,
                nomination=nomination,
                reason=override_reason.strip(),
                made_by=user,
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
    if nomination.status == Nomination.Status.APPROVED:
        return False
    return waiting_list(space).filter(waitlisted_at__lt=nomination.waitlisted_at).exists()


def _place(space: Space, nomination: Nomination, user, stall, area) -> Allocation:
    if space.is_units:
        stall = _free_stall(space, stall)
        allocation = Allocation.objects.create(
            nomination=nomination,
            fair_id=space.fair_id,
            space=space,
            district_id=nomination.district_id,
            product_id=nomination.exhibitor.product_id,
            stall=stall,
            allocated_by=user,
        )
        Space.objects.filter(pk=space.pk).update(allocated_units=F("allocated_units") + 1)
        return allocation
    area = _free_area(space, Decimal(area) if area not in (None, "") else nomination.area_requested)
    allocation = Allocation.objects.create(
        nomination=nomination,
        fair_id=space.fair_id,
        space=space,
        district_id=nomination.district_id,
        product_id=nomination.exhibitor.product_id,
        area=area,
        allocated_by=user,
    )
    Space.objects.filter(pk=space.pk).update(allocated_area=F("allocated_area") + area)
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
    if Allocation.objects.filter(stall=stall, status=Allocation.Status.ACTIVE).exists():
        _refuse(
            _("Stall %(number)s is already allocated.") % {"number": stall.number},
            "stall_taken",
            "stall",
            409,
        )
    return stall


def _free(space: Space, allocation: Allocation, reason: str, user=None) -> None:
    before = audit_snapshot(allocation)
    allocation.status = Allocation.Status.CANCELLED
    allocation.cancelled_reason = reason
    allocation.save(update_fields=["status", "cancelled_reason", "updated_at"])
    audit_changed(allocation, before=before, user=user)
    if allocation.stall_id:
        Space.objects.filter(pk=space.pk).update(allocated_units=F("allocated_units") - 1)
    else:
        Space.objects.filter(pk=space.pk).update(
            allocated_area=F("allocated_area") - allocation.area
        )


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
        before = audit_snapshot(allocation)
        allocation.status = Allocation.Status.CANCELLED
        allocation.cancelled_reason = reason
        allocation.save(update_fields=["status", "cancelled_reason", "updated_at"])
        audit_changed(allocation, before=before, user=user)
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
        Override.objects.create(
            kind=Override.Kind.MOVE,
            nomination=allocation.nomination,
            reason=reason,
            detail=f"{old_number} → {new_stall.number}",
            made_by=user,
        )
    _log_allocation("allocation moved", moved, user)
    return moved


def allocations_in_waiting_list_order(*, space: Space, user) -> list[Allocation]:
    """Give free places to approved nominations, then the waiting list, in order."""
    made = []
    candidates = Nomination.objects.filter(
        space=space, status__in=[Nomination.Status.APPROVED, Nomination.Status.WAITLISTED]
    ).order_by("status", "waitlisted_at", "created_at", "pk")
    for nomination in candidates:
        stall = None
        if space.is_units:
            stall = (
                Stall.objects.filter(space=space)
                .exclude(allocations__status=Allocation.Status.ACTIVE)
                .order_by("position", "pk")
                .first()
            )
            if stall is None:
                break
        try:
            made.append(allocation_create(nomination=nomination, user=user, stall=stall))
        except ApplicationError as error:
            if error.code in {"capacity_exceeded", "stall_taken"}:
                break
            raise
    return made
