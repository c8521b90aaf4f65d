"""The benchmark data generator keeps the portal's invariants and is deterministic."""

import io
from itertools import pairwise

from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from accounts.models import User
from claims.models import Budget, Claim, Sanction
from claims.models.claims import SANCTIONED
from claims.services.rules import claim_lines, payable_of
from demo.synthetic import data_generate
from events.models import Activity, Space
from exhibitors.models import Exhibitor
from stalls.models import Allocation, DailySale, Draw, Nomination, Offer
from stalls.models.draws import LOT_METHODS
from stalls.services import draw_verify
from tests import factories

Status = Nomination.Status


def test_a_small_data_set_keeps_every_invariant(db):
    made = data_generate(scale=0.01, seed=7)
    assert made["events.Fair"] == 5 and made["exhibitors.Exhibitor"] == 1000
    assert made["claims.Claim"] > 50 and made["stalls.Draw"] >= 1 and made["stalls.Offer"] >= 1
    _assert_places_kept()
    for activity in Activity.objects.select_related("fair"):
        assert activity.fair.start_date <= activity.date <= activity.fair.end_date
    for sale in DailySale.objects.select_related("fair")[:200]:
        assert sale.fair.start_date <= sale.date <= sale.fair.end_date
    _assert_claims_kept()
    _assert_sanctions_kept()
    _assert_draws_kept()
    _assert_offers_kept()
    samples = [*Claim.objects.order_by("?")[:5], *Sanction.objects.all()[:2], *Budget.objects.all()]
    samples += [*Draw.objects.all()[:2], *Offer.objects.all()[:3]]
    for row in samples:
        row.full_clean()


def _assert_places_kept():
    """The space's counters equal their rows, and every place not held is claimed: offered,
    or held for an approved nomination (stalls.services.places._room_for)."""
    for space in Space.objects.all():
        active = Allocation.objects.filter(space=space, status="active").count()
        claiming = Nomination.objects.filter(
            space=space, status__in=[Status.APPROVED, Status.OFFERED]
        )
        assert space.allocated_units == active <= space.stall_count <= space.capacity_units
        assert space.stall_count - active == claiming.count()
        assert space.allotted_units == sum(a.units for a in space.allotments.all())
    held_twice = Allocation.objects.filter(status="active").values("stall").annotate(n=Count("pk"))
    assert not held_twice.filter(n__gt=1).exists()
    for allocation in Allocation.objects.filter(status="active").select_related("nomination"):
        assert allocation.nomination.status == Status.ALLOCATED


def _assert_claims_kept():
    claims = Claim.objects.select_related("allocation__nomination", "fair", "rule", "sanction")
    for claim in claims.prefetch_related("events"):
        allocation = claim.allocation
        assert allocation.status == "active" and claim.fair.end_date < timezone.localdate()
        assert (claim.fair_id, claim.district_id, claim.exhibitor_id) == (
            allocation.fair_id,
            allocation.district_id,
            allocation.nomination.exhibitor_id,
        )
        stall, freight, fare = claim_lines(claim)
        assert (claim.stall_admissible, claim.freight_admissible, claim.fare_admissible) == (
            stall.admissible,
            freight.admissible,
            fare.admissible,
        )
        assert claim.stall_admissible <= claim.stall_charge_paid
        assert claim.freight_admissible <= claim.freight_paid
        assert claim.fare_admissible <= claim.fare_paid
        assert claim.amount == payable_of(claim)
        assert (claim.sanction is not None) == (claim.status in SANCTIONED)
        if claim.status == Claim.Status.PAID:
            assert claim.payment_reference and claim.paid_on >= claim.sanction.sanctioned_on
        events = list(claim.events.all())
        assert events[0].from_status == "" and events[-1].to_status == claim.status
        for before, after in pairwise(events):
            assert before.to_status == after.from_status and before.at < after.at
    statuses = set(Claim.objects.values_list("status", flat=True))
    assert {Claim.Status.PAID, Claim.Status.REJECTED} <= statuses


