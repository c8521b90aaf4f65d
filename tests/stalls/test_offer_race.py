"""Accepting the last place races with its lapse, on PostgreSQL: the district's request and
the beat's sweep run at the same moment, each in its own thread and connection. Both lock the
space row first, so exactly one of them wins; the other is refused (409) or finds nothing to do.
A pause inside the accepting request, after it has found the offer open, widens the window.
"""

import datetime
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.services import user_create
from districts.models import District
from districts.services import master_data_load, master_data_read
from events.models import Fair
from stalls.models import Nomination, Offer
from stalls.services import (
    allotment_set,
    nomination_approve,
    nomination_submit,
    nomination_withdraw,
    offers_lapse,
    stalls_create,
)
from stalls.services import offers as offer_services
from tests import factories

ROUNDS = 6

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def world():
    master_data_load(rows=master_data_read())
    lucknow = District.objects.get(name_en="Lucknow")
    officer = user_create(username="sweeper", role=User.Role.CELL_OFFICER, password="x" * 16)
    staff = user_create(
        username="lko-racer", role=User.Role.DISTRICT_STAFF, district=lucknow, password="x" * 16
    )
    return {"officer": officer, "staff": staff, "lucknow": lucknow}


@pytest.fixture
def slow_accept(monkeypatch):
    """The accepting request pauses once it has found the offer open, before it writes."""
    check = offer_services._open_offer

    def checked_then_paused(offer):
        offer = check(offer)
        time.sleep(0.1)
        return offer

    monkeypatch.setattr(offer_services, "_open_offer", checked_then_paused)


def _last_place_offered(world, index) -> Offer:
    """A one-stall space of a new fair whose stall is offered to its second nomination."""
    officer, lucknow = world["officer"], world["lucknow"]
    fair = factories.fair(status=Fair.Status.ALLOCATION, name_en=f"Race fair {index}")
    space = factories.space(fair=fair, capacity_units=1, name_en="Last stall")
    stalls_create(space=space, numbers=["R1"], user=officer)
    allotment_set(space=space, district=lucknow, units=1, user=officer)
    first, second = (
        nomination_submit(
            space=space,
            exhibitor=factories.exhibitor(district=lucknow, mobile=f"94190{index:02d}{n:03d}"),
            user=officer,
            override_reason="Reserve.",
        )
        for n in (1, 2)
    )
    nomination_approve(nomination=first, user=officer)
    nomination_approve(nomination=second, user=officer)
    nomination_withdraw(nomination=first, user=officer, reason="Cannot come.")
    return Offer.objects.get(nomination=second)


@pytest.fixture
def slow_sweep(monkeypatch):
    """The sweep pauses while it holds the space's lock, after lapsing the offer."""
    offer_on = offer_services._offer_to_waiting_list

    def paused_then_offered(*args, **kwargs):
        time.sleep(0.2)
        return offer_on(*args, **kwargs)

    monkeypatch.setattr(offer_services, "_offer_to_waiting_list", paused_then_offered)


def _race(staff, offer, sweep_at, request_delay=0.0, sweep_delay=0.02):
    barrier = threading.Barrier(2)
    url = reverse("stalls:offer", args=[offer.pk])

    def accept():
        client = Client()
        client.force_login(staff)
        try:
            barrier.wait()
            time.sleep(request_delay)
            response = client.post(url, {"answer": "accept"})
            return response.status_code, response.content.decode()
        finally:
            connection.close()

    def sweep():
        try:
            barrier.wait()
            time.sleep(sweep_delay)
            return offers_lapse(now=sweep_at)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        answered, lapsed = pool.submit(accept), pool.submit(sweep)
        return answered.result(), lapsed.result()


def test_accepting_the_last_place_as_it_lapses_one_wins(world, slow_accept):
    outcomes = set()
    for index in range(ROUNDS):
        offer = _last_place_offered(world, index)
        # The sweep runs as if at the deadline, while the district's answer is still in time.
        sweep_at = offer.expires_at + datetime.timedelta(seconds=1)
        (status, body), lapsed = _race(world["staff"], offer, sweep_at)
        offer.refresh_from_db()
        nomination = Nomination.objects.get(pk=offer.nomination_id)
        if offer.status == Offer.Status.ACCEPTED:
            assert (status, lapsed) == (302, 0)
            assert nomination.status == Nomination.Status.APPROVED
        else:
            assert offer.status == Offer.Status.LAPSED
            assert (status, lapsed) == (200, 1)
            assert "This offer has ended" in body
            assert nomination.status == Nomination.Status.WITHDRAWN
        assert Offer.objects.filter(space=offer.space, status=Offer.Status.OPEN).count() == 0
        outcomes.add(offer.status)
    # The pause keeps the request holding the lock when the sweep arrives: it wins.
    assert Offer.Status.ACCEPTED in outcomes


def test_an_answer_arriving_while_the_offer_lapses_is_refused(world, slow_sweep):
    offer = _last_place_offered(world, 50)
    sweep_at = offer.expires_at + datetime.timedelta(seconds=1)
    (status, body), lapsed = _race(
        world["staff"], offer, sweep_at, request_delay=0.1, sweep_delay=0.0
    )
    offer.refresh_from_db()
    assert (offer.status, lapsed, status) == (Offer.Status.LAPSED, 1, 200)
    assert "This offer has ended" in body
    assert Nomination.objects.get(pk=offer.nomination_id).status == Nomination.Status.WITHDRAWN
