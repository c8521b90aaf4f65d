"""Issuing a place's letter-and-pass credential, and what it proves now."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from passes.models import Certificate, Credential
from passes.services.codes import new_code
from stalls.models import Allocation


def place_of(allocation: Allocation) -> str:
    return allocation.stall.number if allocation.stall_id else f"{allocation.area} m²"


def credential_issue(*, allocation: Allocation) -> Credential:
    """The allocation's credential, made the first time its letter is printed."""
    existing = Credential.objects.filter(allocation=allocation).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Credential.objects.create(
                allocation=allocation,
                fair_id=allocation.fair_id,
                district_id=allocation.district_id,
                code=new_code(),
                place=place_of(allocation),
            )
    except IntegrityError:  # printed at the same moment by someone else
        return Credential.objects.get(allocation=allocation)


@dataclass(frozen=True)
class State:
    """What a credential proves now: ``valid``, ``moved`` (to ``place``) or ``cancelled``."""

    code: str
    place: str
    message: str

    @property
    def is_valid(self) -> bool:
        return self.code == "valid"


def credential_state(credential: Credential) -> State:
    allocation = credential.allocation
    if allocation.status == Allocation.Status.ACTIVE:
        return State("valid", place_of(allocation), _("Valid: the place is held."))
    moved = (
        Allocation.objects.active()
        .filter(nomination_id=allocation.nomination_id)
        .select_related("stall")
        .first()
    )
    if moved is not None:
        place = place_of(moved)
        return State(
            "moved",
            place,
            _("Moved: the exhibitor now holds %(place)s; this letter is replaced.")
            % {"place": place},
        )
    return State("cancelled", credential.place, _("Cancelled: the place is no longer held."))


def certificate_issue(*, recipient) -> Certificate:
    """The recipient's certificate, numbered the first time it is printed."""
    existing = Certificate.objects.filter(recipient=recipient).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                recipient=recipient,
                fair_id=recipient.activity.fair_id,
                district_id=recipient.district_id,
                code=new_code(),
            )
    except IntegrityError:  # printed at the same moment by someone else
        return Certificate.objects.get(recipient=recipient)
