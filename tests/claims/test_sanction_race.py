"""Two officers sanction at the same moment, on PostgreSQL: each request runs in its own
thread and connection. A sanction locks the year's budget row, then its claims, so the two are
served one after the other; the second finds the claim sanctioned, or the budget spent, and is
refused at the form with nothing written. A pause inside the first, while it holds the budget
lock, makes sure the second arrives while it is still deciding.
"""

import datetime
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.services import user_create
from claims.models import Budget, Claim, Sanction
from claims.services import (
    claim_create,
    claim_recommend,
    claim_submit,
    claim_verify,
)
from claims.services import sanctions as sanction_services
from districts.models import District
from districts.services import master_data_load, master_data_read
from events.models import Fair
from stalls.models import DailySale
from stalls.services import (
    allocation_create,
    allotment_set,
    nomination_approve,
    nomination_submit,
    stalls_create,
)
from tests import factories
from tests.claims.fixtures import attach_all, claim_values, rule

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def world():
    master_data_load(rows=master_data_read())
    lucknow = District.objects.get(name_en="Lucknow")
    password = "x" * 16
    officers = [
        user_create(username=f"officer-{n}", role=User.Role.CELL_OFFICER, password=password)
        for n in (1, 2)
    ]
    staff = user_create(
        username="lko-claims", role=User.Role.DISTRICT_STAFF, district=lucknow, password=password
    )
    rule()
    return {"officers": officers, "staff": staff, "lucknow": lucknow}


def _verified_claims(world, count: int) -> list[Claim]:
    """``count`` verified claims of Lucknow's exhibitors at one fair that is over."""
    officer, staff, lucknow = world["officers"][0], world["staff"], world["lucknow"]
    fair = factories.fair(status=Fair.Status.ALLOCATION, location=Fair.Location.OTHER_STATE)
    space = factories.space(
        fair=fair, capacity_units=count, charge=Decimal(20000), charge_gst_percent=Decimal(18)
    )
    stalls = stalls_create(space=space, numbers=[f"C{n}" for n in range(count)], user=officer)
    allotment_set(space=space, district=lucknow, units=count, user=officer)
    places = []
    for n, stall in enumerate(stalls):
        exhibitor = factories.exhibitor(district=lucknow, mobile=f"94191{n:05d}")
        nomination = nomination_submit(space=space, exhibitor=exhibitor, user=staff)
        nomination = nomination_approve(nomination=nomination, user=officer)
        places.append(allocation_create(nomination=nomination, stall=stall, user=officer))
    Fair.objects.filter(pk=fair.pk).update(
        start_date=datetime.date(2026, 2, 1),
        end_date=datetime.date(2026, 2, 16),
        status=Fair.Status.CONCLUDED,
    )
    claims = []
    for place in places:
        DailySale.objects.create(
            allocation=place,
            district=lucknow,
            fair=fair,
            date=datetime.date(2026, 2, 1),
            amount=Decimal(9000),
            entered_by=staff,
        )
        claim = claim_create(claim=Claim(**claim_values(place)), user=staff)
        attach_all(claim, staff)
        claim = claim_recommend(claim=claim_submit(claim=claim, user=staff), user=staff)
        claims.append(claim_verify(claim=claim, user=officer))
    return claims


@pytest.fixture
def slow_sanction(monkeypatch):
    """The first sanction to hold the budget's lock pauses there before it decides."""
    position = sanction_services.budget_position

    def paused(budget):
        time.sleep(0.2)
        return position(budget)

    monkeypatch.setattr(sanction_services, "budget_position", paused)


def _race(world, fair, posts: list[dict]):
    barrier = threading.Barrier(len(posts))
    url = reverse("claims:sanction_create") + f"?fair={fair.pk}"

    def sanction(officer, data):
        client = Client()
        client.force_login(officer)
        try:
            barrier.wait()
            response = client.post(url, data)
            return response.status_code, response.content.decode()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        futures = [
            pool.submit(sanction, officer, data)
            for officer, data in zip(world["officers"], posts, strict=True)
        ]
        return [future.result() for future in futures]


def test_two_officers_sanctioning_the_same_claim_one_wins(world, slow_sanction):
    Budget.objects.create(financial_year=2026, allocation=Decimal(1000000))
    (claim,) = _verified_claims(world, 1)
    answers = _race(
        world,
        claim.fair,
        [
            {"claims": [claim.pk], "number": f"RACE/{n}", "sanctioned_on": "2026-11-30"}
            for n in (1, 2)
        ],
    )
    statuses = sorted(status for status, _body in answers)
    assert statuses == [200, 302]
    refused = next(body for status, body in answers if status == 200)
    assert "cannot be sanctioned now" in refused
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SANCTIONED
    assert Sanction.objects.count() == 1
    assert Sanction.objects.get().claims.get() == claim


def test_two_sanctions_that_together_exceed_the_budget_one_is_refused(world, slow_sanction):
    first, second = _verified_claims(world, 2)
    # Room for one claim's ₹27,050, not for two.
    Budget.objects.create(financial_year=2026, allocation=first.amount + second.amount - 1)
    answers = _race(
        world,
        first.fair,
        [
            {"claims": [claim.pk], "number": f"BUDGET/{n}", "sanctioned_on": "2026-11-30"}
            for n, claim in ((1, first), (2, second))
        ],
    )
    assert sorted(status for status, _body in answers) == [200, 302]
    refused = next(body for status, body in answers if status == 200)
    assert "budget has" in refused
    assert Sanction.objects.count() == 1
    budget = Budget.objects.get()
    sanctioned = Claim.objects.filter(status=Claim.Status.SANCTIONED)
    assert sanctioned.count() == 1
    assert Sanction.objects.get().total <= budget.allocation
