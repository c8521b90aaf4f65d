"""Attendance at the gate where the cell reads it: the stall board and the data-quality score."""

import pytest
from django.urls import reverse

from passes.models import Attendance, Credential
from passes.services import check_in, credential_issue, signed
from stalls.models import Allocation
from tests.queries import assert_constant_queries, assert_num_queries
from tests.stalls.test_views import _grow_allocations

pytestmark = pytest.mark.django_db


def _board(client, fair):
    return client.get(reverse("events:board", args=[fair.pk]))


def test_the_board_shows_who_was_checked_in_today_and_on_how_many_days(
    personas, fair_today, credential, cell_officer
):
    client = personas["cell_officer"]
    assert "not checked in" in _board(client, fair_today).content.decode()
    Attendance.objects.create(
        credential=credential,
        day=fair_today.start_date,
        checked_in_by=cell_officer,
    )
    assert "1 day at the gate" in _board(client, fair_today).content.decode()
    assert check_in(fair=fair_today, scanned=signed(credential.code), user=cell_officer).ok
    text = _board(client, fair_today).content.decode()
    assert "checked in today · 2 days at the gate" in text


def test_the_board_of_a_fair_not_yet_selling_says_nothing_of_the_gate(
    personas, allocation, credential
):
    text = _board(personas["cell_officer"], allocation.fair).content.decode()
    assert "at the gate" not in text and "not checked in" not in text


def test_the_board_in_hindi_translates_the_gate(personas, fair_today, credential, cell_officer):
    check_in(fair=fair_today, scanned=signed(credential.code), user=cell_officer)
    client = personas["cell_officer"]
    text = client.get(
        reverse("events:board", args=[fair_today.pk]), HTTP_ACCEPT_LANGUAGE="hi"
    ).content.decode()
    assert "checked in today" not in text and "at the gate" not in text


def test_the_board_reads_attendance_in_one_query_whatever_the_places(
    personas, fair_today, credential, lucknow, cell_officer
):
    client = personas["cell_officer"]
    url = reverse("events:board", args=[fair_today.pk])
    client.get(url)
    # user (session from the cache), permissions, fair, spaces, stalls, the fair's active
    # allocations, the passes checked in per place
    with assert_num_queries(7):
        client.get(url)

    def grow():
        _grow_allocations(fair_today, lucknow, cell_officer, 5)
        for place in Allocation.objects.filter(fair=fair_today, credential__isnull=True):
            made = credential_issue(allocation=place)
            check_in(fair=fair_today, scanned=signed(made.code), user=cell_officer)

    assert_constant_queries(lambda: client.get(url), grow)


def _quality(client):
    return client.get(reverse("dashboard:home")).context["own"]


def test_data_quality_counts_the_gate_only_where_passes_are_checked(
    personas, fair_today, credential, cell_officer
):
    """Two of the fair's days have come (yesterday and today) for Lucknow's one place, with no
    sales entered: 0 %. Once the gate checks passes, the pass seen on one of the two days adds
    a part of 50 %: (0 + 50) / 2."""
    client = personas["lucknow_staff"]
    before = _quality(client)
    assert (before["expected_days"], before["gate_days"], before["quality"]) == (2, 0, 0)
    check_in(fair=fair_today, scanned=signed(credential.code), user=cell_officer)
    after = _quality(client)
    assert (after["gate_days"], after["present_days"], after["quality"]) == (2, 1, 25)
    # The cell reads the same score for Lucknow as Lucknow's staff.
    rows = personas["cell_officer"].get(reverse("dashboard:home")).context["participation"]
    lucknow_row = next(r for r in rows if r["district"].pk == credential.district_id)
    assert lucknow_row["quality"] == 25


def test_a_fair_checking_passes_counts_a_district_whose_exhibitors_never_came(
    personas, fair_today, credential, varanasi, cell_officer
):
    """Another district's pass seen at the gate makes the gate part of every district's score
    at that fair: Lucknow's place, never checked in, counts 0 of its 2 days."""
    _grow_allocations(fair_today, varanasi, cell_officer, 1)
    theirs = credential_issue(allocation=Allocation.objects.get(fair=fair_today, district=varanasi))
    assert check_in(fair=fair_today, scanned=signed(theirs.code), user=cell_officer).ok
    own = _quality(personas["lucknow_staff"])
    assert (own["gate_days"], own["present_days"], own["quality"]) == (2, 0, 0)
    assert Credential.objects.count() == 2
