"""A claim's journey: drafted and corrected by the district, submitted, recommended, verified
by the cell, or returned for correction or rejected, each step kept with who and why.

Sanction and payment are in claims/services/sanctions.py. Every step locks the claim's row
and checks the status it starts from, so two officers acting at once cannot both take it.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from claims.models import Claim, ClaimEvent, ClaimStatus, ClaimStep, SchemeRule
from claims.models.claims import EDITABLE, SENDING_BACK, TRANSITIONS
from claims.services.rules import claim_checks, claim_compute, payable_of, rupees
from core.audit.services import audit_changed, audit_created, audit_snapshot
from core.exceptions import ApplicationError, StateConflict
from core.scoping import EVERYTHING, require_permission, user_scope
from notifications.models import Notice
from stalls.models import Allocation
from stalls.services.notices import district_notify

Code = Notice.Code
# The fields district staff type; the rest the portal fills in.
ENTERED = [
    "applicant_name",
    "applicant_birth_date",
    "dic_registration",
    "no_other_benefit",
    "stall_charge_paid",
    "freight_paid",
    "fare_paid",
    "travel_mode",
    "account_holder",
    "ifsc",
    "account_number",
]


def _require_in_scope(user, district_id: int, action: str) -> None:
    """The district's claims are its own staff's (and the cell's) to act on."""
    scope = user_scope(user, Claim, action)
    if scope != EVERYTHING and scope != district_id:
        raise PermissionDenied


def claim_problems(claim: Claim) -> dict[str, str]:
    """What makes this draft impossible to keep, by field: the fair not yet over, the place
    cancelled, no rule version in force, more claimed than charged, a fare without its mode.

    A plain check: the claim form shows it at its fields, claim_save runs it again."""
    allocation = claim.allocation
    fair = allocation.fair
    problems = {}
    if fair.end_date >= timezone.localdate():
        problems["allocation"] = _("%(fair)s ends on %(date)s; claim once the fair is over.") % {
            "fair": fair.name,
            "date": date_format(fair.end_date, "j M Y"),
        }
    elif allocation.status != Allocation.Status.ACTIVE:
        problems["allocation"] = _("This place was cancelled; there is nothing to claim for.")
    elif SchemeRule.objects.for_fair(fair) is None:
        problems["allocation"] = _(
            "No MDA rule version is in force for fairs held %(where)s on %(date)s; the ODOP "
            "cell adds it."
        ) % {
            "where": fair.get_location_display().lower(),
            "date": date_format(fair.start_date, "j M Y"),
        }
    else:
        others = Claim.objects.live().filter(
            exhibitor_id=allocation.nomination.exhibitor_id, fair_id=allocation.fair_id
        )
        if claim.pk:
            others = others.exclude(pk=claim.pk)
        if others.exists():
            # At the place, before the model's constraint would say it for the whole form.
            problems["allocation"] = _("This exhibitor has a claim for this fair already.")
    charged = allocation.space.charge_for(area=allocation.area)
    if charged is None:
        problems.setdefault(
            "stall_charge_paid",
            _("The stall charge of %(space)s is not recorded; the ODOP cell records it.")
            % {"space": allocation.space.name},
        )
    elif claim.stall_charge_paid is not None and claim.stall_charge_paid > charged:
        problems["stall_charge_paid"] = _(
            "The organiser charged %(charged)s for this place (with GST); claim at most that."
        ) % {"charged": rupees(charged)}
    if claim.fare_paid and not claim.travel_mode:
        problems["travel_mode"] = _("Say how the applicant travelled.")
    if not claim.fare_paid and claim.travel_mode:
        problems["fare_paid"] = _("Give the fare paid, or leave how they travelled empty.")
    return problems


def _fill(claim: Claim) -> None:
    """The fields the portal sets: the place's fair, exhibitor and district, the rule version
    in force for the fair (picked once: a correction keeps the version the claim was computed
    with, even if a newer one is added later), and the amounts it admits."""
    allocation = claim.allocation
    claim.fair_id = allocation.fair_id
    claim.district_id = allocation.district_id
    claim.exhibitor_id = allocation.nomination.exhibitor_id
    if claim.rule_id is None:
        claim.rule = SchemeRule.objects.for_fair(allocation.fair)
    claim_compute(claim)


def _validated(claim: Claim) -> None:
    problems = claim_problems(claim)
    if problems:
        raise ValidationError(problems)
    _fill(claim)
    claim.full_clean(exclude=["created_by"], validate_unique=False)


def field_checked(model, name: str, value: str, key: str | None = None) -> str:
    """``value`` as the model field ``name`` stores it, or a ValidationError at ``key``: the
    text of a step (a reason, a reference) is checked as any typed text is."""
    try:
        return model._meta.get_field(name).clean(value, None)
    except ValidationError as error:
        raise ValidationError({key or name: error.messages}) from error


def _event(claim: Claim, step: str, *, before: str, user, reason: str = "") -> None:
    reason = field_checked(ClaimEvent, "reason", reason) if reason else ""
    ClaimEvent.objects.create(
        claim=claim, step=step, from_status=before, to_status=claim.status, reason=reason, by=user
    )


def claim_create(*, claim: Claim, user) -> Claim:
    """Draft a claim for a place the district's exhibitor held at a fair that is over."""
    require_permission(user, "claims.add_claim")
    _require_in_scope(user, claim.allocation.district_id, "add")
    claim.status = ClaimStatus.DRAFT
    claim.created_by = user
    _validated(claim)
    try:
        with transaction.atomic():
            claim.save()
            _event(claim, ClaimStep.CREATE, before="", user=user)
            audit_created(claim, user=user)
    except IntegrityError as error:
        if (
            Claim.objects.live()
            .filter(exhibitor_id=claim.exhibitor_id, fair_id=claim.fair_id)
            .exists()
        ):
            raise ValidationError(
                {"allocation": _("This exhibitor has a claim for this fair already.")}
            ) from error
        raise
    return claim


def _locked(claim: Claim) -> Claim:
    # The claim's row alone: its rule version is shared by many claims and only read.
    return Claim.objects.select_for_update(of=("self",)).select_related("rule").get(pk=claim.pk)


def claim_update(*, claim: Claim, user) -> Claim:
    """Save the district's corrections of a draft or returned claim (``claim`` carries them)."""
    require_permission(user, "claims.change_claim")
    _require_in_scope(user, claim.district_id, "change")
    with transaction.atomic():
        current = _locked(claim)
        if current.status not in EDITABLE:
            raise StateConflict(
                _("A claim can be corrected only while it is a draft or returned to the district."),
                code="not_editable",
                field="applicant_name",
            )
        before = audit_snapshot(current)
        for name in ENTERED:
            setattr(current, name, getattr(claim, name))
        _validated(current)
        current.save()
        _event(current, ClaimStep.EDIT, before=current.status, user=user)
        audit_changed(current, before=before, user=user)
    return current


def _step_guard(claim: Claim, step: str, user) -> str:
    """Lock nothing; check the step's permission and that it may start from the claim's
    status (read again under the lock by the caller). Returns the status it leads to."""
    sources, target, permission = TRANSITIONS[step]
    require_permission(user, permission)
    _require_in_scope(user, claim.district_id, "view")
    if claim.status not in sources:
        raise StateConflict(
            _("This claim is %(status)s; it cannot be %(step)s now.")
            % {"status": claim.get_status_display().lower(), "step": ClaimStep(step).label.lower()},
            code="step_out_of_order",
            field="status",
        )
    return target


def _move(claim: Claim, step: str, *, user, reason: str = "", fields: dict | None = None) -> Claim:
    target = _step_guard(claim, step, user)
    before_status = claim.status
    before = audit_snapshot(claim)
    claim.status = target
    for name, value in (fields or {}).items():
        setattr(claim, name, value)
    claim.save()
    _event(claim, step, before=before_status, user=user, reason=reason)
    audit_changed(claim, before=before, user=user)
    return claim


def claim_submit(*, claim: Claim, user) -> Claim:
    """The district sends the claim on; refused while an eligibility check fails."""
    with transaction.atomic():
        claim = _locked(claim)
        _step_guard(claim, ClaimStep.SUBMIT, user)
        failed = [c for c in claim_checks(claim) if not c.ok]
        if failed:
            raise ApplicationError(
                _("The claim cannot be submitted: %(reasons)s")
                % {"reasons": " ".join(f"{c.title}: {c.finding}" for c in failed)},
                code="not_eligible",
            )
        return _move(claim, ClaimStep.SUBMIT, user=user)


def claim_recommend(*, claim: Claim, user, note: str = "") -> Claim:
    """The district's officer recommends the submitted claim to the cell."""
    with transaction.atomic():
        claim = _locked(claim)
        return _move(claim, ClaimStep.RECOMMEND, user=user, reason=note.strip())


def claim_verify(
    *,
    claim: Claim,
    user,
    stall: Decimal | None = None,
    freight: Decimal | None = None,
    fare: Decimal | None = None,
    reason: str = "",
) -> Claim:
    """The cell verifies a recommended claim, correcting any line downwards with a reason."""
    with transaction.atomic():
        claim = _locked(claim)
        _step_guard(claim, ClaimStep.VERIFY, user)
        corrected = _corrections(claim, stall=stall, freight=freight, fare=fare)
        reason = (reason or "").strip()
        if corrected and not reason:
            raise ValidationError({"reason": _("Give the reason for the correction.")})
        for name, value in corrected.items():
            setattr(claim, name, value)
        claim.correction_reason = reason if corrected else ""
        claim.amount = payable_of(claim)
        claim = _move(claim, ClaimStep.VERIFY, user=user, reason=reason)
        _notify(claim, Code.CLAIM_VERIFIED, actor=user)
    return claim


def _corrections(claim: Claim, **lines) -> dict:
    """The verified amounts that differ from what the rule admits, refused beyond it."""
    corrected, errors = {}, {}
    for line, value in lines.items():
        if value is None:
            continue
        admissible = getattr(claim, f"{line}_admissible")
        if value < 0 or value > admissible:
            errors[line] = _("Between ₹0 and what the rule admits, %(amount)s.") % {
                "amount": rupees(admissible)
            }
        elif value != admissible:
            corrected[f"{line}_verified"] = value
    if errors:
        raise ValidationError(errors)
    return corrected


def _send_back(claim: Claim, step: str, status: str, *, user, reason: str) -> Claim:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    with transaction.atomic():
        claim = _locked(claim)
        permission = SENDING_BACK.get(claim.status)
        if permission is None:
            raise StateConflict(
                _("This claim is %(status)s; it cannot be sent back now.")
                % {"status": claim.get_status_display().lower()},
                code="step_out_of_order",
                field="status",
            )
        if step == ClaimStep.REJECT and claim.status == ClaimStatus.SUBMITTED:
            permission = "claims.verify_claim"  # only the cell rejects
        require_permission(user, permission)
        _require_in_scope(user, claim.district_id, "view")
        before_status, before = claim.status, audit_snapshot(claim)
        claim.status = status
        claim.save()
        _event(claim, step, before=before_status, user=user, reason=reason)
        audit_changed(claim, before=before, user=user)
        code = Code.CLAIM_RETURNED if step == ClaimStep.RETURN else Code.CLAIM_REJECTED
        _notify(claim, code, actor=user, reason=reason)
    return claim


def claim_return(*, claim: Claim, user, reason: str) -> Claim:
    """Back to the district for correction, with what to correct."""
    return _send_back(claim, ClaimStep.RETURN, ClaimStatus.RETURNED, user=user, reason=reason)


def claim_reject(*, claim: Claim, user, reason: str) -> Claim:
    """Refused for good, with the reason; the exhibitor may claim for the fair afresh."""
    return _send_back(claim, ClaimStep.REJECT, ClaimStatus.REJECTED, user=user, reason=reason)


def _notify(claim: Claim, code: str, *, actor, reason: str = "") -> int:
    """Tell the claim's district what the cell did, in the step's transaction."""
    return district_notify(
        district_id=claim.district_id,
        code=code,
        params={
            "number": claim.number,
            "exhibitor": claim.exhibitor.name,
            "fair_en": claim.fair.name_en,
            "fair_hi": claim.fair.name_hi,
            "amount": str(claim.amount),
            "reason": reason,
        },
        link=claim.get_absolute_url(),
        actor=actor,
    )
