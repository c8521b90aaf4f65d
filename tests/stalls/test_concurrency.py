"""The last free stall and the last 10 m², raced by 20 parallel requests on PostgreSQL.

Each request runs in its own thread through the whole Django stack with its own database
connection. A short pause between "is the place free?" and "take it" widens the race window,
so these tests fail if the lock is taken out of stalls.locking.lock_space: the losers would then
all pass the check and hit the database constraints (a 500) instead of the clear refusal.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.services import user_create
from core.exceptions import ApplicationError
from districts.models import District
from districts.services import master_data_load, master_data_read
from events.models import Fair, Space
from stalls.locking import lock_space, scarce_resource_transaction
from stalls.models import Allocation, Nomination, Stall
from stalls.services import allocation_create, allotment_set, stalls_create
from stalls.services import places as services
from tests import factories

PARALLEL = 20

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def world():
    """Committed data: master data, an officer, a fair with a units and an area space."""
    master_data_load(rows=master_data_read())
    officer = user_create(username="racer", role=User.Role.CELL_OFFICER, password="x" * 16)
    fair = factories.fair(status=Fair.Status.ALLOCATION)
    return {"officer": officer, "fair": fair, "lucknow": District.objects.get(name_en="Lucknow")}


def _approved_nominations(space, district, count, first_mobile):
    """``count`` approved nominations straight in the database (the race is about allocating)."""
    nominations = []
    for n in range(count):
        exhibitor = factories.exhibitor(district=district, mobile=str(first_mobile + n))
        nominations.append(
            Nomination.objects.create(
                fair=space.fair,
                space=space,
                exhibitor=exhibitor,
                district=district,
                area_requested=None if space.is_units else Decimal(10),
                status=Nomination.Status.APPROVED,
                nominated_by=User.objects.order_by("pk").first(),
            )
        )
    return nominations


@pytest.fixture
def slow_lock(monkeypatch):
    """Pause between the check that a place is free and the write that takes it, as a slow
    request would: only the space's lock then keeps two requests from taking the same place."""
    for name in ("_free_stall", "_free_area"):
        check = getattr(services, name)

        def checked_then_paused(*args, check=check):
            result = check(*args)
            time.sleep(0.05)
            return result

        monkeypatch.setattr(services, name, checked_then_paused)


def _race(officer, url, payloads):
    """POST each payload to ``url`` from its own thread, all released at once."""
    barrier = threading.Barrier(len(payloads))

    def post(payload):
        client = Client()
        client.force_login(officer)
        try:
            barrier.wait()
            response = client.post(url, payload)
            return response.status_code, response.content.decode()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(payloads)) as pool:
        return list(pool.map(post, payloads))


def _api_race(officer, url, payloads):
    """POST each payload to the API with the officer's token, from its own thread, all at
    once; returns (status, body) of each."""
    from rest_framework.test import APIClient

    from accounts.services import api_token_create

    key, _token = api_token_create(user=officer)
    barrier = threading.Barrier(len(payloads))

    def post(payload):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        try:
            barrier.wait()
            response = client.post(url, payload, format="json")
            return response.status_code, response.json()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(payloads)) as pool:
        return list(pool.map(post, payloads))


def test_twenty_requests_for_the_last_free_stall_one_wins(world, slow_lock):
    officer, fair = world["officer"], world["fair"]
    space = factories.space(fair=fair, capacity_units=1, name_en="Last stall")
    stalls_create(space=space, numbers=["L1"], user=officer)
    allotment_set(space=space, district=world["lucknow"], units=1, user=officer)
    stall = Stall.objects.get(space=space)
    nominations = _approved_nominations(space, world["lucknow"], PARALLEL, 9418000000)

    url = reverse("stalls:allocate_stall", args=[fair.pk, stall.pk])
    results = _race(officer, url, [{"nomination": n.pk} for n in nominations])

    statuses = sorted(status for status, _body in results)
    assert statuses == [200] * (PARALLEL - 1) + [302]
    refusals = [body for status, body in results if status == 200]
    assert all("Stall L1 is already allocated." in body for body in refusals)
    assert Allocation.objects.filter(stall=stall, status="active").count() == 1
    space.refresh_from_db()
    assert space.allocated_units == 1
    assert Nomination.objects.filter(space=space, status="allocated").count() == 1


