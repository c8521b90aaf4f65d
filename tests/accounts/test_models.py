"""A district-staff user without a district cannot be saved, from any entry point."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from accounts.services import user_create


def test_district_staff_without_a_district_is_refused_at_the_field(db):
    with pytest.raises(ValidationError) as error:
        user_create(username="nodistrict", role=User.Role.DISTRICT_STAFF)
    assert error.value.message_dict == {"district": ["District staff must belong to a district."]}
    assert not User.objects.filter(username="nodistrict").exists()


def test_a_statewide_role_with_a_district_is_refused_at_the_field(lucknow):
    with pytest.raises(ValidationError) as error:
        user_create(username="officer2", role=User.Role.CELL_OFFICER, district=lucknow)
    assert "district" in error.value.message_dict


def test_the_database_refuses_district_staff_without_a_district(db):
    # The shell path: no form, no full_clean, only the constraint.
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="shell", role=User.Role.DISTRICT_STAFF)


def test_the_database_refuses_an_unknown_role(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="shell", role="minister")


def test_roles_decide_the_scope(cell_officer, lucknow_staff, principal_secretary):
    assert cell_officer.is_statewide and principal_secretary.is_statewide
    assert not lucknow_staff.is_statewide
    assert lucknow_staff.is_district_staff
