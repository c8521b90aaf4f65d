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


class FormPageMixin:
    """For pages built on Django's FormView and its kin: GET shows the form, POST sends it.

    Django's ``ProcessFormView.put`` is ``post``, so without this a PUT would submit the form
    too (a form without required fields, such as a withdrawal with an optional reason, would
    write). The method is checked first, before sign-in, permissions or a view's own
    ``dispatch``: a method the page does not offer is 405 for everyone and says nothing about
    the records. Put the mixin first among the view's bases.
    """

    http_method_names = ["get", "post", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)
