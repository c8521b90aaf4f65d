"""District allotments: the share of a space reserved for each district."""

from decimal import Decimal

from django.db.models import Count, F, Sum
from django.utils.translation import gettext as _

from core.audit.services import audit_created, audited_update
from events.models import Space
from stalls.locking import lock_space, scarce_resource_transaction
from stalls.models import Allotment, Nomination
from stalls.services.common import ZERO, _refuse, _require


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
