"""Nominations: submitted by district staff within the allotment, decided by the cell."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import audit_created, audited_update
from events.models import Fair, Space
from exhibitors.models import Exhibitor
from stalls.locking import lock_space, scarce_resource_transaction
from stalls.models import Allotment, Draw, Nomination, Offer, Override
from stalls.models.draws import LOT_METHODS
from stalls.services.allotments import _district_claims
from stalls.services.common import (
    ZERO,
    _refuse,
    _require,
    _require_open,
    _require_reason,
    logger,
)
from stalls.services.notices import Code, decision_notify
from stalls.services.places import _free, _offer_end, _offer_to_waiting_list, _room_for


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
        may_override = user.is_statewide and override_reason.strip()
        twin = _same_enterprise(fair, exhibitor)
        if twin and not may_override:
            _refuse(
                _(
                    "%(name)s is the same enterprise as %(other)s (the PAN in their GSTINs), "
                    "already nominated for this fair: one place per enterprise."
                )
                % {"name": exhibitor.name, "other": twin.exhibitor.name},
                "same_enterprise",
                "exhibitor",
                409,
            )
        exceeds = _exceeds_allotment(space, exhibitor.district_id, area_requested)
        if exceeds and not may_override:
            _refuse(exceeds, "allotment_used", "space", 409)
        nomination = Nomination.objects.create(
            fair=fair,
            space=space,
            exhibitor=exhibitor,
            district_id=exhibitor.district_id,
            area_requested=area_requested if not space.is_units else None,
            nominated_by=user,
            deferred=_withdrew_late_before(exhibitor, fair),
        )
        audit_created(nomination, user=user)
        if twin:
            _override_record(
                kind=Override.Kind.SAME_ENTERPRISE,
                nomination=nomination,
                reason=override_reason.strip(),
                detail=twin.exhibitor.name,
                user=user,
            )
        if exceeds:
            _override_record(
                kind=Override.Kind.EXCEED_ALLOTMENT,
                nomination=nomination,
                reason=override_reason.strip(),
                user=user,
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
    if Nomination.objects.filter(fair=fair, exhibitor=exhibitor).active().exists():
        _refuse(
            _("%(name)s is already nominated for this fair.") % {"name": exhibitor.name},
            "already_nominated",
            "exhibitor",
        )


def _withdrew_late_before(exhibitor: Exhibitor, fair: Fair) -> bool:
    """Whether the exhibitor withdrew late from a fair that started within the penalty window
    before this one (LATE_WITHDRAWAL_PENALTY_DAYS; 0: never)."""
    days = settings.LATE_WITHDRAWAL_PENALTY_DAYS
    if not days:
        return False
    since = fair.start_date - datetime.timedelta(days=days)
    return (
        Nomination.objects.filter(exhibitor=exhibitor, late_withdrawal=True)
        .exclude(fair=fair)
        .filter(fair__start_date__gte=since, fair__start_date__lte=fair.start_date)
        .exists()
    )


def _is_late(fair: Fair) -> bool:
    """A withdrawal now, of a nomination that held a place, is late for this fair."""
    return (fair.start_date - timezone.localdate()).days <= settings.LATE_WITHDRAWAL_DAYS


def _same_enterprise(fair: Fair, exhibitor: Exhibitor) -> Nomination | None:
    """An active nomination of the fair whose exhibitor is the same enterprise: its GSTIN
    holds the same PAN (characters 3 to 12), as one business registered in two states or as
    two units. Mobile, Udyam number and GSTIN are each unique to one exhibitor already."""
    if not exhibitor.gstin:
        return None
    pan = exhibitor.gstin[2:12]
    others = (
        Nomination.objects.filter(fair=fair, exhibitor__gstin__contains=pan)
        .active()
        .exclude(exhibitor=exhibitor)
        .select_related("exhibitor")
        .order_by("pk")
    )
    return next((n for n in others if n.exhibitor.gstin[2:12] == pan), None)


def _exceeds_allotment(space: Space, district_id: int, area_requested) -> str | None:
    """Why this nomination is beyond the district's allotment; None if within it. A space
    allocated by lots has no such limit: every approved nomination enters the draw, and the
    draw, not the allotment, decides who gets the places."""
    if space.allocation_method in LOT_METHODS:
        return None
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


def _override_record(*, kind: str, nomination: Nomination, reason: str, user, detail: str = ""):
    """Record a manual override of the allocation rules, with the reason and who made it."""
    return Override.objects.create(
        kind=kind, nomination=nomination, reason=reason, detail=detail, made_by=user
    )


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
        if _awaits_draw(space):
            status, waitlisted_at = Nomination.Status.IN_DRAW, None
        elif _room_for(space, nomination):
            status, waitlisted_at = Nomination.Status.APPROVED, nomination.waitlisted_at
        else:
            status, waitlisted_at = Nomination.Status.WAITLISTED, timezone.now()
        audited_update(
            nomination,
            fields={
                "status": status,
                "waitlisted_at": waitlisted_at,
                "decided_by": user,
            },
            user=user,
        )
        code = {
            Nomination.Status.APPROVED: Code.NOMINATION_APPROVED,
            Nomination.Status.IN_DRAW: Code.NOMINATION_IN_DRAW,
            Nomination.Status.WAITLISTED: Code.NOMINATION_WAITLISTED,
        }[status]
        decision_notify(nomination=nomination, code=code, actor=user)
    _log_decision(nomination, user)
    return nomination


def _awaits_draw(space: Space) -> bool:
    """Whether approval enters the nomination in the space's coming draw of lots. Once the
    draw is made, later approvals queue behind its order, first come; while it is published
    and not yet made, approvals wait (its entrants are fixed)."""
    if space.allocation_method not in LOT_METHODS:
        return False
    draw = Draw.objects.filter(space=space).first()
    if draw is None:
        return True
    if not draw.is_drawn:
        _refuse(
            _(
                "The draw of this space is published with its entrants; approve this "
                "nomination after the draw, when it joins the waiting list behind the drawn "
                "order."
            ),
            "draw_pending",
            status=409,
        )
    return False


def _log_decision(nomination: Nomination, user) -> None:
    logger.info(
        "nomination decided",
        extra={
            "event": "nomination_stage_change",
            "nomination_id": nomination.pk,
            "status": nomination.status,
            "user": user,
        },
    )


def nomination_reject(*, nomination: Nomination, reason: str, user) -> Nomination:
    _require(user, "stalls.add_allocation")
    reason = _require_reason(reason)
    with scarce_resource_transaction():
        lock_space(nomination.space_id)
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        rejectable = (
            Nomination.Status.SUBMITTED,
            Nomination.Status.IN_DRAW,
            Nomination.Status.OFFERED,
        )
        if nomination.status not in (*rejectable, *Nomination.AWAITING_PLACE):
            _refuse(
                _("This nomination can no longer be rejected."),
                "not_allowed_transition",
                status=409,
            )
        was_claiming = nomination.status in (Nomination.Status.APPROVED, Nomination.Status.OFFERED)
        _offer_end(nomination, Offer.Status.WITHDRAWN, user, reason)
        audited_update(
            nomination,
            fields={
                "status": Nomination.Status.REJECTED,
                "decision_reason": reason,
                "decided_by": user,
            },
            user=user,
        )
        decision_notify(
            nomination=nomination, code=Code.NOMINATION_REJECTED, actor=user, reason=reason
        )
        if was_claiming:
            _offer_to_waiting_list(nomination.space_id, user=user)
    _log_decision(nomination, user)
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
        _offer_end(nomination, Offer.Status.WITHDRAWN, user, reason)
        allocation = nomination.allocations.active().first()
        if allocation is not None:
            why = reason or _("Nomination withdrawn.")
            _free(space, allocation, why, user=user)
            decision_notify(
                nomination=nomination,
                code=Code.PLACE_CANCELLED,
                actor=user,
                allocation=allocation,
                reason=why,
            )
        audited_update(
            nomination,
            fields={
                "status": Nomination.Status.WITHDRAWN,
                "decision_reason": reason,
                "late_withdrawal": allocation is not None and _is_late(space.fair),
            },
            user=user,
        )
        _offer_to_waiting_list(space.pk, user=user)
    return nomination
