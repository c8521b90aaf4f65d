import pytest
from django.core.exceptions import ValidationError

from exhibitors.validators import clean_gstin, clean_mobile, clean_udyam


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("9415012345", "9415012345"),
        ("+91 94150 12345", "9415012345"),
        ("09415012345", "9415012345"),
    ],
)
def test_mobile_numbers_are_normalised(raw, clean):
    assert clean_mobile(raw) == clean


@pytest.mark.parametrize("raw", ["941501234", "5415012345", "94150123456", "phone"])
def test_a_mobile_of_the_wrong_shape_is_refused(raw):
    with pytest.raises(ValidationError) as error:
        clean_mobile(raw)
    assert error.value.code == "invalid_mobile"


def test_a_valid_gstin_passes():
    assert clean_gstin("27aapfu0939f1zv") == "27AAPFU0939F1ZV"


def test_a_gstin_with_a_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_gstin("27AAPFU0939F1ZA")
    assert error.value.code == "gstin_check_digit"


def test_a_malformed_gstin_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_gstin("27AAPFU0939")
    assert error.value.code == "invalid_gstin"


def test_udyam_numbers_are_format_checked():
    assert clean_udyam("udyam-up-43-0012345") == "UDYAM-UP-43-0012345"
    with pytest.raises(ValidationError):
        clean_udyam("UDYAM-UP-43-12345")
