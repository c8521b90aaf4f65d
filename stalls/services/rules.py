"""A space's allocation rule: chosen by the cell before allocation starts, frozen afterwards.

Allocation has started in a space once any of its nominations has been decided or placed, or
its draw published. Until then the rule changes freely; afterwards a change needs a reason,
and once a draw is published the rule cannot change at all (the draw was made under it).
Every change is kept (AllocationRuleChange) and audited.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import audited_update
from events.models import MAX_RETENTION_EDITIONS, AllocationMethod, Space
from stalls.locking import lock_space, scarce_resource_transaction
from stalls.models import Allocation, AllocationRuleChange, Draw, Nomination
from stalls.models.draws import LOT_METHODS
from stalls.services.common import _refuse, _require, _require_open
from stalls.services.notices import Code, decision_notify
from stalls.services.places import _room_for


def allocation_started(space: Space) -> bool:
    decided = Nomination.objects.filter(space=space).exclude(status=Nomination.Status.SUBMITTED)
    return (
        decided.exists()
        or Allocation.objects.filter(space=space).exists()
        or Draw.objects.filter(space=space).exists()
    )


def allocation_rule_problem(
    *, space: Space, method: str, retention_editions: int, reason: str, rotation_editions: int = 0
) -> tuple[str, str, str] | None:
    """Why this rule cannot be set now, as (field, code, message); None if it can. The admin's
    form asks this before saving, so the message stands at the field."""
    if method not in AllocationMethod.values:
        return "allocation_method", "invalid_method", _("Choose an allocation rule from the list.")
    if not isinstance(retention_editions, int) or not (
        1 <= retention_editions <= MAX_RETENTION_EDITIONS
    ):
        return (
            "retention_editions",
            "invalid_retention",
            _("The retention window is 1 to %(max)s editions.") % {"max": MAX_RETENTION_EDITIONS},
        )
    if not isinstance(rotation_editions, int) or not (
        0 <= rotation_editions <= MAX_RETENTION_EDITIONS
    ):
        return (
            "rotation_editions",
            "invalid_rotation",
            _("Rotation looks back 0 to %(max)s editions.") % {"max": MAX_RETENTION_EDITIONS},
        )
    unchanged = (method, retention_editions, rotation_editions) == _rule_of(space)
    if unchanged:
        return None
    if Draw.objects.filter(space=space).exists():
        return (
            "allocation_method",
            "draw_published",
            _("The draw of this space is published; its rule can no longer change."),
        )
    if allocation_started(space) and not (reason or "").strip():
        return (
            "reason",
            "reason_required",
            _("Allocation has started in this space: give the reason for changing its rule."),
        )
    return None


def _rule_of(space: Space) -> tuple[str, int, int]:
    return (space.allocation_method, space.retention_editions, space.rotation_editions)


def allocation_rule_set(
    *,
    space: Space,
    method: str,
    retention_editions: int = 1,
    rotation_editions: int = 0,
    reason: str = "",
    user,
) -> Space:
    """Set the space's rule (and retention window); recorded with the reason if allocation has
    started. Nominations waiting for a draw that will no longer take place join the queue in
    the order they were made."""
    _require(user, "events.change_space")
    with scarce_resource_transaction():
        space = lock_space(space.pk)
        _require_open(space.fair)
        problem = allocation_rule_problem(
            space=space,
            method=method,
            retention_editions=retention_editions,
            rotation_editions=rotation_editions,
            reason=reason,
        )
        if problem:
            field, code, message = problem
            _refuse(message, code, field, 409 if code == "draw_published" else 400)
        before = _rule_of(space)
        if before == (method, retention_editions, rotation_editions):
            return space
        started = allocation_started(space)
        AllocationRuleChange.objects.create(
            space=space,
            method_before=before[0],
            method_after=method,
            retention_before=before[1],
            retention_after=retention_editions,
            rotation_before=before[2],
            rotation_after=rotation_editions,
            after_start=started,
            reason=(reason or "").strip(),
            made_by=user,
        )
        audited_update(
            space,
            fields={
                "allocation_method": method,
                "retention_editions": retention_editions,
                "rotation_editions": rotation_editions,
            },
            user=user,
        )
        if method not in LOT_METHODS:
            _queue_without_draw(space, user)
    return space


def _queue_without_draw(space: Space, user) -> None:
    """Nominations approved for a draw join the queue first come, as the new rule says."""
    full = False
    entered = Nomination.objects.filter(space=space, status=Nomination.Status.IN_DRAW)
    for nomination in entered.order_by("created_at", "pk").select_related("fair", "space"):
        if not full and _room_for(space, nomination):
            fields = {"status": Nomination.Status.APPROVED}
            code = Code.NOMINATION_APPROVED
        else:
            full = True
            fields = {"status": Nomination.Status.WAITLISTED, "waitlisted_at": timezone.now()}
            code = Code.NOMINATION_WAITLISTED
        audited_update(nomination, fields=fields, user=user)
        decision_notify(nomination=nomination, code=code)
