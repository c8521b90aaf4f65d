"""Draws of lots: published with their entrants and commitment, then made by revealing the seed.

The order is stalls/lots.py's function of the seed and the entrants' numbers; the places then
go down that order as the waiting list's do: while room is left an entrant is approved (its
place follows from the board, in lot order), after that every later entrant is wait-listed in
lot order. An entrant withdrawn or rejected between publication and draw keeps its position in
the published order and is passed over. Each district hears the outcome for its entrants.
"""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit.services import audit_created, audited_update
from events.models import AllocationMethod, Fair, Space
from exhibitors.models import PriorityCategory, PriorityClaim
from stalls import lots
from stalls.locking import lock_space, scarce_resource_transaction
from stalls.models import Allocation, DailySale, Draw, DrawEntrant, Nomination
from stalls.models.draws import LOT_METHODS
from stalls.services.common import _refuse, _require, _require_open, logger
from stalls.services.notices import Code, decision_notify
from stalls.services.places import _room_for


def _previous_editions(space: Space, editions: int) -> list[int]:
    """The ids of the fair's last ``editions`` editions, newest first (fewer if it has fewer)."""
    fair_ids, fair = [], space.fair
    while len(fair_ids) < editions and fair.previous_edition_id:
        fair_ids.append(fair.previous_edition_id)
        fair = Fair.objects.only("pk", "previous_edition_id").get(pk=fair.previous_edition_id)
    return fair_ids


def rotating_district_ids(space: Space, editions: int) -> set[int]:
    """Districts that held a place at each of the fair's last ``editions`` editions: under
    rotation they yield to the others. None when rotation is off or the fair has fewer
    editions behind it."""
    fair_ids = _previous_editions(space, editions) if editions else []
    if not editions or len(fair_ids) < editions:
        return set()
    held = (
        Allocation.objects.filter(fair_id__in=fair_ids)
        .active()
        .values("district_id")
        .annotate(editions=Count("fair_id", distinct=True))
        .filter(editions=len(fair_ids))
        .order_by()
    )
    return {row["district_id"] for row in held}


def retained_exhibitor_ids(space: Space, editions: int) -> set[int]:
    """Exhibitors who held a place at one of the fair's last ``editions`` editions and entered
    sales there: the retention claim."""
    fair_ids = _previous_editions(space, editions)
    if not fair_ids:
        return set()
    sold = DailySale.objects.filter(allocation=OuterRef("pk"))
    held = Allocation.objects.filter(fair_id__in=fair_ids).active().filter(Exists(sold))
    return set(held.values_list("nomination__exhibitor_id", flat=True))


def draw_publish_problem(*, space: Space, commitment: str) -> tuple[str, str, str] | None:
    """Why this draw cannot be published, as (field, code, message); None if it can. The
    admin's form asks this before saving, so the message stands at the field."""
    if not lots.COMMITMENT.match((commitment or "").strip().lower()):
        return (
            "commitment",
            "invalid_commitment",
            _("The commitment is a SHA-256 hash: 64 hexadecimal digits (0–9, a–f)."),
        )
    if space.allocation_method not in LOT_METHODS:
        return (
            "space",
            "not_by_lots",
            _(
                "%(space)s is allocated first come, first served; choose a draw of lots "
                "as its rule first."
            )
            % {"space": space.name},
        )
    if Draw.objects.filter(space=space).exists():
        return ("space", "draw_exists", _("The draw of this space is already published."))
    if not Nomination.objects.filter(space=space, status=Nomination.Status.IN_DRAW).exists():
        return (
            "space",
            "no_entrants",
            _("A draw needs entrants: approve nominations for this space first."),
        )
    return None


