"""Guards every stalls service starts with: permission, an open fair, a reason given."""

import logging
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from events.models import Fair

ZERO = Decimal(0)

# One name for the log lines of every stalls service, as when they were one module: the JSON
# logs and their alerts look for "stalls.services".
logger = logging.getLogger("stalls.services")


def _require(user, permission: str) -> None:
    """Only users holding ``permission`` may take this step (the cell decides allocations)."""
    if user is None or not user.has_perm(permission):
        raise PermissionDenied


def _refuse(message, code, field=None, status=400):
    raise ApplicationError(message, code=code, field=field, status=status)


def _require_reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        _refuse(_("Give the reason."), "reason_required", field)
    return reason


def _require_open(fair: Fair) -> None:
    if fair.status in (Fair.Status.CONCLUDED, Fair.Status.CANCELLED):
        _refuse(
            _("%(fair)s is %(status)s; its places can no longer change.")
            % {"fair": fair.name, "status": fair.get_status_display().lower()},
            "fair_closed",
        )
