"""Model fields that check and normalise what people type, in English or Hindi.

Every entry point (admin, forms, API, spreadsheets, search) goes through these fields, so a
name, a number or an identifier is held to one rule wherever it comes from:

- text is stored NFC, without control characters, and a name must hold a letter or a digit
  once invisible characters (zero-width characters, bidi controls, lone combining marks) are
  set aside;
- numbers carry their bounds as validators (``bounded``), which forms, serializers and the
  spreadsheet checks read back (``field_bounds``);
- identifiers (mobile, Udyam, GSTIN) normalise themselves on input, in lookups and on save.
"""

import unicodedata
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import identifiers

# Tab, line feed and carriage return are the only control characters a note may hold.
MULTILINE_CONTROLS = {"\t", "\n", "\r"}
# What a decoder puts where bytes were not text.
REPLACEMENT_CHARACTER = "\ufffd"
# The years a fair, an MoU or a meeting of the portal can fall in.
EARLIEST_YEAR = 2000
LATEST_YEAR = 2099


def normalise_text(value: str) -> str:
    """NFC-normalise and collapse runs of white space.

    NFC makes the two encodings of a nukta letter (ड़ as one code point or as ड + ़) equal,
    so a name typed on two different keyboards is found as the same name.
    """
    return " ".join(unicodedata.normalize("NFC", value).split())


def normalise_multiline(value: str) -> str:
    """NFC, Windows line ends as \\n, trailing spaces and blank edges removed."""
    lines = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in lines.split("\n")).strip()


def has_visible_character(value: str) -> bool:
    """True if the text holds a letter or a digit (any script).

    Zero-width characters and bidi controls are format characters (Cf), combining marks are
    M*: neither is a letter, so a name made only of them is refused.
    """
    return any(unicodedata.category(character)[0] in "LN" for character in value)


def validate_no_control_characters(value: str, *, multiline: bool = False) -> None:
    """Refuse control characters, and U+FFFD: it stands for bytes a client sent that were not
    UTF-8 (Django decodes a multipart form field with errors="replace"), never for a
    character someone meant to type."""
    allowed = MULTILINE_CONTROLS if multiline else set()
    if any(unicodedata.category(c) == "Cc" and c not in allowed for c in value):
        raise ValidationError(
            _("Remove the control characters (invisible codes pasted with the text)."),
            code="control_characters",
        )
    if REPLACEMENT_CHARACTER in value:
        raise ValidationError(
            _("This text holds a character that could not be read; type it again."),
            code="unreadable",
        )


def validate_visible(value: str) -> None:
    if value and not has_visible_character(value):
        raise ValidationError(
            _("Type at least one letter or digit; this text holds only invisible characters."),
            code="invisible",
        )


def validate_single_line(value: str) -> None:
    validate_no_control_characters(value)
    validate_visible(value)


def validate_multiline(value: str) -> None:
    validate_no_control_characters(value, multiline=True)
    validate_visible(value)


