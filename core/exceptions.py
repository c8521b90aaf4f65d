"""The one domain error type: services raise it, views, admin and API turn it into a message."""

from django.core.exceptions import ValidationError


class ApplicationError(Exception):
    """A refused workflow step, with a translated message and a machine-readable code.

    ``field`` names the form field the message belongs to, when there is one; ``status`` is the
    HTTP status an API answers with (409 for conflicts on scarce resources).
    """

    def __init__(self, message, *, code: str, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.status = status

    def __str__(self) -> str:
        return str(self.message)


class StorageUnavailable(ApplicationError):
    """The document store cannot take a file: full (507) or not writable (503).

    Raised by the media storage in place of the operating system's error, so every entry
    point answers a translated message and the transaction around the write rolls back.
    """


class StateConflict(ApplicationError, ValidationError):
    """A step the record's current state refuses (a transition the table does not allow, an
    update of something closed): 409 with its code for the API, and a field error for the
    pages and the admin, which handle it as the ``ValidationError`` it also is."""

    def __init__(self, message, *, code: str, field: str):
        super().__init__(message, code=code, field=field, status=409)
        self.error_dict = ValidationError({field: [message]}).error_dict
