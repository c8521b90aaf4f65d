"""View helpers shared by every app's pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from core.exceptions import ApplicationError


def add_service_error(form, error: ApplicationError | ValidationError) -> None:
    """Show a service's refusal on the form, at its field when the form has that field."""
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


def message_service_error(request, error: ApplicationError) -> None:
    messages.error(request, str(error.message))