class _NormalisingMixin:
    """Normalise on ``to_python`` (forms, full_clean) and on save, whatever the entry point."""

    def normalise(self, value):
        raise NotImplementedError

    def to_python(self, value):
        value = super().to_python(value)
        return self.normalise(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = self.normalise(value)
            setattr(model_instance, self.attname, value)
        return value


class _PlainInMigrationsMixin:
    """Migrations see the plain Django field: these fields add checks, never a column type,
    so switching a field to them changes no table (SQLite would rebuild it and lose its
    triggers)."""

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        base = next(c for c in type(self).__mro__ if c.__module__ == "django.db.models.fields")
        return name, f"django.db.models.{base.__name__}", args, kwargs


class NameField(_NormalisingMixin, models.CharField):
    """A single-line name or title: NFC, white space collapsed, no control characters, at
    least one letter or digit."""

    default_validators = [validate_single_line]

    def normalise(self, value):
        return normalise_text(value)


class LineField(_PlainInMigrationsMixin, NameField):
    """NameField's rules for a single line that is not a name (a note, a designation)."""


class NoteField(_PlainInMigrationsMixin, _NormalisingMixin, models.TextField):
    """Free text over several lines (a note, a reason, a decision): NFC, no control
    characters but tab and line breaks, at least one letter or digit when filled."""

    default_validators = [validate_multiline]

    def normalise(self, value):
        return normalise_multiline(value)


# --- Numbers ---------------------------------------------------------------------------------


def bounded(minimum, maximum) -> list:
    """The validators of a number's range: the range the domain makes sense of, inside the
    column's own (so no value the checks accept can overflow the database)."""
    return [MinValueValidator(minimum), MaxValueValidator(maximum)]


def validate_plausible_date(value) -> None:
    """A date (or date and time) of this century: 1900 or 20266 is a typing slip, not a fair."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s.")
            % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
            code="implausible_date",
        )


def validate_birth_date(value) -> None:
    """A person's date of birth: in the past, and not before 1900."""
    from django.utils import timezone

    if value is not None and not (value.year >= 1900 and value <= timezone.localdate()):
        raise ValidationError(
            _("Enter a date of birth between 1900 and today."), code="implausible_birth_date"
        )


def at_most(maximum) -> list:
    """The upper bound of a number whose lower bound is a database constraint."""
    return [MaxValueValidator(maximum)]


def field_bounds(model, name: str) -> dict:
    """``{"min_value": …, "max_value": …}`` of a model field, read from its validators."""
    found = {}
    for validator in model._meta.get_field(name).validators:
        if isinstance(validator, MinValueValidator):
            found["min_value"] = validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            found["max_value"] = validator.limit_value
    return found


def bounds_error(model, name: str, value) -> str | None:
    """The field's message for a number outside its bounds, or None (for bulk checks that
    validate values without building an instance)."""
    field = model._meta.get_field(name)
    try:
        field.run_validators(value)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def decimal_places_of(model, name: str) -> Decimal:
    return Decimal(1).scaleb(-model._meta.get_field(name).decimal_places)


# --- Identifiers -----------------------------------------------------------------------------


class IdentifierFormField(forms.CharField):
    """A form field that normalises before any length or format check (``+91 98765 43210``
    is ten digits once normalised)."""

    def __init__(self, *, normaliser, **kwargs):
        self.normaliser = normaliser
        kwargs.pop("max_length", None)  # checked by the model field on the normalised value
        super().__init__(max_length=64, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return self.normaliser(value) if value not in self.empty_values else self.empty_value


class IdentifierField(_PlainInMigrationsMixin, _NormalisingMixin, models.CharField):
    """An identifier that normalises itself on input, in lookups and on save; blank is
    stored as NULL when the field allows it (NULLs never collide in a unique index)."""

    normaliser = staticmethod(str)

    def normalise(self, value):
        if value is None:
            return None
        text = str(value).strip()
        if not text and self.null:
            return None
        return self.normaliser(text)

    def to_python(self, value):
        return self.normalise(value) if value is not None else None

    def get_prep_value(self, value):
        return super().get_prep_value(self.normalise(value))

    def formfield(self, **kwargs):
        defaults = {"form_class": IdentifierFormField, "normaliser": self.normalise}
        if self.null:
            defaults["empty_value"] = None
        return super().formfield(**{**defaults, **kwargs})


class MobileField(IdentifierField):
    normaliser = staticmethod(identifiers.normalise_mobile)
    default_validators = [identifiers.validate_mobile]


class UdyamField(IdentifierField):
    normaliser = staticmethod(identifiers.normalise_udyam)
    default_validators = [identifiers.validate_udyam]


class GSTINField(IdentifierField):
    normaliser = staticmethod(identifiers.normalise_gstin)
    default_validators = [identifiers.validate_gstin]


class IFSCField(IdentifierField):
    normaliser = staticmethod(identifiers.normalise_ifsc)
    default_validators = [identifiers.validate_ifsc]


class AccountNumberField(IdentifierField):
    normaliser = staticmethod(identifiers.normalise_account)
    default_validators = [identifiers.validate_account]
