"""Form fields built from model fields, for the plain (non-model) forms of workflows."""

from core.fields import field_bounds


def form_field(model, name: str, **overrides):
    """A form field for ``model.name`` with its type, length, bounds and validators, so a
    workflow's form refuses what the model, the admin and the API refuse."""
    source = model._meta.get_field(name)
    field = source.formfield(**{**field_bounds(model, name), **overrides})
    field.validators = [*field.validators, *source.validators]
    return field
