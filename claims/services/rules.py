"""The scheme's arithmetic and its eligibility rules, applied to one claim.

``claim_lines`` works out what each line admits under the claim's rule version and says why;
``claim_checks`` says, rule by rule, whether the claim is eligible. The claim's page, the
admin, the API and the submit step all read these two, so what a district sees is what the
workflow enforces.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from claims.models import Claim, ClaimDocument, SchemeRule
from claims.models.claims import SANCTIONED, TravelMode
from core.templatetags.portal import inr
from stalls.models import Allocation, DailySale

PAISE = Decimal("0.01")
ZERO = Decimal(0)
# A fare admitted as paid: the scheme reimburses third AC, an AC bus, or anything cheaper.
ADMITTED_MODES = {TravelMode.TRAIN_3AC, TravelMode.AC_BUS, TravelMode.LOWER}

LINE_LABELS = {
    "stall": gettext_lazy("Stall charge"),
    "freight": gettext_lazy("Freight"),
    "fare": gettext_lazy("Fare of one person"),
}


def rupees(value: Decimal) -> str:
    """₹ with Indian grouping (₹8,63,701), as every page and the orders write money."""
    return inr(value)


@dataclass(frozen=True)
class Line:
    """One line of the computation: what was paid, the rule applied, what it admits, and why."""

    code: str
    paid: Decimal
    admissible: Decimal
    rule: str

    @property
    def label(self) -> str:
        return str(LINE_LABELS[self.code])


def _share(paid: Decimal, percent: Decimal, cap: Decimal | None) -> tuple[Decimal, bool]:
    """``percent`` of ``paid``, at most ``cap``; and whether the cap bit."""
    share = (paid * percent / 100).quantize(PAISE, rounding=ROUND_HALF_UP)
    if cap is not None and share > cap:
        return cap, True
    return share, False


def _share_line(code: str, paid: Decimal, percent: Decimal, cap: Decimal | None) -> Line:
    if not paid:
        return Line(code, ZERO, ZERO, _("Not claimed."))
    admissible, capped = _share(paid, percent, cap)
    values = {"percent": number_format(percent.normalize()), "cap": rupees(cap or ZERO)}
    if capped:
        rule = _("%(percent)s %% of what was paid, at most %(cap)s: the cap applies.") % values
    elif cap is not None:
        rule = _("%(percent)s %% of what was paid, at most %(cap)s.") % values
    else:
        rule = _("%(percent)s %% of what was paid.") % values
    return Line(code, paid, admissible, rule)


def claim_lines(claim: Claim, rule: SchemeRule | None = None) -> list[Line]:
    """The stall charge, freight and fare lines of ``claim`` under ``rule`` (its own)."""
    rule = rule or claim.rule
    stall = _share_line("stall", claim.stall_charge_paid, rule.stall_share_percent, rule.stall_cap)
    freight = _share_line(
        "freight", claim.freight_paid, rule.freight_share_percent, rule.freight_cap
    )
    if claim.fare_paid and claim.travel_mode == TravelMode.HIGHER:
        fare = Line(
            "fare",
            claim.fare_paid,
            ZERO,
            _(
                "Only a fare by third AC train or AC bus (or cheaper) is reimbursed; this "
                "journey was by a higher class."
            ),
        )
    else:
        fare = _share_line("fare", claim.fare_paid, rule.fare_share_percent, rule.fare_cap)
    return [stall, freight, fare]


def claim_compute(claim: Claim) -> Claim:
    """Set the claim's admissible amounts and the amount payable from its lines (unsaved)."""
    stall, freight, fare = claim_lines(claim)
    claim.stall_admissible = stall.admissible
    claim.freight_admissible = freight.admissible
    claim.fare_admissible = fare.admissible
    claim.amount = payable_of(claim)
    return claim


def payable_of(claim: Claim) -> Decimal:
    """What the claim pays: each line as the cell verified it, else as the rule admits it."""
    pairs = [
        (claim.stall_verified, claim.stall_admissible),
        (claim.freight_verified, claim.freight_admissible),
        (claim.fare_verified, claim.fare_admissible),
    ]
    return sum((v if v is not None else a for v, a in pairs), ZERO)


@dataclass(frozen=True)
class Check:
    """One eligibility rule: whether the claim meets it, and what the portal found."""

    code: str
    title: str
    ok: bool
    finding: str


def _age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _product_check(claim: Claim) -> Check:
    exhibitor, allocation = claim.exhibitor, claim.allocation
    title = _("Makes the district's ODOP product")
    if not allocation.space.is_odop:
        return Check("product", title, False, _("The place was not in an ODOP space."))
    product = exhibitor.product
    if product is None or product.district_id != exhibitor.district_id:
        return Check(
            "product", title, False, _("The exhibitor has no ODOP product of its own district.")
        )
    return Check("product", title, True, product.name)


def _registration_check(claim: Claim) -> Check:
    title = _("Registered (Udyam or district industries centre)")
    number = claim.exhibitor.udyam_number or claim.dic_registration
    if number:
        return Check("registration", title, True, number)
    if not claim.rule.requires_registration:
        return Check("registration", title, True, _("Not required by this rule version."))
    return Check(
        "registration",
        title,
        False,
        _("The exhibitor has no Udyam number and the claim gives no DIC registration."),
    )