def draw_seed_problem(*, draw: Draw, seed: str) -> tuple[str, str, str] | None:
    """Why ``seed`` cannot make this draw, as (field, code, message); None if it can."""
    seed = (seed or "").strip()
    low, high = lots.SEED_LENGTH
    if not low <= len(seed) <= high:
        return (
            "seed",
            "invalid_seed",
            _("The seed is %(low)s to %(high)s characters long.") % {"low": low, "high": high},
        )
    if draw.is_drawn:
        return (
            "seed",
            "already_drawn",
            _("This draw was made on %(date)s; a draw cannot be made again.")
            % {"date": date_format(timezone.localtime(draw.drawn_at), "j M Y, H:i")},
        )
    if lots.commitment_of(seed) != draw.commitment:
        return (
            "seed",
            "seed_mismatch",
            _("This seed does not match the commitment published on %(date)s.")
            % {"date": date_format(timezone.localtime(draw.published_at), "j M Y")},
        )
    return None


def draw_publish(*, space: Space, commitment: str, user) -> Draw:
    """Publish the space's draw: the nominations approved for it become its entrants, fixed
    from now on with their retention claims, and the seed's commitment is public."""
    _require(user, "stalls.add_draw")
    commitment = (commitment or "").strip().lower()
    with scarce_resource_transaction():
        space = lock_space(space.pk)
        _require_open(space.fair)
        problem = draw_publish_problem(space=space, commitment=commitment)
        if problem:
            field, code, message = problem
            _refuse(message, code, field, 409 if code == "draw_exists" else 400)
        entrants = list(
            Nomination.objects.filter(space=space, status=Nomination.Status.IN_DRAW)
            .select_related("exhibitor")
            .order_by("pk")
        )
        retained = set()
        if space.allocation_method == AllocationMethod.RETENTION_LOTS:
            retained = retained_exhibitor_ids(space, space.retention_editions)
        yielding = rotating_district_ids(space, space.rotation_editions)
        shares = dict(space.reserved_shares.values_list("category", "percent"))
        held = _categories_of(entrants, space.fair) if shares else {}
        draw = Draw.objects.create(
            space=space,
            method=space.allocation_method,
            retention_editions=space.retention_editions,
            rotation_editions=space.rotation_editions,
            shares=shares,
            places=max(space.stall_count - space.allocated_units, 0) if space.is_units else 0,
            coverage_first=space.coverage_first,
            represented=_represented(space.fair) if space.coverage_first else [],
            commitment=commitment,
            published_by=user,
        )
        DrawEntrant.objects.bulk_create(
            DrawEntrant(
                draw=draw,
                nomination=n,
                retained=n.exhibitor_id in retained,
                deferred=n.deferred,
                yields=n.district_id in yielding,
                categories=held.get(n.pk, []),
                product_id=n.exhibitor.product_id,
            )
            for n in entrants
        )
        audit_created(draw, user=user)
    logger.info(
        "draw published",
        extra={"event": "draw", "draw_id": draw.pk, "entrants": len(entrants), "user": user},
    )
    return draw


def draw_perform(*, draw: Draw, seed: str, user) -> Draw:
    """Make the draw: the revealed seed must match the commitment; the order is computed,
    stored for good, and the places go down it."""
    _require(user, "stalls.add_draw")
    seed = (seed or "").strip()
    with scarce_resource_transaction():
        space = lock_space(draw.space_id)
        draw = Draw.objects.select_for_update().get(pk=draw.pk)
        _require_open(space.fair)
        problem = draw_seed_problem(draw=draw, seed=seed)
        if problem:
            field, code, message = problem
            if code == "already_drawn":
                _refuse(message, code, status=409)
            _refuse(message, code, field)
        entrants = {e.nomination_id: e for e in draw.entrants.all()}
        order = _order(draw, seed, list(entrants.values()))
        for position, number in enumerate(order, start=1):
            entrants[number].ticket = lots.ticket_of(seed, number)
            entrants[number].position = position
        DrawEntrant.objects.bulk_update(entrants.values(), ["ticket", "position"])
        now = timezone.now()
        audited_update(draw, fields={"seed": seed, "drawn_at": now, "drawn_by": user}, user=user)
        _place_in_order(space, order, now, user)
    logger.info("draw made", extra={"event": "draw", "draw_id": draw.pk, "user": user})
    return draw


