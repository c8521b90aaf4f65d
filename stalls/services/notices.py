"""Telling a district what was decided about its nominations and its requests for more places.

Every district staff member of the nomination's district (but the one who acted) gets a notice
in the portal and, with an address, an e-mail in their language. The notice rows belong to the
decision's transaction, so a decision that rolls back tells nobody; the e-mails wait in the
outbox and leave after commit, retried until sent (notifications/services.py).
"""

from accounts.models import User
from notifications.models import Notice
from notifications.services import notice_send
from stalls.models import Allocation, Nomination

Code = Notice.Code


def decision_notify(
    *,
    nomination: Nomination,
    code: str,
    actor=None,
    allocation: Allocation | None = None,
    reason: str = "",
    until=None,
) -> int:
    """Send ``code`` about ``nomination`` to its district; returns how many were told."""
    params = _params(nomination, allocation, reason)
    if until is not None:
        params["until"] = until.isoformat()
    if code == Code.NOMINATION_WAITLISTED:
        params["position"] = _position(nomination)
    return district_notify(
        district_id=nomination.district_id,
        code=code,
        params=params,
        link=nomination.fair.get_absolute_url(),
        actor=actor,
    )


def district_notify(*, district_id: int, code: str, params: dict, link: str, actor=None) -> int:
    """Send ``code`` to every active staff member of the district but ``actor``."""
    recipients = User.objects.filter(
        role=User.Role.DISTRICT_STAFF, district_id=district_id, is_active=True
    ).order_by("pk")
    if actor is not None:
        recipients = recipients.exclude(pk=actor.pk)
    told = 0
    for recipient in recipients:
        notice_send(recipient=recipient, code=code, params=params, link=link)
        told += 1
    return told


def _params(nomination: Nomination, allocation: Allocation | None, reason: str) -> dict:
    fair, space = nomination.fair, nomination.space
    params = {
        "nomination_id": nomination.pk,
        "exhibitor": nomination.exhibitor.name,
        "fair_en": fair.name_en,
        "fair_hi": fair.name_hi,
        "space_en": space.name_en,
        "space_hi": space.name_hi,
        "reason": reason,
    }
    if allocation is not None:
        if allocation.stall_id:
            params["stall"] = allocation.stall.number
        else:
            params["area"] = str(allocation.area)
    return params


def _position(nomination: Nomination) -> int:
    """Where the nomination stands in its space's waiting list (1 = next)."""
    order = Nomination.objects.filter(space_id=nomination.space_id).waiting_list()
    return list(order.values_list("pk", flat=True)).index(nomination.pk) + 1