def _age_check(claim: Claim) -> Check:
    minimum = claim.rule.min_age
    title = _("Applicant %(age)s or older") % {"age": minimum}
    age = _age_on(claim.applicant_birth_date, claim.fair.start_date)
    finding = _("%(age)s years old when the fair began.") % {"age": age}
    return Check("age", title, age >= minimum, finding)


def _place_check(claim: Claim) -> Check:
    title = _("Held a place at the fair")
    allocation = claim.allocation
    if allocation.status != Allocation.Status.ACTIVE:
        return Check("place", title, False, _("The place was cancelled."))
    place = allocation.stall.number if allocation.stall_id else f"{allocation.area} m²"
    return Check("place", title, True, _("Place %(place)s.") % {"place": place})


def _sales_check(claim: Claim, sale_days: int) -> Check:
    title = _("Sales entered in the portal")
    if not claim.rule.requires_sales:
        return Check("sales", title, True, _("Not required by this rule version."))
    if not sale_days:
        return Check("sales", title, False, _("No day's sales are entered for this place."))
    entered = ngettext("%(days)s day entered.", "%(days)s days entered.", sale_days)
    return Check("sales", title, True, entered % {"days": sale_days})


def _attendance_check(claim: Claim) -> Check | None:
    """Only for versions that ask for it: the place's pass checked in at the gate (the
    letters-and-pass credential, reached through the allocation)."""
    if not claim.rule.requires_attendance:
        return None
    title = _("Checked in at the fair's gate")
    credential = getattr(claim.allocation, "credential", None)
    days = credential.attendance.count() if credential is not None else 0
    if not days:
        return Check("attendance", title, False, _("The exhibitor's pass was never checked in."))
    found = ngettext("Checked in on %(days)s day.", "Checked in on %(days)s days.", days)
    return Check("attendance", title, True, found % {"days": days})


def _gap_check(claim: Claim, earlier: Claim | None) -> Check:
    years = claim.rule.gap_years
    title = _("No assistance sanctioned or paid in the last %(years)s years") % {"years": years}
    if earlier is not None:
        finding = _("%(number)s for %(fair)s (%(exhibitor)s) was sanctioned or paid.") % {
            "number": earlier.number,
            "fair": earlier.fair.name,
            "exhibitor": earlier.exhibitor.name,
        }
        return Check("gap", title, False, finding)
    if not claim.no_other_benefit:
        return Check(
            "gap", title, False, _("The applicant's declaration of no other assistance is missing.")
        )
    return Check("gap", title, True, _("None found; the applicant's declaration is given."))


def _documents_check(claim: Claim, kinds: set[str]) -> Check:
    title = _("Documents attached")
    required = claim.rule.documents_required()
    claimed = {
        "stall_receipt": claim.stall_charge_paid > 0,
        "freight_invoice": claim.freight_paid > 0,
        "fare_ticket": claim.fare_paid > 0,
        "bank_proof": True,
    }
    missing = [
        str(ClaimDocument.Kind(kind).label)
        for kind, needed in required.items()
        if needed and claimed[kind] and kind not in kinds
    ]
    if missing:
        return Check(
            "documents", title, False, _("Missing: %(kinds)s.") % {"kinds": ", ".join(missing)}
        )
    return Check("documents", title, True, _("All that the rule asks for."))


def _years_from(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, in a year without one
        return day.replace(year=day.year + years, day=28)


def earlier_assistance(claim: Claim) -> Claim | None:
    """Another claim of the same exhibitor or enterprise (the PAN in their GSTINs), sanctioned
    or paid, for a fair that began in the rule's years before this one (up to its first day)."""
    years = claim.rule.gap_years
    if not years:
        return None
    start = claim.fair.start_date
    window = (_years_from(start, -years), start)
    same = Q(exhibitor_id=claim.exhibitor_id)
    gstin = claim.exhibitor.gstin
    if gstin:
        same |= Q(exhibitor__gstin__contains=gstin[2:12])
    others = (
        Claim.objects.filter(same, status__in=SANCTIONED, fair__start_date__range=window)
        .exclude(pk=claim.pk)
        .select_related("fair", "exhibitor")
        .order_by("-fair__start_date", "pk")
    )
    return next(
        (
            c
            for c in others
            if c.exhibitor_id == claim.exhibitor_id or c.exhibitor.gstin[2:12] == gstin[2:12]
        ),
        None,
    )


def claim_checks(claim: Claim) -> list[Check]:
    """Every eligibility rule of the claim's version, in the order the scheme lists them."""
    sale_days = DailySale.objects.filter(allocation_id=claim.allocation_id, amount__gt=0).count()
    kinds = set(claim.documents.values_list("kind", flat=True)) if claim.pk else set()
    checks = [
        _product_check(claim),
        _registration_check(claim),
        _age_check(claim),
        _place_check(claim),
        _sales_check(claim, sale_days),
        _attendance_check(claim),
        _gap_check(claim, earlier_assistance(claim)),
        _documents_check(claim, kinds),
    ]
    return [check for check in checks if check is not None]
