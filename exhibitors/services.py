"""Registering exhibitors without duplicates."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.audit.services import audit_changed, audit_created, audit_deleted, audit_snapshot
from core.exceptions import ApplicationError
from exhibitors.models import Exhibitor, PriorityClaim


def exhibitors_matching(*, mobiles=(), udyam_numbers=(), gstins=()):
    """Every exhibitor, of any district, registered with one of these mobiles, Udyam numbers
    or GSTINs (as the fields normalise them): the one rule that finds an existing record,
    for one exhibitor (the form, the API) and for a whole spreadsheet."""
    match = Q()
    for name, values in (("mobile", mobiles), ("udyam_number", udyam_numbers), ("gstin", gstins)):
        values = [value for value in values if value]
        if values:
            match |= Q(**{f"{name}__in": values})
    if not match:
        return Exhibitor.objects.none()
    return Exhibitor.objects.select_related("district").filter(match).order_by("pk")


def exhibitor_find_existing(*, mobile: str = "", udyam_number: str = "", gstin: str = ""):
    """The exhibitor already registered with this mobile, Udyam number or GSTIN, if any."""
    return exhibitors_matching(
        mobiles=[mobile], udyam_numbers=[udyam_number], gstins=[gstin]
    ).first()


def exhibitor_district(*, user, district):
    """The district an exhibitor of ``user``'s is registered in: district staff's own,
    whatever the input says; the one chosen for state-wide users."""
    return user.district if user.is_district_staff else district


def _refuse_duplicate(existing: Exhibitor, user) -> None:
    if Exhibitor.objects.for_user(user).filter(pk=existing.pk).exists():
        raise ApplicationError(
            _("%(name)s is already registered with this mobile, Udyam number or GSTIN.")
            % {"name": existing.name},
            code="exhibitor_exists",
            status=409,
        )
    raise ApplicationError(
        _(
            "An exhibitor of another district is registered with this mobile, Udyam number or "
            "GSTIN. Please contact the ODOP cell."
        ),
        code="exhibitor_exists_elsewhere",
        status=409,
    )


def exhibitor_create(*, user, district, **fields) -> Exhibitor:
    """Register an exhibitor of ``district``; refuses a duplicate and names the existing one.

    District staff can only register in their own district, whatever the input says.
    """
    district = exhibitor_district(user=user, district=district)
    exhibitor = Exhibitor(district=district, created_by=user, **fields)
    existing = exhibitor_find_existing(
        mobile=exhibitor.mobile,
        udyam_number=exhibitor.udyam_number or "",
        gstin=exhibitor.gstin or "",
    )
    if existing is not None:
        _refuse_duplicate(existing, user)
    exhibitor.full_clean()
    with transaction.atomic():
        exhibitor.save()
        if not Exhibitor.objects.for_user(user, "add").filter(pk=exhibitor.pk).exists():
            raise PermissionDenied
        audit_created(exhibitor, user=user)
    return exhibitor


def exhibitor_update(*, user, exhibitor: Exhibitor, **fields) -> Exhibitor:
    stored = Exhibitor.objects.filter(pk=exhibitor.pk).first()
    before = audit_snapshot(stored) if stored is not None else {}
    for name, value in fields.items():
        setattr(exhibitor, name, value)
    if user.is_district_staff:
        exhibitor.district = user.district
    exhibitor.full_clean()
    with transaction.atomic():
        exhibitor.save()
        if not Exhibitor.objects.for_user(user, "change").filter(pk=exhibitor.pk).exists():
            raise PermissionDenied
        audit_changed(exhibitor, before=before, user=user)
    return exhibitor


def priority_claim_add(*, user, exhibitor: Exhibitor, category: str, evidence: str, issued_by=""):
    """Record the exhibitor's claim to a priority category with its evidence; a category is
    claimed once per exhibitor, and never without evidence (both refused at the field)."""
    if not Exhibitor.objects.for_user(user, "change").filter(pk=exhibitor.pk).exists():
        raise PermissionDenied
    if not user.has_perm("exhibitors.add_priorityclaim"):
        raise PermissionDenied
    claim = PriorityClaim(
        exhibitor=exhibitor,
        category=category,
        evidence=(evidence or "").strip(),
        issued_by=(issued_by or "").strip(),
    )
    claim.full_clean()
    with transaction.atomic():
        claim.save()
        audit_created(claim, user=user)
    return claim


def priority_claim_remove(*, user, claim: PriorityClaim) -> None:
    if not PriorityClaim.objects.for_user(user, "delete").filter(pk=claim.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        audit_deleted(claim, user=user)
        claim.delete()
