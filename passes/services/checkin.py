"""The gate: a pass's code checked against the fair and the day, and the day's attendance."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.scoping import require_permission
from events.models import Fair
from passes.models import Attendance, Credential
from passes.services.codes import unsigned
from passes.services.credentials import credential_state


@dataclass(frozen=True)
class CheckIn:
    """The answer at the gate: green (``ok``), or red with the reason; who it is."""

    ok: bool
    code: str
    message: str
    credential: Credential | None = None
    place: str = ""


def _token_of(text: str) -> str:
    """The signed code, from a scanned URL (…/verify/<token>/) or a typed code."""
    text = (text or "").strip().rstrip("/")
    return text.rsplit("/", 1)[-1] if "/" in text else text


def check_in(*, fair: Fair, scanned: str, user, now=None) -> CheckIn:
    """Check a pass in at ``fair`` today: valid, for this fair, on one of its days, not
    cancelled or moved, once a day. Only a green answer records attendance."""
    require_permission(user, "passes.add_attendance")
    now = now or timezone.now()
    today = timezone.localdate(now)
    code = unsigned(_token_of(scanned))
    credential = (
        Credential.objects.select_related(
            "allocation__nomination__exhibitor", "allocation__stall", "district", "fair"
        )
        .filter(code=code)
        .first()
        if code
        else None
    )
    if credential is None:
        return CheckIn(False, "unknown", _("Not a pass the portal issued: check the code."))
    if credential.fair_id != fair.pk:
        return CheckIn(
            False,
            "other_fair",
            _("This pass is for another fair: %(fair)s.") % {"fair": credential.fair.name},
            credential,
        )
    if not fair.start_date <= today <= fair.end_date:
        return CheckIn(
            False,
            "not_today",
            _("Not a day of the fair: it runs from %(start)s to %(end)s.")
            % {
                "start": date_format(fair.start_date, "j M Y"),
                "end": date_format(fair.end_date, "j M Y"),
            },
            credential,
        )
    state = credential_state(credential)
    if not state.is_valid:
        return CheckIn(False, state.code, state.message, credential, state.place)
    return _record(credential, today, now, user, state.place)


def _record(credential: Credential, today, now, user, place: str) -> CheckIn:
    earlier = Attendance.objects.filter(credential=credential, day=today).first()
    if earlier is None:
        try:
            with transaction.atomic():
                Attendance.objects.create(
                    credential=credential, day=today, checked_in_at=now, checked_in_by=user
                )
            return CheckIn(True, "checked_in", _("Checked in for today."), credential, place)
        except IntegrityError:  # the same pass at two gates at once
            earlier = Attendance.objects.get(credential=credential, day=today)
    at = date_format(timezone.localtime(earlier.checked_in_at), "H:i")
    return CheckIn(
        False,
        "already_today",
        _("Already checked in today at %(time)s.") % {"time": at},
        credential,
        place,
    )
