"""Fairs, spaces and activities refuse bad dates and capacities, at the field."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError
from events.models import Activity, Fair, Space
from events.services import fair_set_status, weekend_programmes_create
from tests import factories


def test_a_fair_cannot_end_before_it_starts(db):
    with pytest.raises(ValidationError) as error:
        factories.fair(start_date=datetime.date(2027, 2, 16), end_date=datetime.date(2027, 2, 1))
    assert error.value.message_dict == {"end_date": ["The fair cannot end before it starts."]}


def test_the_database_refuses_a_fair_ending_before_it_starts(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Fair.objects.create(
            name_en="X",
            name_hi="X",
            kind="haat",
            venue_en="V",
            city="C",
            start_date=datetime.date(2027, 2, 2),
            end_date=datetime.date(2027, 2, 1),
        )


@pytest.mark.parametrize("area", [Decimal(0), Decimal(-5)])
def test_an_area_space_needs_a_positive_area(fair, area):
    with pytest.raises(ValidationError) as error:
        factories.space(fair=fair, measure="area", capacity_area=area)
    assert "capacity_area" in error.value.message_dict


def test_a_units_space_needs_a_number_of_stalls(fair):
    with pytest.raises(ValidationError) as error:
        factories.space(fair=fair, measure="units", capacity_units=0)
    assert "capacity_units" in error.value.message_dict


def test_an_activity_outside_the_fair_is_refused_at_the_date(fair):
    activity = Activity(
        fair=fair,
        kind="cultural",
        title_en="Evening",
        title_hi="संध्या",
        date=fair.end_date + datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert list(error.value.message_dict) == ["date"]
    assert "within the fair" in error.value.message_dict["date"][0]


def test_the_database_refuses_an_activity_outside_the_fair(fair):
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.create(
            fair=fair,
            kind="cultural",
            title_en="Evening",
            title_hi="संध्या",
            date=fair.start_date - datetime.timedelta(days=1),
        )


def test_fair_dates_cannot_leave_an_activity_outside(fair, activity):
    fair.start_date = activity.date + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        fair.full_clean()
    assert "end_date" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        fair.save()


def test_weekend_programmes_are_made_for_every_saturday_and_sunday_once(fair, cell_officer):
    made = weekend_programmes_create(
        fair=fair, title_en="Cultural programme", title_hi="सांस्कृतिक कार्यक्रम", user=cell_officer
    )
    # 1–16 Feb 2027: Saturdays 6, 13; Sundays 7, 14.
    assert [a.date.day for a in made] == [6, 7, 13, 14]
    assert (
        weekend_programmes_create(
            fair=fair, title_en="Cultural programme", title_hi="सांस्कृतिक कार्यक्रम", user=cell_officer
        )
        == []
    )


def test_fair_status_follows_its_allowed_transitions(fair, cell_officer):
    fair_set_status(fair=fair, status=Fair.Status.ALLOCATION, user=cell_officer)
    with pytest.raises(ApplicationError) as error:
        fair_set_status(fair=fair, status=Fair.Status.CONCLUDED, user=cell_officer)
    assert error.value.code == "not_allowed_transition"
    fair.refresh_from_db()
    assert fair.status == Fair.Status.ALLOCATION


def test_a_space_capacity_cannot_drop_below_its_stalls(units_space):
    units_space.capacity_units = 2
    with pytest.raises(ValidationError) as error:
        units_space.full_clean()
    assert "capacity_units" in error.value.message_dict


def test_a_ten_thousand_character_fair_name_is_refused(db):
    with pytest.raises(ValidationError) as error:
        factories.fair(name_en="x" * 10_000)
    assert "name_en" in error.value.message_dict


def test_a_space_name_follows_the_language(units_space):
    from django.utils import translation

    with translation.override("hi"):
        assert str(units_space) == "ओडीओपी स्टॉल"
    assert str(units_space) == "ODOP stalls"
    assert Space.objects.count() == 1
