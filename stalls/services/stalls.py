"""Stalls of a units space: adding them by number, or numbering the rest 1, 2, 3…"""

from django.db.models import F
from django.utils.translation import gettext as _

from core.audit.services import audit_diff, audit_entry, audit_record_many, audit_snapshot
from events.models import Space
from stalls.locking import lock_space, scarce_resource_transaction
from stalls.models import Stall
from stalls.services.common import _refuse, _require


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
