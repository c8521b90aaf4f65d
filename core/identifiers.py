"""Indian identifiers people type: mobile numbers, Udyam registration numbers, GSTINs, bank
branch codes (IFSC) and bank account numbers.

``normalise_*`` turn what was typed into the stored form (never raising); ``validate_*`` check
the stored form; ``clean_*`` do both, for the bulk paths (spreadsheet rows) that check values
without building a form. The model fields in ``core.fields`` use the first two, so the
admin, the forms, the API, the spreadsheets and searches all agree.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

GSTIN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
GSTIN_FORMAT = re.compile(r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")
UDYAM_FORMAT = re.compile(r"^UDYAM-[A-Z]{2}-[0-9]{2}-[0-9]{7}$")
MOBILE_FORMAT = re.compile(r"^[6-9][0-9]{9}$")
# RBI's branch code: four letters for the bank, a zero kept for future use, six for the branch.
IFSC_FORMAT = re.compile(r"^[A-Z]{4}0[A-Z0-9]{6}$")
# Indian banks number accounts with 9 to 18 digits.
ACCOUNT_FORMAT = re.compile(r"^[0-9]{9,18}$")
# Spaces (any width), dashes of every kind, dots and brackets people put in numbers.
SEPARATORS = re.compile(r"[\s\-‐‑‒–—().]")


def normalise_mobile(value: str) -> str:
    """10 digits where the number is Indian: +91, 0091, 91 before 10 digits and a leading 0
    are dropped, with spaces, dashes and brackets."""
    digits = SEPARATORS.sub("", str(value or ""))
    for prefix in ("+91", "0091"):
        if digits.startswith(prefix):
            return digits[len(prefix) :]
    if digits.startswith("91") and len(digits) == 12:
        return digits[2:]
    if digits.startswith("0") and len(digits) == 11:
        return digits[1:]
    return digits


def normalise_udyam(value: str) -> str:
    """Upper case without spaces; dashes kept (they are part of the number)."""
    return re.sub(r"\s", "", str(value or "")).upper()


def normalise_gstin(value: str) -> str:
    return SEPARATORS.sub("", str(value or "")).upper()


def normalise_ifsc(value: str) -> str:
    return SEPARATORS.sub("", str(value or "")).upper()


def normalise_account(value: str) -> str:
    return SEPARATORS.sub("", str(value or ""))


def validate_ifsc(value: str) -> None:
    if not IFSC_FORMAT.match(value or ""):
        raise ValidationError(
            _(
                "Enter the branch's 11-character IFSC: four letters, a zero and six letters or "
                "digits, such as SBIN0001234."
            ),
            code="invalid_ifsc",
        )


def validate_account(value: str) -> None:
    if not ACCOUNT_FORMAT.match(value or ""):
        raise ValidationError(
            _("Enter the bank account number: 9 to 18 digits."), code="invalid_account"
        )


def mask_account(value: str) -> str:
    """The account number as every list and page shows it: its last four digits only."""
    value = value or ""
    return f"{'•' * 4}{value[-4:]}" if value else ""


def validate_mobile(value: str) -> None:
    if not MOBILE_FORMAT.match(value or ""):
        raise ValidationError(
            _("Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9."),
            code="invalid_mobile",
        )


def gstin_check_character(first14: str) -> str:
    """The 15th character of a GSTIN, computed from the first 14 (base-36 Luhn variant)."""
    total = 0
    for position, character in enumerate(first14):
        product = GSTIN_CHARS.index(character) * (2 if position % 2 else 1)
        total += product // 36 + product % 36
    return GSTIN_CHARS[(36 - total % 36) % 36]


def validate_gstin(value: str) -> None:
    if not GSTIN_FORMAT.match(value or ""):
        raise ValidationError(
            _("Enter a 15-character GSTIN such as 09AAACH7409R1ZZ."), code="invalid_gstin"
        )
    if gstin_check_character(value[:14]) != value[14]:
        raise ValidationError(
            _("This GSTIN's check digit is wrong: please check each character."),
            code="gstin_check_digit",
        )


def validate_udyam(value: str) -> None:
    if not UDYAM_FORMAT.match(value or ""):
        raise ValidationError(
            _("Enter the Udyam registration number as UDYAM-UP-00-0000000."),
            code="invalid_udyam",
        )


def clean_mobile(value: str) -> str:
    mobile = normalise_mobile(value)
    validate_mobile(mobile)
    return mobile


def clean_gstin(value: str) -> str:
    gstin = normalise_gstin(value)
    validate_gstin(gstin)
    return gstin


def clean_udyam(value: str) -> str:
    udyam = normalise_udyam(value)
    validate_udyam(udyam)
    return udyam