def test_twenty_requests_for_the_last_10_square_metres_one_wins(world, slow_lock):
    officer, fair, lucknow = world["officer"], world["fair"], world["lucknow"]
    space = factories.space(
        fair=fair, measure="area", capacity_area=Decimal(100), name_en="Pavilion"
    )
    holder = _approved_nominations(space, lucknow, 1, 9418100000)[0]
    holder.area_requested = Decimal(90)
    holder.save()
    allocation_create(nomination=holder, area=Decimal(90), user=officer)
    nominations = _approved_nominations(space, lucknow, PARALLEL, 9418200000)

    url = reverse("stalls:allocate_area", args=[fair.pk, space.pk])
    results = _race(officer, url, [{"nomination": n.pk, "area": "10"} for n in nominations])

    statuses = sorted(status for status, _body in results)
    assert statuses == [200] * (PARALLEL - 1) + [302]
    refusals = [body for status, body in results if status == 200]
    assert all("Only 0.00 m² of this space are free." in body for body in refusals)
    space.refresh_from_db()
    assert space.allocated_area == Decimal(100)
    assert sum(a.area for a in Allocation.objects.filter(space=space, status="active")) == Decimal(
        100
    )


def test_a_lock_held_too_long_answers_busy(world, settings):
    settings.ALLOCATION_LOCK_TIMEOUT_MS = 200
    officer, fair, lucknow = world["officer"], world["fair"], world["lucknow"]
    space = factories.space(fair=fair, capacity_units=1, name_en="Busy")
    stalls_create(space=space, numbers=["B1"], user=officer)
    nomination = _approved_nominations(space, lucknow, 1, 9418300000)[0]
    locked, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                Space.objects.select_for_update().get(pk=space.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(10)
        with pytest.raises(ApplicationError) as error:
            allocation_create(
                nomination=nomination, stall=Stall.objects.get(space=space), user=officer
            )
        assert error.value.code == "busy" and error.value.status == 409
    finally:
        release.set()
        holder.join()
    assert not Allocation.objects.filter(space=space).exists()


def test_the_lock_is_a_real_row_lock(world):
    """lock_space holds the row: another transaction cannot lock it until the first ends."""
    fair = world["fair"]
    space = factories.space(fair=fair, capacity_units=1, name_en="Row lock")
    with scarce_resource_transaction():
        lock_space(space.pk)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE c.relname = 'events_space' AND l.mode = 'RowShareLock' AND l.granted"
            )
            assert cursor.fetchone()[0] >= 1


def test_twenty_api_requests_for_the_last_stall_get_one_201_and_nineteen_409(world, slow_lock):

    officer, fair = world["officer"], world["fair"]
    space = factories.space(fair=fair, capacity_units=1, name_en="API stall")
    stalls_create(space=space, numbers=["A1"], user=officer)
    stall = Stall.objects.get(space=space)
    nominations = _approved_nominations(space, world["lucknow"], PARALLEL, 9418400000)
    payloads = [{"nomination": n.pk, "stall": stall.pk} for n in nominations]
    results = _api_race(officer, "/api/v1/allocations/", payloads)
    assert sorted(code for code, _body in results) == [201] + [409] * (PARALLEL - 1)
    assert {body["error"]["code"] for code, body in results if code == 409} == {"stall_taken"}
    assert Allocation.objects.filter(stall=stall, status="active").count() == 1


def test_twenty_api_allocations_of_one_nomination_get_one_201_and_nineteen_409(world, slow_lock):
    """The same nomination sent twenty times at once (a double-clicking script): one place."""
    officer, fair = world["officer"], world["fair"]
    space = factories.space(fair=fair, capacity_units=PARALLEL, name_en="Repeated")
    stalls = stalls_create(space=space, numbers=[f"R{n}" for n in range(PARALLEL)], user=officer)
    (nomination,) = _approved_nominations(space, world["lucknow"], 1, 9418500000)
    payloads = [{"nomination": nomination.pk, "stall": stall.pk} for stall in stalls]
    results = _api_race(officer, "/api/v1/allocations/", payloads)
    assert sorted(code for code, _body in results) == [201] + [409] * (PARALLEL - 1)
    assert {body["error"]["code"] for code, body in results if code == 409} == {"already_allocated"}
    assert Allocation.objects.filter(nomination=nomination).count() == 1
