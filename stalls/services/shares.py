"""Reserved shares of a space's places for priority categories, used by its draw of lots.

The shares of a space add up to 100 % at most; they apply to stall spaces drawn by lots, and
are fixed for a draw when its entrants are published (a change afterwards is refused: the
draw was published under them).
"""

from django.utils.translation import gettext as _

from core.audit.services import audit_created, audit_deleted, audited_update
from events.models import Space
from exhibitors.models import PriorityCategory
from stalls.locking import lock_space, scarce_resource_transaction
from stalls.models import Draw, ReservedShare
from stalls.models.draws import LOT_METHODS
from stalls.services.common import _refuse, _require, _require_open


def coverage_first_problem(*, method: str, coverage_first: bool) -> tuple[str, str, str] | None:
    """Why coverage first cannot go with the rule ``method``: it orders a draw."""
    if coverage_first and method not in LOT_METHODS:
        return (
            "coverage_first",
            "coverage_needs_lots",
            _("Coverage first applies to spaces allocated by a draw of lots."),
        )
    return None


def reserved_shares_problem(
    *, space: Space, shares: dict, coverage_first: bool = False
) -> tuple[str, str, str] | None:
    """Why these shares ({category: percent}) and this coverage-first choice cannot be set,
    as (field, code, message)."""
    for category, percent in shares.items():
        if category not in PriorityCategory.values:
            return "category", "invalid_category", _("Choose a category from the list.")
        if not isinstance(percent, int) or not 1 <= percent <= 100:
            return "percent", "invalid_percent", _("A share is 1 to 100 %.")
    total = sum(shares.values())
    if total > 100:
        return (
            "percent",
            "shares_over_100",
            _("The reserved shares add up to %(total)s %%; together they can be 100 %% at most.")
            % {"total": total},
        )
    coverage = coverage_first_problem(method=space.allocation_method, coverage_first=coverage_first)
    if coverage:
        return coverage
    if shares and (not space.is_units or space.allocation_method not in LOT_METHODS):
        return (
            "category",
            "shares_need_lots",
            _("Reserved shares apply to stall spaces allocated by a draw of lots."),
        )
    if Draw.objects.filter(space=space).exists():
        return (
            "category",
            "draw_published",
            _("The draw of this space is published; its draw's options can no longer change."),
        )
    return None


def reserved_shares_set(*, space: Space, shares: dict, user) -> list[ReservedShare]:
    """Replace the space's reserved shares by ``shares`` ({category: percent})."""
    _require(user, "events.change_space")
    with scarce_resource_transaction():
        space = lock_space(space.pk)
        _require_open(space.fair)
        problem = reserved_shares_problem(space=space, shares=shares)
        if problem:
            field, code, message = problem
            _refuse(message, code, field, 409 if code == "draw_published" else 400)
        for old in ReservedShare.objects.filter(space=space):
            audit_deleted(old, user=user)
            old.delete()
        made = []
        for category in PriorityCategory.values:
            if category in shares:
                share = ReservedShare.objects.create(
                    space=space, category=category, percent=shares[category]
                )
                audit_created(share, user=user)
                made.append(share)
    return made


def coverage_first_set(*, space: Space, enabled: bool, user) -> Space:
    """Turn coverage first on or off for the space's draw (before it is published)."""
    _require(user, "events.change_space")
    with scarce_resource_transaction():
        space = lock_space(space.pk)
        _require_open(space.fair)
        if space.coverage_first == enabled:
            return space
        shares = dict(space.reserved_shares.values_list("category", "percent"))
        problem = reserved_shares_problem(space=space, shares=shares, coverage_first=enabled)
        if problem:
            field, code, message = problem
            _refuse(message, code, field, 409 if code == "draw_published" else 400)
        audited_update(space, fields={"coverage_first": enabled}, user=user)
    return space
