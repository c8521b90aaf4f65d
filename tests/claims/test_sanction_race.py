"""Two officers sanction at the same moment, on PostgreSQL: each request runs in its own
thread and connection. A sanction locks the year's budget row, then its claims, so the two are
served one after the other; the second finds the claim sanctioned, or the budget spent, and is
refused at the form with nothing written. A pause inside the first, while it holds the budget
lock, makes sure the second arrives while it is still deciding.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from claims.models import Budget, Claim, Sanction
from claims.services import sanctions as sanction_services
from tests.claims.builders import verified_claims, world_build

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def world():
    return world_build()


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
    (claim,) = verified_claims(world, 1)
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
    first, second = verified_claims(world, 2)
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
