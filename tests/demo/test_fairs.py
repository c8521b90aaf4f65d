"""The demo data records the source report's fairs exactly as described."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from events.models import Activity, Fair
from stalls.selectors import fair_coverage


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_four_fairs_of_the_report_are_recorded(demo):
    surajkund = Fair.objects.get(name_en="Surajkund International Crafts Fair")
    assert [s.capacity_units for s in surajkund.spaces.all()] == [100]
    dilli_haat = Fair.objects.get(name_en="Dilli Haat ODOP Exhibition")
    assert [s.capacity_units for s in dilli_haat.spaces.all()] == [118]
    weekend_days = {a.date.weekday() for a in dilli_haat.activities.filter(kind="cultural")}
    assert weekend_days == {5, 6}
    expo = Fair.objects.get(name_en="Defence Expo")
    spaces = {s.name_en: (s.capacity_area, s.is_odop) for s in expo.spaces.all()}
    assert spaces == {
        "ODOP pavilion": (Decimal(1000), True),
        "Defence companies pavilion": (Decimal(1000), False),
    }
    diwas = Fair.objects.get(name_en="Uttar Pradesh Diwas")
    assert set(diwas.activities.values_list("kind", flat=True)) == {
        Activity.Kind.AWARDS,
        Activity.Kind.TOOLKITS,
        Activity.Kind.TECHNICAL,
    }
    assert diwas.activities.get(kind="awards").recipients.exists()


def test_coverage_shows_gaps_and_a_past_fair_has_sales(demo):
    surajkund = Fair.objects.get(name_en="Surajkund International Crafts Fair")
    coverage = fair_coverage(fair=surajkund)
    assert 0 < coverage.district_count < 75 and coverage.districts_missing
    past = Fair.objects.get(name_en="Surajkund International Crafts Fair 2026")
    assert past.status == "concluded" and past.sales.exists()


def test_the_demo_can_run_twice(demo):
    before = Fair.objects.count()
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Fair.objects.count() == before == 5


def test_last_seasons_gate_record_shows_on_the_board(demo, client):
    from django.urls import reverse

    from accounts.models import User
    from passes.models import Attendance

    past = Fair.objects.get(name_en="Surajkund International Crafts Fair 2026")
    seen = Attendance.objects.filter(credential__fair=past)
    places = past.allocations.filter(status="active").count()
    days = (past.end_date - past.start_date).days + 1
    assert 0 < seen.values("credential").distinct().count() < places
    assert seen.count() < places * days
    client.force_login(User.objects.get(username="cell.officer"))
    board = client.get(reverse("events:board", args=[past.pk])).content.decode()
    assert "days at the gate" in board and "not checked in" in board
