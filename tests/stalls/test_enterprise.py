"""One place per enterprise in a fair: exhibitors whose GSTINs hold the same PAN are one
business; the second is refused for district staff, and needs a recorded reason from the cell."""

import pytest

from core.exceptions import ApplicationError
from core.identifiers import gstin_check_character
from stalls.models import Override
from stalls.services import allotment_set, nomination_submit
from tests import factories


def gstin(state: str, pan: str, entity: str = "1") -> str:
    first14 = f"{state}{pan}{entity}Z"
    return first14 + gstin_check_character(first14)


@pytest.fixture
def twins(lucknow):
    one = factories.exhibitor(
        district=lucknow, mobile="9415000201", kind="unit", gstin=gstin("09", "AABCL1234K")
    )
    other = factories.exhibitor(
        district=lucknow, mobile="9415000202", kind="unit", gstin=gstin("09", "AABCL1234K", "2")
    )
    return one, other


def test_a_second_unit_of_the_same_enterprise_is_refused(
    units_space, allotments, twins, lucknow, lucknow_staff, cell_officer
):
    allotment_set(space=units_space, district=lucknow, units=2, user=cell_officer)
    one, other = twins
    nomination_submit(space=units_space, exhibitor=one, user=lucknow_staff)
    with pytest.raises(ApplicationError) as refused:
        nomination_submit(space=units_space, exhibitor=other, user=lucknow_staff)
    assert (refused.value.code, refused.value.field) == ("same_enterprise", "exhibitor")
    assert one.name in str(refused.value) and "one place per enterprise" in str(refused.value)
    assert other.nominations.count() == 0


def test_the_cell_may_give_a_second_place_with_a_reason(
    units_space, allotments, twins, lucknow, cell_officer
):
    allotment_set(space=units_space, district=lucknow, units=2, user=cell_officer)
    one, other = twins
    nomination_submit(space=units_space, exhibitor=one, user=cell_officer)
    with pytest.raises(ApplicationError):
        nomination_submit(space=units_space, exhibitor=other, user=cell_officer)
    made = nomination_submit(
        space=units_space,
        exhibitor=other,
        user=cell_officer,
        override_reason="Two separate weaving units of a cooperative.",
    )
    override = made.overrides.get()
    assert override.kind == Override.Kind.SAME_ENTERPRISE and override.detail == one.name


def test_different_enterprises_are_not_flagged(
    units_space, allotments, lucknow, lucknow_staff, cell_officer
):
    a = factories.exhibitor(
        district=lucknow, mobile="9415000203", kind="unit", gstin=gstin("09", "AABCL1234K")
    )
    nomination_submit(space=units_space, exhibitor=a, user=lucknow_staff)
    b = factories.exhibitor(
        district=lucknow, mobile="9415000204", kind="unit", gstin=gstin("09", "AABCM9876K")
    )
    allotment_set(space=units_space, district=lucknow, units=2, user=cell_officer)
    assert nomination_submit(space=units_space, exhibitor=b, user=lucknow_staff)