def _assert_sanctions_kept():
    today = timezone.localdate()
    sums = Sanction.objects.annotate(amounts=Sum("claims__amount"), claims_in=Count("claims"))
    for sanction in sums.select_related("fair"):
        assert sanction.total == sanction.amounts and sanction.claim_count == sanction.claims_in
        assert sanction.fair.end_date < sanction.sanctioned_on <= today
        assert not sanction.claims.exclude(fair=sanction.fair_id).exists()
    for budget in Budget.objects.with_position():
        assert budget.sanctioned <= budget.allocation
    assert Sanction.objects.exists()


def _assert_draws_kept():
    now = timezone.now()
    for draw in Draw.objects.select_related("space").prefetch_related("entrants"):
        entrants = list(draw.entrants.all())
        space_nominations = set(draw.space.nominations.values_list("pk", flat=True))
        assert {e.nomination_id for e in entrants} <= space_nominations
        assert sorted(e.position for e in entrants) == list(range(1, len(entrants) + 1))
        assert draw.space.allocation_method in LOT_METHODS and draw.method in LOT_METHODS
        assert draw.published_at < draw.drawn_at <= now and draw.places == draw.space.stall_count
        assert draw_verify(draw) == []


def _assert_offers_kept():
    now = timezone.now()
    per_nomination = Offer.objects.open().values("nomination").annotate(n=Count("pk"))
    assert not per_nomination.filter(n__gt=1).exists()
    for offer in Offer.objects.select_related("nomination"):
        assert offer.expires_at > offer.offered_at and offer.nomination.space_id == offer.space_id
        assert (offer.answered_at is None) == (offer.status == Offer.Status.OPEN)
        expected = {
            Offer.Status.OPEN: Status.OFFERED,
            Offer.Status.ACCEPTED: Status.ALLOCATED,
            Offer.Status.DECLINED: Status.WITHDRAWN,
            Offer.Status.LAPSED: Status.WITHDRAWN,
        }
        assert offer.nomination.status == expected[offer.status]
        if offer.status == Offer.Status.OPEN:
            assert offer.offered_at < now < offer.expires_at
        elif offer.status == Offer.Status.LAPSED:
            assert offer.answered_at >= offer.expires_at
        else:
            assert offer.offered_at < offer.answered_at < offer.expires_at


def test_the_fairs_not_over_offer_their_freed_places_to_the_waiting_list(db, client):
    data_generate(scale=0.06, seed=5)
    open_offers = Offer.objects.open().select_related("nomination", "space")
    assert open_offers.exists()
    _assert_places_kept()
    _assert_offers_kept()
    for offer in open_offers:
        waiting = Nomination.objects.filter(space=offer.space, status=Status.WAITLISTED)
        # The first in line got the offers: everyone still waiting joined the queue later.
        assert not waiting.filter(waitlisted_at__lt=offer.nomination.waitlisted_at).exists()
        assert Draw.objects.filter(space=offer.space, seed__gt="").exists()
    offer = open_offers.order_by("pk").first()
    staff = factories.user(
        username="staff", role=User.Role.DISTRICT_STAFF, district=offer.nomination.district
    )
    client.force_login(staff)
    assert client.get(f"/offers/{offer.pk}/").status_code == 200
    other = open_offers.filter(~Q(nomination__district=offer.nomination.district_id)).first()
    if other is not None:
        assert client.get(f"/offers/{other.pk}/").status_code == 404


def _fingerprint():
    return list(Exhibitor.objects.order_by("pk").values_list("name", "district_id", "product_id"))


def _claims_fingerprint():
    return list(Claim.objects.order_by("pk").values_list("status", "amount", "paid_on"))


def test_the_same_seed_gives_the_same_data(db):
    with transaction.atomic():
        data_generate(scale=0.005, seed=11)
        first, claims = _fingerprint(), _claims_fingerprint()
        transaction.set_rollback(True)
    out = io.StringIO()
    call_command("generate_data", scale=0.005, seed=11, stdout=out)
    assert _fingerprint() == first and len(first) == 500
    assert _claims_fingerprint() == claims and claims
    assert "Done in" in out.getvalue()
