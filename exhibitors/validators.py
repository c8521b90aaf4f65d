"""Plain checks of identifiers, shared by the model, the forms and the spreadsheet import.

Each ``clean_*`` takes raw text, returns the normalised value, or raises ValidationError with a
translated message; the import calls them per row without building a form per row.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

GSTIN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
GSTIN_FORMAT = re.compile(r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")
UDYAM_FORMAT = re.compile(r"^UDYAM-[A-Z]{2}-[0-9]{2}-[0-9]{7}$")
MOBILE_FORMAT = re.compile(r"^[6-9][0-9]{9}$")


def clean_mobile(value: str) -> str:
    """An Indian mobile number as 10 digits; +91, a leading 0, spaces and dashes are dropped."""
    digits = re.sub(r"[\s\-()]", "", str(value or ""))
    if digits.startswith("+91"):
        digits = digits[3:]
    elif digits.startswith("91") and len(digits) == 12:
        digits = digits[2:]
    elif digits.startswith("0") and len(digits) == 11:
        digits = digits[1:]
    if not MOBILE_FORMAT.match(digits):
        raise ValidationError(
            _("Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9."),
            code="invalid_mobile",
        )
    return digits


def gstin_check_character(first14: str) -> str:
    """The 15th character of a GSTIN, computed from the first 14 (base-36 Luhn variant)."""
    total = 0
    for position, character in enumerate(first14):
        product = GSTIN_CHARS.index(character) * (2 if position % 2 else 1)
        total += product // 36 + product % 36
    return GSTIN_CHARS[(36 - total % 36) % 36]


def clean_gstin(value: str) -> str:
    gstin = re.sub(r"\s", "", str(value or "")).upper()
    if not GSTIN_FORMAT.match(gstin):
        raise ValidationError(
            _("Enter a 15-character GSTIN such as 09AAACH7409R1ZZ."), code="invalid_gstin"
        )
    if gstin_check_character(gstin[:14]) != gstin[14]:
        raise ValidationError(
            _("This GSTIN's check digit is wrong: please check each character."),
            code="gstin_check_digit",
        )
    return gstin


def clean_udyam(value: str) -> str:
    udyam = re.sub(r"\s", "", str(value or "")).upper()
    if not UDYAM_FORMAT.match(udyam):
        raise ValidationError(
            _("Enter the Udyam registration number as UDYAM-UP-00-0000000."),
            code="invalid_udyam",
        )
    return udyam
