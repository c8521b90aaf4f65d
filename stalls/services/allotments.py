"""District allotments: the share of a space reserved for each district."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Sum
from django.utils.translation import gettext as _

from core.audit.services import audit_created, audited_update
from events.models import Space
from stalls.locking import lock_space, scarce_resource_transaction
from stalls.models import Allotment, AllotmentRequest, Nomination
from stalls.services.common import ZERO, _refuse, _require, _require_open, _require_reason
from stalls.services.notices import Code, district_notify


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
        if allotment is None:
            allotment = Allotment.objects.create(
                space=space, district=district, units=units, area=area
            )
            audit_created(allotment, user=user)
        else:
            audited_update(allotment, fields={"units": units, "area": area}, user=user)
        Space.objects.filter(pk=space.pk).update(
            allotted_units=F("allotted_units") - old_units + units,
            allotted_area=F("allotted_area") - old_area + area,
        )
    return allotment


def _district_claims(space: Space, district_id: int) -> tuple[int, Decimal]:
    """Stalls and m² the district's active nominations claim in a space."""
    active = Nomination.objects.filter(space=space, district_id=district_id).active()
    figures = active.aggregate(count=Count("pk"), area=Sum("area_requested"))
    return figures["count"], figures["area"] or ZERO


def allotment_request_submit(
    *, space: Space, district, units: int = 0, area=ZERO, reason: str, user
) -> AllotmentRequest:
    """A district asks for ``units`` more stalls or ``area`` more m² of a space, with a reason.

    District staff ask for their own district, while the fair's places can still change; one
    request per space and district waits for a decision at a time.
    """
    _require(user, "stalls.add_allotmentrequest")
    if user.is_district_staff and user.district_id != district.pk:
        raise PermissionDenied
    reason = _require_reason(reason)
    units, area = int(units or 0), Decimal(area or 0)
    if space.is_units and (area or units <= 0):
        _refuse(_("Ask for a number of stalls (more than zero)."), "invalid_request", "units")
    if not space.is_units and (units or area <= 0):
        _refuse(_("Ask for an area in m² (more than zero)."), "invalid_request", "area")
    with scarce_resource_transaction():
        space = lock_space(space.pk)
        _require_open(space.fair)
        if AllotmentRequest.objects.filter(
            space=space, district=district, status=AllotmentRequest.Status.REQUESTED
        ).exists():
            _refuse(
                _("The district has a request for this space awaiting a decision already."),
                "request_open",
                status=409,
            )
        request = AllotmentRequest.objects.create(
            space=space,
            district=district,
            units=units,
            area=area,
            reason=reason,
            requested_by=user,
        )
        audit_created(request, user=user)
    return request


def _open_request(request: AllotmentRequest) -> AllotmentRequest:
    """The request's row, locked, if it still awaits a decision; refuses otherwise."""
    request = AllotmentRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        _refuse(_("This request has been decided already."), "already_decided", status=409)
    return request


def allotment_request_grant(*, request: AllotmentRequest, user) -> AllotmentRequest:
    """Grant a request: the district's allotment grows by what it asked, within the space."""
    _require(user, "stalls.change_allotmentrequest")
    with scarce_resource_transaction():
        space = lock_space(request.space_id)
        request = _open_request(request)
        _require_open(space.fair)
        current = Allotment.objects.filter(space=space, district_id=request.district_id).first()
        allotment_set(
            space=space,
            district=request.district,
            units=(current.units if current else 0) + request.units,
            area=(current.area if current else ZERO) + request.area,
            user=user,
        )
        audited_update(
            request,
            fields={"status": AllotmentRequest.Status.GRANTED, "decided_by": user},
            user=user,
        )
        _tell(request, Code.REQUEST_GRANTED, user)
    return request


def allotment_request_refuse(*, request: AllotmentRequest, reason: str, user) -> AllotmentRequest:
    _require(user, "stalls.change_allotmentrequest")
    reason = _require_reason(reason)
    with scarce_resource_transaction():
        lock_space(request.space_id)
        request = _open_request(request)
        audited_update(
            request,
            fields={
                "status": AllotmentRequest.Status.REFUSED,
                "decided_by": user,
                "decision_reason": reason,
            },
            user=user,
        )
        _tell(request, Code.REQUEST_REFUSED, user, reason=reason)
    return request


def _tell(request: AllotmentRequest, code: str, user, reason: str = "") -> None:
    space = request.space
    district_notify(
        district_id=request.district_id,
        code=code,
        actor=user,
        link=space.fair.get_absolute_url(),
        params={
            "request_id": request.pk,
            "fair_en": space.fair.name_en,
            "fair_hi": space.fair.name_hi,
            "space_en": space.name_en,
            "space_hi": space.name_hi,
            "count": request.units,
            "area": str(request.area) if not space.is_units else "",
            "reason": reason,
        },
    )
