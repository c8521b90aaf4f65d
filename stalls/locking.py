"""Row locks on scarce resources (a space, a stall), with a short lock timeout.

Every service that changes a space's capacity, allotments or allocations locks the space row
first (then, where it needs one, the stall), always in that order so two requests can never
wait on each other. On PostgreSQL a lock not obtained within ALLOCATION_LOCK_TIMEOUT_MS becomes
a clear "busy, try again" instead of a hung request.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from events.models import Space

LOCK_NOT_AVAILABLE = "55P03"


def _busy() -> ApplicationError:
    return ApplicationError(
        _("Someone else is allocating in this space right now. Please try again."),
        code="busy",
        status=409,
    )


@contextmanager
def scarce_resource_transaction():
    """A transaction whose row locks give up after the configured lock timeout."""
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('lock_timeout', %s, true)",
                        [f"{settings.ALLOCATION_LOCK_TIMEOUT_MS}ms"],
                    )
            yield
    except OperationalError as exc:
        if getattr(getattr(exc, "__cause__", None), "pgcode", None) == LOCK_NOT_AVAILABLE:
            raise _busy() from exc
        raise


def lock_space(space_id: int) -> Space:
    """The space row, locked until the transaction ends; call inside the transaction above."""
    return Space.objects.select_for_update().select_related("fair").get(pk=space_id)