def _order(draw: Draw, seed: str, entrants: list[DrawEntrant]) -> list[int]:
    """stalls/lots.py's order of the draw's entrants, from what was published."""
    return lots.draw_order(
        seed,
        [
            (e.nomination_id, e.retained, e.deferred, e.yields, e.categories, e.product_id)
            for e in entrants
        ],
        retention=draw.method == AllocationMethod.RETENTION_LOTS,
        shares=draw.shares,
        places=draw.places,
        categories=PriorityCategory.values,
        coverage_first=draw.coverage_first,
        represented=draw.represented,
    )


def _represented(fair: Fair) -> list[int]:
    """The ODOP products the fair's active places show, in id order."""
    placed = Allocation.objects.filter(fair=fair, product__isnull=False).active()
    return sorted(set(placed.values_list("product_id", flat=True)))


def _categories_of(nominations: list[Nomination], fair: Fair) -> dict[int, list[str]]:
    """Nomination id → the priority categories its exhibitor holds: those claimed with
    evidence, and first-time participant (no place at any earlier fair)."""
    exhibitor_ids = {n.exhibitor_id for n in nominations}
    claimed = defaultdict(list)
    for exhibitor_id, category in PriorityClaim.objects.filter(
        exhibitor_id__in=exhibitor_ids
    ).values_list("exhibitor_id", "category"):
        claimed[exhibitor_id].append(category)
    placed_before = set(
        Allocation.objects.filter(
            nomination__exhibitor_id__in=exhibitor_ids, fair__start_date__lt=fair.start_date
        )
        .active()
        .values_list("nomination__exhibitor_id", flat=True)
    )
    return {
        n.pk: sorted(claimed[n.exhibitor_id])
        + ([PriorityCategory.FIRST_TIME.value] if n.exhibitor_id not in placed_before else [])
        for n in nominations
    }


def _place_in_order(space: Space, order: list[int], now, user) -> None:
    nominations = Nomination.objects.select_for_update(of=("self",)).select_related(
        "fair", "space", "exhibitor"
    )
    by_pk = nominations.in_bulk(order)
    full = False
    for position, number in enumerate(order, start=1):
        nomination = by_pk[number]
        if nomination.status != Nomination.Status.IN_DRAW:
            continue  # withdrawn or rejected since the entrants were published
        if not full and _room_for(space, nomination):
            fields = {"status": Nomination.Status.APPROVED, "lot": position}
            code = Code.NOMINATION_APPROVED
        else:
            full = True
            fields = {"status": Nomination.Status.WAITLISTED, "waitlisted_at": now, "lot": position}
            code = Code.NOMINATION_WAITLISTED
        audited_update(nomination, fields=fields, user=user)
        decision_notify(nomination=nomination, code=code, actor=user)


def draw_verify(draw: Draw) -> list[str]:
    """What does not hold in a drawn draw (empty when it is reproduced exactly): the seed
    against its commitment, and every ticket and position against the recomputed order."""
    if not draw.is_drawn:
        return [_("Not drawn yet.")]
    problems = []
    if lots.commitment_of(draw.seed) != draw.commitment:
        problems.append(_("The seed does not match the commitment."))
    entrants = list(draw.entrants.all())
    order = _order(draw, draw.seed, entrants)
    expected = {number: position for position, number in enumerate(order, start=1)}
    for entrant in entrants:
        if entrant.position != expected[entrant.nomination_id]:
            problems.append(
                _(
                    "Nomination %(number)s is at position %(stored)s; the seed puts it at "
                    "%(computed)s."
                )
                % {
                    "number": entrant.nomination_id,
                    "stored": entrant.position,
                    "computed": expected[entrant.nomination_id],
                }
            )
        if entrant.ticket != lots.ticket_of(draw.seed, entrant.nomination_id):
            problems.append(
                _("The ticket of nomination %(number)s is not the seed's.")
                % {"number": entrant.nomination_id}
            )
    return problems
