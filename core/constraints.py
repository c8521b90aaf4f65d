"""Database constraints whose violation is reported at a form field."""

from django.core.exceptions import ValidationError
from django.db import models


class FieldCheckConstraint(models.CheckConstraint):
    """A CheckConstraint whose validation error is attached to ``field``.

    The database holds the rule; forms, the admin and the API show its message next to the
    field it concerns instead of at the top of the form.
    """

    def __init__(self, *args, field: str, **kwargs):
        self.field = field
        super().__init__(*args, **kwargs)

    def validate(self, model, instance, exclude=None, using="default"):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as exc:
            raise ValidationError({self.field: exc.error_list}) from None

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs["field"] = self.field
        return path, args, kwargs

    def __eq__(self, other):
        return super().__eq__(other) and self.field == getattr(other, "field", None)


def choice_values(*members: models.TextChoices) -> list[str]:
    """The stored codes of ``members``, a plain list in the order given.

    For a constraint's condition (``Q(status__in=choice_values(*ACTIVE))``): the codes come
    from the TextChoices instead of being typed again, and the constraint deconstructs to the
    same list of strings the migration state holds.
    """
    return [member.value for member in members]
