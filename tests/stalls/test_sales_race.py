"""Two people correct the same place's saved sales of a day at the same moment, on PostgreSQL,
each in its own thread and connection, both from a page showing the same saved figure. The
places' row locks order them: the first writes, the second finds the figure changed since its
page was shown and is refused; nothing is overwritten unseen. A pause inside each save, after
it has read the saved figures, widens the window."""

import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection

from accounts.models import User
from accounts.services import user_create
from core.exceptions import ApplicationError
from districts.models import District
from districts.services import master_data_load, master_data_read
from events.models import Fair
from stalls import sales as sales_module
from stalls.models import DailySale
from stalls.sales import sales_day_record
from stalls.sales_changes import sales_fingerprint, saved_sales
from stalls.services import (
    allocation_create,
    allotment_set,
    nomination_approve,
    nomination_submit,
    stalls_create,
)
from tests import factories

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def saved_day(monkeypatch):
    import datetime

    from django.utils import timezone

    master_data_load(rows=master_data_read())
    lucknow = District.objects.get(name_en="Lucknow")
    officer = user_create(username="race-officer", role=User.Role.CELL_OFFICER, password="x" * 16)
    staff = [
        user_create(
            username=f"lko-{n}",
            role=User.Role.DISTRICT_STAFF,
            district=lucknow,
            password="x" * 16,
        )
        for n in (1, 2)
    ]
    today = timezone.localdate()
    fair = factories.fair(
        name_en="Race fair",
        status=Fair.Status.LIVE,
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
    )
    space = factories.space(fair=fair, capacity_units=1)
    stall = stalls_create(space=space, numbers=["R1"], user=officer)[0]
    allotment_set(space=space, district=lucknow, units=1, user=officer)
    nomination = nomination_submit(
        space=space,
        exhibitor=factories.exhibitor(district=lucknow, mobile="9419000001"),
        user=officer,
    )
    nomination_approve(nomination=nomination, user=officer)
    place = allocation_create(nomination=nomination, stall=stall, user=officer)
    row = {"allocation": place, "amount": Decimal(1000), "enquiries": 1, "export_leads": 0}
    sales_day_record(user=staff[0], fair=fair, date=today, rows=[{**row, "seen": None}])
    seen = sales_fingerprint(
        keys={(place.pk, today)},
        saved=saved_sales(user=staff[0], fair=fair, keys={(place.pk, today)}),
    )

    read = sales_module.saved_sales

    def read_then_pause(**kwargs):
        found = read(**kwargs)
        time.sleep(0.2)
        return found

    monkeypatch.setattr(sales_module, "saved_sales", read_then_pause)
    return {"fair": fair, "place": place, "staff": staff, "today": today, "seen": seen, "row": row}


def test_of_two_corrections_from_the_same_page_one_is_written_and_one_refused(saved_day):
    fair, today, seen = saved_day["fair"], saved_day["today"], saved_day["seen"]

    def correct(user, amount):
        try:
            row = {**saved_day["row"], "amount": Decimal(amount), "seen": seen}
            sales_day_record(user=user, fair=fair, date=today, rows=[row], replace=True)
            return "saved"
        except ApplicationError as error:
            return error.code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(correct, saved_day["staff"], ["1200", "1500"]))
    assert sorted(outcomes) == ["saved", "stale"], outcomes
    sale = DailySale.objects.get(allocation=saved_day["place"], date=today)
    winner = "1200" if outcomes[0] == "saved" else "1500"
    assert sale.amount == Decimal(winner)
