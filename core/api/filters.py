"""Filter classes every FilterSet builds on, so a malformed or out-of-range query value is a
400 naming the filter, never a query the database (or Python) refuses.

django-filter's own NumberFilter takes any decimal: ``?year=0`` reaches a year lookup that
builds ``date(0, 1, 1)`` (ValueError), and ``?division=10**30`` a bigint comparison that
SQLite and PostgreSQL refuse. ``IdFilter`` and ``YearFilter`` bound the value in the form
instead. ``FilterSet`` gives the model's fields the same filters: a boolean refuses what is
not true or false (the stock widget reads ``?is_odop=maybe`` as "no filter" and answers the
whole list), and a foreign key is an ``IdFilter``: django-filter's ModelChoiceFilter looks
the id up among every district's records, so a 400 for an unknown id and an empty list for
another district's told district staff which records exist elsewhere.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field

from core.api.serializers import ID_MAX
from core.fields import EARLIEST_YEAR, LATEST_YEAR


class BoundedIntegerField(forms.IntegerField):
    """A whole number from ``minimum`` to ``maximum``, with one message for every way of
    missing it (not a number, a fraction, too small, too large)."""

    def __init__(self, *, minimum: int, maximum: int, message, **kwargs):
        self.minimum, self.maximum, self.message = minimum, maximum, message
        super().__init__(**kwargs)

    def clean(self, value):
        try:
            number = super().clean(value)
        except ValidationError:
            raise ValidationError(self.message, code="invalid", params=self._params()) from None
        if number is not None and not self.minimum <= number <= self.maximum:
            raise ValidationError(self.message, code="out_of_range", params=self._params())
        return number

    def _params(self) -> dict:
        return {"first": self.minimum, "last": self.maximum}


class IdField(BoundedIntegerField):
    def __init__(self, **kwargs):
        message = _("Enter an id: a whole number from %(first)s to %(last)s.")
        super().__init__(minimum=1, maximum=ID_MAX, message=message, **kwargs)


class YearField(BoundedIntegerField):
    def __init__(self, **kwargs):
        message = _("Enter a year from %(first)s to %(last)s.")
        super().__init__(minimum=EARLIEST_YEAR, maximum=LATEST_YEAR, message=message, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": ID_MAX})
class IdFilter(django_filters.Filter):
    """The id of a related record as a plain number (a record the user may not see is then
    simply not matched: the filter never tells whether it exists)."""

    field_class = IdField


@extend_schema_field({"type": "integer", "minimum": EARLIEST_YEAR, "maximum": LATEST_YEAR})
class YearFilter(django_filters.Filter):
    """A calendar year of a date field: ``YearFilter(field_name="start_date")``."""

    field_class = YearField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        super().__init__(*args, **kwargs)


class TrueFalseField(forms.Field):
    VALUES = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.VALUES[str(value).strip().lower()]
        except KeyError:
            raise ValidationError(_("Choose true or false."), code="invalid") from None


class BooleanFilter(django_filters.BooleanFilter):
    """``true``/``false`` (or ``1``/``0``); anything else is a 400, not an unfiltered list."""

    field_class = TrueFalseField


class FilterSet(django_filters.FilterSet):
    """The base of every FilterSet: strict booleans, foreign keys as plain ids."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": BooleanFilter},
        models.ForeignKey: {"filter_class": IdFilter},
        models.OneToOneField: {"filter_class": IdFilter},
    }


class FilterBackend(DjangoFilterBackend):
    """The API's filter backend: a view's ``filterset_fields`` get the same base."""

    filterset_base = FilterSet
