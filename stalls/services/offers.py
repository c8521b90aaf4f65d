"""Offers of freed places: accepted or declined by the district, or lapsed by the sweep.

A place freed in a space (a withdrawal, a cancellation, a rejection of an approved nomination,
a declined or lapsed offer) is offered to the first in the waiting list (places.py). The
district's staff — or a cell officer for them — answer on the fair's page or the API before the
offer's deadline. Accepted: the nomination is approved and its place follows. Declined or
lapsed: the nomination leaves the queue (withdrawn, with why) and the place is offered on.

Accepting and lapsing both lock the space row first, so accepting the last place at the moment
it lapses is decided by the lock: one of them wins, the other is refused or finds nothing to do.
"""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit.services import audited_update
from stalls.locking import lock_space, scarce_resource_transaction
from stalls.models import Nomination, Offer
from stalls.services.common import _refuse, logger
from stalls.services.notices import Code, decision_notify
from stalls.services.places import _offer_to_waiting_list


def _open_offer(offer: Offer) -> Offer:
    """The offer, locked, if it is still open and in time; the space's lock is the caller's
    (``_answerable`` has checked who answers)."""
    offer = (
        Offer.objects.select_for_update(of=("self",)).select_related("nomination").get(pk=offer.pk)
    )
    if offer.status != Offer.Status.OPEN:
        _refuse(
            _("This offer has ended (%(status)s).") % {"status": offer.get_status_display()},
            "offer_closed",
            status=409,
        )
    if offer.expires_at <= timezone.now():
        _refuse(
            _("The offer lapsed at %(time)s; the place goes to the next in line.")
            % {"time": date_format(timezone.localtime(offer.expires_at), "j M Y, H:i")},
            "offer_lapsed",
            status=409,
        )
    return offer


def _answerable(offer: Offer, user) -> None:
    """District staff answer their own district's offers; officers anyone's. Another
    district's offer is not theirs to see (404 on the pages and the API)."""
    if user is None or not Offer.objects.for_user(user, "change").filter(pk=offer.pk).exists():
        raise PermissionDenied


def offer_accept(*, offer: Offer, user) -> Offer:
    """Accept the offered place: the nomination is approved; its place follows."""
    _answerable(offer, user)
    with scarce_resource_transaction():
        lock_space(offer.space_id)
        offer = _open_offer(offer)
        now = timezone.now()
        audited_update(
            offer,
            fields={"status": Offer.Status.ACCEPTED, "answered_at": now, "answered_by": user},
            user=user,
        )
        nomination = offer.nomination
        audited_update(nomination, fields={"status": Nomination.Status.APPROVED}, user=user)
        decision_notify(nomination=nomination, code=Code.NOMINATION_APPROVED, actor=user)
    _log("offer accepted", offer, user)
    return offer


def offer_decline(*, offer: Offer, user, reason: str = "") -> Offer:
    """Decline the offered place: the nomination leaves the queue; the place is offered on."""
    _answerable(offer, user)
    reason = (reason or "").strip()
    with scarce_resource_transaction():
        space = lock_space(offer.space_id)
        offer = _open_offer(offer)
        now = timezone.now()
        audited_update(
            offer,
            fields={
                "status": Offer.Status.DECLINED,
                "answered_at": now,
                "answered_by": user,
                "reason": reason,
            },
            user=user,
        )
        why = _("The offered place was declined.") + (f" {reason}" if reason else "")
        audited_update(
            offer.nomination,
            fields={"status": Nomination.Status.WITHDRAWN, "decision_reason": why},
            user=user,
        )
        _offer_to_waiting_list(space.pk, user=user)
    _log("offer declined", offer, user)
    return offer


def offers_lapse(now=None) -> int:
    """Lapse every open offer whose time is up and offer its place on; returns how many. Each
    in its own transaction, so one busy space does not hold up the rest; safe to run twice."""
    now = now or timezone.now()
    lapsed = 0
    for offer_id, space_id in (
        Offer.objects.due(now).order_by("expires_at", "pk").values_list("pk", "space_id")
    ):
        with scarce_resource_transaction():
            lock_space(space_id)
            offer = (
                Offer.objects.select_for_update(of=("self",))
                .select_related("nomination__fair", "nomination__space", "nomination__exhibitor")
                .filter(pk=offer_id)
                .due(now)
                .first()
            )
            if offer is None:
                continue  # answered meanwhile: the lock decided
            audited_update(
                offer, fields={"status": Offer.Status.LAPSED, "answered_at": now}, user=None
            )
            audited_update(
                offer.nomination,
                fields={
                    "status": Nomination.Status.WITHDRAWN,
                    "decision_reason": _("The offered place was not answered in time."),
                },
                user=None,
            )
            decision_notify(
                nomination=offer.nomination, code=Code.OFFER_LAPSED, until=offer.expires_at
            )
            _offer_to_waiting_list(space_id)
            lapsed += 1
        _log("offer lapsed", offer, None)
    return lapsed


def _log(message: str, offer: Offer, user) -> None:
    logger.info(
        message,
        extra={
            "event": "offer",
            "offer_id": offer.pk,
            "nomination_id": offer.nomination_id,
            "status": offer.status,
            "user": user,
        },
    )
