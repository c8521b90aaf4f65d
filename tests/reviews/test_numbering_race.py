"""Two officers add action points to the same meeting at the same moment, on PostgreSQL: each
request runs in its own thread and connection. Each locks the meeting's row before it reads
the meeting's last number, so the two are served one after the other and the second numbers
after the first; the unique constraint on (meeting, number) is never what decides. A pause
after the first has read its number, while it holds the lock, makes the second arrive then.
"""

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
from reviews.models import ActionPoint
from reviews.services import meeting_rows
from tests.reviews import builders
from tests.reviews.pages import district, officer, point, rows

ROUNDS = 4

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def world():
    master_data_load(rows=master_data_read())
    officers = [
        user_create(username=f"racer{n}", role=User.Role.CELL_OFFICER, password="x" * 16)
        for n in (1, 2)
    ]
    return {"officers": officers, "lucknow": District.objects.get(name_en="Lucknow")}


@pytest.fixture
def slow_numbering(monkeypatch):
    """Whoever reads the meeting's next number pauses before numbering its rows."""
    next_number = meeting_rows._next_number

    def read_then_paused(meeting):
        number = next_number(meeting)
        time.sleep(0.2)
        return number

    monkeypatch.setattr(meeting_rows, "_next_number", read_then_paused)


def _race(world, meeting) -> list[int]:
    barrier = threading.Barrier(2)
    url = reverse("reviews:meeting_detail", args=[meeting.pk])

    def add(index, user):
        data = rows(
            "points",
            [
                point(f"Decision {index}a.", owner=officer(user)),
                point(f"Decision {index}b.", owner=district(world["lucknow"])),
            ],
        )
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            return client.post(url, data).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(add, n, user) for n, user in enumerate(world["officers"], 1)]
        return [future.result() for future in futures]


def test_two_officers_adding_at_once_get_different_numbers(world, slow_numbering):
    for round_number in range(ROUNDS):
        meeting = builders.meeting(
            officer=world["officers"][0], title_en=f"Race meeting {round_number}"
        )
        assert _race(world, meeting) == [302, 302]
        numbered = dict(
            ActionPoint.objects.filter(meeting=meeting).values_list("text_en", "number")
        )
        assert sorted(numbered.values()) == [1, 2, 3, 4]
        # Each officer's rows are numbered together, in the order they were written.
        for index in (1, 2):
            first, second = numbered[f"Decision {index}a."], numbered[f"Decision {index}b."]
            assert (second - first, first % 2) == (1, 1)
