"""The model's checks of one exhibitor, as the form runs them, without a query per row."""

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db.models import CheckConstraint, Q

from core.constraints import FieldCheckConstraint
from exhibitors.models import Exhibitor

# Set by the import from what it has just read (the district, the district's product, the
# user), so full_clean's query a row to find each of them again is left out; the model's
# constraint is evaluated in memory for the same reason (see _constraint_errors).
SERVER_SET = ["district", "product", "created_by"]


def model_errors(candidate: Exhibitor) -> dict[str, str]:
    """The model's checks, as the form runs them, with the first message of each field."""
    try:
        candidate.full_clean(exclude=SERVER_SET, validate_unique=False, validate_constraints=False)
        errors = {}
    except ValidationError as error:
        errors = {name: messages[0] for name, messages in error.message_dict.items()}
    for name, message in _constraint_errors(candidate).items():
        errors.setdefault(name, message)
    return errors


def _constraint_errors(instance) -> dict[str, str]:
    """The model's check constraints on ``instance``, evaluated in memory where their
    condition is plain field comparisons (else by the database, as full_clean would)."""
    errors = {}
    for constraint in type(instance)._meta.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        holds = _holds(constraint.condition, instance)
        name = constraint.field if isinstance(constraint, FieldCheckConstraint) else None
        if holds is None:
            try:
                constraint.validate(type(instance), instance)
            except ValidationError as error:
                errors.setdefault(name or NON_FIELD_ERRORS, error.messages[0])
        elif not holds:
            errors.setdefault(name or NON_FIELD_ERRORS, constraint.get_violation_error_message())
    return errors


def _holds(condition: Q, instance) -> bool | None:
    """Whether ``instance`` meets ``condition`` (exact, in and isnull lookups on its own
    fields), or None for a condition this cannot read."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            result = _holds(child, instance)
        elif isinstance(child, tuple) and not hasattr(child[1], "resolve_expression"):
            result = _lookup_holds(child, instance)
        else:
            return None
        if result is None:
            return None
        results.append(result)
    met = all(results) if condition.connector == Q.AND else any(results)
    return not met if condition.negated else met


def _lookup_holds(child: tuple, instance) -> bool | None:
    lookup, expected = child
    name, _sep, kind = lookup.partition("__")
    try:
        model_field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    value = getattr(instance, model_field.attname)
    if kind == "isnull":
        return (value is None) == bool(expected)
    if model_field.is_relation:
        return None  # compared with an object or through the relation: the database knows
    if kind in ("", "exact"):
        return value == expected
    if kind == "in":
        return value in expected
    return None
