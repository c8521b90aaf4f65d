"""The scheme's arithmetic and eligibility rules: each line's share and cap, each check failing
and passing, and the rule versions chosen by the fair's first day and kind of place."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from claims.models import Budget, Claim, ClaimStatus, Sanction, SchemeRule
from claims.services import claim_checks, claim_lines, claim_update
from claims.services.rules import claim_compute
from core.identifiers import gstin_check_character
from districts.models import Product
from events.models import Fair
from stalls.models import Allocation, DailySale
from tests import factories
from tests.claims.fixtures import FAIR_START, rule

pytestmark = pytest.mark.django_db


def gstin(pan: str, entity: str = "1") -> str:
    first14 = f"09{pan}{entity}Z"
    return first14 + gstin_check_character(first14)


def paid(rule_version=None, **amounts) -> Claim:
    """An unsaved claim with only what the lines read."""
    values = {"stall_charge_paid": Decimal(0), "freight_paid": Decimal(0), "fare_paid": Decimal(0)}
    values.update(amounts)
    return Claim(rule=rule_version, **values)


def lines_of(claim, rule_version=None) -> dict:
    return {line.code: line for line in claim_lines(claim, rule_version)}


def checks_of(claim) -> dict:
    return {check.code: check for check in claim_checks(claim)}


# --- Lines ----------------------------------------------------------------------------------


def test_it_admits_75_percent_of_the_stall_charge_below_the_cap(mda_rule):
    stall = lines_of(paid(mda_rule, stall_charge_paid=Decimal(23600)))["stall"]
    assert (stall.paid, stall.admissible) == (Decimal(23600), Decimal("17700.00"))
    assert stall.rule == "75 % of what was paid, at most ₹50,000."
    assert "cap applies" not in stall.rule


def test_it_caps_the_stall_charge_at_50000(mda_rule):
    stall = lines_of(paid(mda_rule, stall_charge_paid=Decimal(80000)))["stall"]
    assert stall.admissible == Decimal(50000)
    assert stall.rule == "75 % of what was paid, at most ₹50,000: the cap applies."


def test_it_caps_the_freight_at_7500(mda_rule):
    below = lines_of(paid(mda_rule, freight_paid=Decimal(8000)))["freight"]
    assert below.admissible == Decimal("6000.00") and "cap applies" not in below.rule
    above = lines_of(paid(mda_rule, freight_paid=Decimal(12000)))["freight"]
    assert above.admissible == Decimal(7500)
    assert above.rule == "75 % of what was paid, at most ₹7,500: the cap applies."


def test_it_admits_the_whole_fare_without_a_cap(mda_rule):
    claim = paid(mda_rule, fare_paid=Decimal(18500), travel_mode=Claim.TravelMode.TRAIN_3AC)
    fare = lines_of(claim)["fare"]
    assert fare.admissible == Decimal("18500.00")
    assert fare.rule == "100 % of what was paid."


def test_it_caps_the_fare_when_the_version_sets_a_cap(mda_rule):
    capped = SchemeRule(
        **{f.attname: getattr(mda_rule, f.attname) for f in SchemeRule._meta.concrete_fields}
    )
    capped.pk, capped.fare_cap = None, Decimal(1500)
    claim = paid(mda_rule, fare_paid=Decimal(1850), travel_mode=Claim.TravelMode.AC_BUS)
    fare = lines_of(claim, capped)["fare"]
    assert fare.admissible == Decimal(1500)
    assert fare.rule == "100 % of what was paid, at most ₹1,500: the cap applies."
    # Under the claim's own version (no fare cap) the whole fare is admitted.
    assert lines_of(claim)["fare"].admissible == Decimal("1850.00")


def test_a_line_not_claimed_admits_nothing(mda_rule):
    lines = lines_of(paid(mda_rule, stall_charge_paid=Decimal(23600)))
    for code in ("freight", "fare"):
        assert (lines[code].admissible, lines[code].rule) == (0, "Not claimed.")
    assert [line.label for line in lines.values()] == [
        "Stall charge",
        "Freight",
        "Fare of one person",
    ]


def test_a_fare_by_a_higher_class_admits_nothing_and_says_why(mda_rule):
    claim = paid(mda_rule, fare_paid=Decimal(9000), travel_mode=Claim.TravelMode.HIGHER)
    fare = lines_of(claim)["fare"]
    assert (fare.paid, fare.admissible) == (Decimal(9000), 0)
    assert "this journey was by a higher class" in fare.rule
    assert "third AC train or AC bus" in fare.rule


def test_compute_sets_each_admissible_amount_and_the_payable_total(mda_rule):
    claim = paid(
        mda_rule,
        stall_charge_paid=Decimal(80000),
        freight_paid=Decimal(12000),
        fare_paid=Decimal(1850),
        travel_mode=Claim.TravelMode.LOWER,
    )
    claim_compute(claim)
    assert (claim.stall_admissible, claim.freight_admissible, claim.fare_admissible) == (
        Decimal(50000),
        Decimal(7500),
        Decimal("1850.00"),
    )
    assert claim.amount == claim.admissible == Decimal("59350.00")


def test_a_saved_claim_is_computed_with_its_version(claim_draft):
    assert claim_draft.rule.effective_from == datetime.date(2020, 4, 1)
    # 75 % of ₹23,600; 75 % of ₹12,000 capped at ₹7,500; the whole fare of ₹1,850.
    assert claim_draft.stall_admissible == Decimal("17700.00")
    assert claim_draft.freight_admissible == Decimal("7500.00")
    assert claim_draft.fare_admissible == Decimal("1850.00")
    assert claim_draft.amount == Decimal("27050.00")


# --- Eligibility checks ---------------------------------------------------------------------


def test_a_complete_claim_meets_every_check(claim_complete):
    checks = claim_checks(claim_complete)
    assert [c.code for c in checks] == [
        "product",
        "registration",
        "age",
        "place",
        "sales",
        "gap",
        "documents",
    ]
    assert all(c.ok for c in checks), [(c.code, c.finding) for c in checks if not c.ok]


def test_the_product_check_passes_for_the_districts_own_product(claim_draft):
    check = checks_of(claim_draft)["product"]
    assert check.ok and check.finding == claim_draft.exhibitor.product.name


def test_the_product_check_fails_for_another_districts_product(claim_draft, varanasi):
    claim_draft.exhibitor.product = Product.objects.filter(district=varanasi).first()
    check = checks_of(claim_draft)["product"]
    assert not check.ok
    assert check.finding == "The exhibitor has no ODOP product of its own district."
    claim_draft.exhibitor.product = None
    assert not checks_of(claim_draft)["product"].ok


def test_the_product_check_fails_outside_an_odop_space(claim_draft):
    claim_draft.allocation.space.is_odop = False
    check = checks_of(claim_draft)["product"]
    assert (check.ok, check.finding) == (False, "The place was not in an ODOP space.")


def test_the_registration_check_takes_a_udyam_or_a_dic_number(claim_draft):
    check = checks_of(claim_draft)["registration"]
    assert (check.ok, check.finding) == (True, "DIC/LKO/2019/0042")
    claim_draft.dic_registration = ""
    claim_draft.exhibitor.udyam_number = "UDYAM-UP-43-0012345"
    check = checks_of(claim_draft)["registration"]
    assert (check.ok, check.finding) == (True, "UDYAM-UP-43-0012345")


def test_the_registration_check_fails_without_either_number(claim_draft):
    claim_draft.dic_registration = ""
    check = checks_of(claim_draft)["registration"]
    assert not check.ok
    assert "no Udyam number" in check.finding and "DIC registration" in check.finding


def test_the_registration_check_passes_when_the_version_does_not_require_it(claim_draft):
    claim_draft.dic_registration = ""
    claim_draft.rule.requires_registration = False
    check = checks_of(claim_draft)["registration"]
    assert (check.ok, check.finding) == (True, "Not required by this rule version.")


def test_the_age_check_counts_on_the_fairs_first_day(claim_draft):
    assert claim_draft.fair.start_date == FAIR_START == datetime.date(2026, 2, 1)
    claim_draft.applicant_birth_date = datetime.date(2008, 2, 2)  # 18 the day after
    check = checks_of(claim_draft)["age"]
    assert (check.ok, check.title) == (False, "Applicant 18 or older")
    assert check.finding == "17 years old when the fair began."
    claim_draft.applicant_birth_date = datetime.date(2008, 2, 1)  # 18 that day
    check = checks_of(claim_draft)["age"]
    assert (check.ok, check.finding) == (True, "18 years old when the fair began.")


def test_the_age_check_follows_the_versions_minimum(claim_draft):
    claim_draft.rule.min_age = 50
    check = checks_of(claim_draft)["age"]
    assert (check.ok, check.title) == (False, "Applicant 50 or older")
    assert check.finding == "45 years old when the fair began."


def test_the_place_check_fails_for_a_cancelled_place(claim_draft):
    check = checks_of(claim_draft)["place"]
    assert (check.ok, check.finding) == (True, "Place S1.")
    claim_draft.allocation.status = Allocation.Status.CANCELLED
    check = checks_of(claim_draft)["place"]
    assert (check.ok, check.finding) == (False, "The place was cancelled.")


def test_the_sales_check_needs_a_days_sales_entered(claim_draft):
    check = checks_of(claim_draft)["sales"]
    assert (check.ok, check.finding) == (True, "1 day entered.")
    DailySale.objects.filter(allocation=claim_draft.allocation).update(amount=0)
    check = checks_of(claim_draft)["sales"]
    assert (check.ok, check.finding) == (False, "No day's sales are entered for this place.")


def test_the_sales_check_passes_when_the_version_does_not_require_sales(claim_draft):
    DailySale.objects.filter(allocation=claim_draft.allocation).delete()
    claim_draft.rule.requires_sales = False
    check = checks_of(claim_draft)["sales"]
    assert (check.ok, check.finding) == (True, "Not required by this rule version.")


def earlier_fair(start: datetime.date) -> Fair:
    return factories.fair(
        name_en=f"Crafts fair of {start:%B %Y}",
        name_hi="पिछला शिल्प मेला",
        start_date=start,
        end_date=start + datetime.timedelta(days=9),
        location=Fair.Location.OTHER_STATE,
    )


def earlier_claim(claim, *, start, status=ClaimStatus.PAID, exhibitor=None, officer) -> Claim:
    """A claim of ``exhibitor`` (the claim's own by default) for a fair starting ``start``,
    sanctioned or paid (or in ``status``)."""
    fair = earlier_fair(start)
    sanction = None
    if status in (ClaimStatus.SANCTIONED, ClaimStatus.PAID):
        budget, _created = Budget.objects.get_or_create(
            financial_year=start.year, defaults={"allocation": Decimal(1000000)}
        )
        sanction = Sanction.objects.create(
            number=f"ODOP/MDA/{start:%Y%m}",
            sanctioned_on=start + datetime.timedelta(days=60),
            budget=budget,
            fair=fair,
            total=Decimal(10000),
            claim_count=1,
            sanctioned_by=officer,
        )
    return Claim.objects.create(
        allocation=claim.allocation,
        fair=fair,
        exhibitor=exhibitor or claim.exhibitor,
        district=claim.district,
        rule=claim.rule,
        status=status,
        applicant_name=claim.applicant_name,
        applicant_birth_date=claim.applicant_birth_date,
        no_other_benefit=True,
        stall_charge_paid=Decimal(10000),
        account_holder=claim.account_holder,
        ifsc=claim.ifsc,
        account_number=claim.account_number,
        sanction=sanction,
        payment_reference="UTR0001" if status == ClaimStatus.PAID else "",
        paid_on=sanction.sanctioned_on if status == ClaimStatus.PAID else None,
        created_by=claim.created_by,
    )


def test_the_gap_check_passes_with_the_declaration_and_no_earlier_assistance(claim_draft):
    check = checks_of(claim_draft)["gap"]
    assert (check.ok, check.title) == (
        True,
        "No assistance sanctioned or paid in the last 2 years",
    )
    assert check.finding == "None found; the applicant's declaration is given."


@pytest.mark.parametrize("status", [ClaimStatus.SANCTIONED, ClaimStatus.PAID])
def test_the_gap_check_fails_for_the_same_exhibitors_assistance_within_the_gap(
    claim_draft, cell_officer, status
):
    earlier = earlier_claim(
        claim_draft, start=datetime.date(2025, 1, 10), status=status, officer=cell_officer
    )
    check = checks_of(claim_draft)["gap"]
    assert not check.ok
    assert check.finding == (
        f"{earlier.number} for Crafts fair of January 2025 ({claim_draft.exhibitor.name}) "
        "was sanctioned or paid."
    )


def test_the_gap_check_ignores_claims_neither_sanctioned_nor_paid(claim_draft, cell_officer):
    for day, status in (
        (datetime.date(2025, 1, 10), ClaimStatus.VERIFIED),
        (datetime.date(2025, 3, 10), ClaimStatus.REJECTED),
    ):
        earlier_claim(claim_draft, start=day, status=status, officer=cell_officer)
    assert checks_of(claim_draft)["gap"].ok


def test_the_gap_check_ignores_assistance_older_than_the_gap(claim_draft, cell_officer):
    # Two years and a day before the fair's first day (1 February 2026).
    earlier_claim(claim_draft, start=datetime.date(2024, 1, 31), officer=cell_officer)
    assert checks_of(claim_draft)["gap"].ok
    claim_draft.rule.gap_years = 3
    assert not checks_of(claim_draft)["gap"].ok
    claim_draft.rule.gap_years = 0
    assert checks_of(claim_draft)["gap"].ok


def test_the_gap_check_looks_back_not_forward(claim_draft, cell_officer):
    # Assistance for a later fair does not count against this one's claim.
    earlier_claim(claim_draft, start=datetime.date(2026, 11, 1), officer=cell_officer)
    assert checks_of(claim_draft)["gap"].ok


def test_the_gap_check_fails_for_another_exhibitor_of_the_same_enterprise(
    claim_draft, lucknow, cell_officer
):
    exhibitor = claim_draft.exhibitor
    exhibitor.gstin = gstin("AABCL1234K")
    exhibitor.save(update_fields=["gstin"])
    twin = factories.exhibitor(
        district=lucknow, mobile="9415000301", kind="unit", gstin=gstin("AABCL1234K", "2")
    )
    earlier = earlier_claim(
        claim_draft, start=datetime.date(2025, 1, 10), exhibitor=twin, officer=cell_officer
    )
    check = checks_of(claim_draft)["gap"]
    assert not check.ok
    assert earlier.number in check.finding and twin.name in check.finding


def test_the_gap_check_passes_for_another_enterprise(claim_draft, lucknow, cell_officer):
    exhibitor = claim_draft.exhibitor
    exhibitor.gstin = gstin("AABCL1234K")
    exhibitor.save(update_fields=["gstin"])
    other = factories.exhibitor(
        district=lucknow, mobile="9415000302", kind="unit", gstin=gstin("AABCM9876K")
    )
    earlier_claim(
        claim_draft, start=datetime.date(2025, 1, 10), exhibitor=other, officer=cell_officer
    )
    assert checks_of(claim_draft)["gap"].ok


def test_the_gap_check_fails_without_the_declaration(claim_draft):
    claim_draft.no_other_benefit = False
    check = checks_of(claim_draft)["gap"]
    assert not check.ok
    assert check.finding == "The applicant's declaration of no other assistance is missing."


def test_the_documents_check_lists_what_is_missing_by_name(claim_draft):
    check = checks_of(claim_draft)["documents"]
    assert not check.ok
    assert check.finding == (
        "Missing: Stall charge receipt, Freight invoice, Travel ticket, "
        "Cancelled cheque or passbook."
    )


def test_the_documents_check_asks_only_for_lines_claimed_and_kinds_required(
    claim_draft, lucknow_staff
):
    from claims.services import claim_document_add
    from tests.claims.fixtures import upload

    for kind in ("stall_receipt", "bank_proof"):
        claim_document_add(claim=claim_draft, kind=kind, file=upload(), user=lucknow_staff)
    check = checks_of(claim_draft)["documents"]
    assert check.finding == "Missing: Freight invoice, Travel ticket."
    claim_draft.freight_paid = Decimal(0)
    claim_draft.rule.needs_fare_ticket = False
    check = checks_of(claim_draft)["documents"]
    assert (check.ok, check.finding) == (True, "All that the rule asks for.")


def test_the_documents_check_passes_with_every_document(claim_complete):
    check = checks_of(claim_complete)["documents"]
    assert (check.ok, check.finding) == (True, "All that the rule asks for.")


# --- Versions by effective date -------------------------------------------------------------


@pytest.fixture
def rule_2026(mda_rule) -> SchemeRule:
    return rule(
        effective_from=datetime.date(2026, 1, 1),
        order_reference="G.O. 77/18-2026, 1 January 2026",
        stall_share_percent=Decimal(80),
        stall_cap=Decimal(60000),
    )


def fair_on(start: datetime.date, location=Fair.Location.OTHER_STATE) -> Fair:
    return Fair(start_date=start, end_date=start + datetime.timedelta(days=5), location=location)


def test_a_fair_uses_the_version_in_force_on_its_first_day(mda_rule, rule_2026):
    assert SchemeRule.objects.for_fair(fair_on(datetime.date(2025, 12, 31))) == mda_rule
    assert SchemeRule.objects.for_fair(fair_on(datetime.date(2026, 1, 1))) == rule_2026
    assert SchemeRule.objects.for_fair(fair_on(datetime.date(2026, 2, 1))) == rule_2026
    assert SchemeRule.objects.for_fair(fair_on(datetime.date(2020, 3, 31))) is None


def test_the_newer_version_computes_with_its_own_rates(mda_rule, rule_2026):
    claim = paid(stall_charge_paid=Decimal(80000))
    assert lines_of(claim, mda_rule)["stall"].admissible == Decimal(50000)
    newer = lines_of(claim, rule_2026)["stall"]
    assert newer.admissible == Decimal(60000)
    assert newer.rule == "80 % of what was paid, at most ₹60,000: the cap applies."
    assert lines_of(paid(stall_charge_paid=Decimal(23600)), rule_2026)["stall"].admissible == (
        Decimal("18880.00")
    )


def test_a_claim_drafted_under_the_newer_version_uses_it(claimed_place, rule_2026, lucknow_staff):
    from claims.services import claim_create
    from tests.claims.fixtures import claim_values

    claim = claim_create(claim=Claim(**claim_values(claimed_place)), user=lucknow_staff)
    assert claim.rule == rule_2026
    assert claim.stall_admissible == Decimal("18880.00")


def test_a_claim_keeps_its_version_after_a_newer_one_is_added(claim_draft, mda_rule):
    newer = rule(
        effective_from=datetime.date(2026, 1, 1),
        stall_share_percent=Decimal(80),
        stall_cap=Decimal(60000),
    )
    assert SchemeRule.objects.for_fair(claim_draft.fair) == newer
    claim = Claim.objects.get(pk=claim_draft.pk)
    assert claim.rule == mda_rule
    assert claim.stall_admissible == Decimal("17700.00")
    stall = lines_of(claim)["stall"]
    assert stall.admissible == Decimal("17700.00")
    assert stall.rule.startswith("75 % of what was paid")


def test_a_correction_keeps_the_version_the_claim_was_computed_with(
    claim_draft, mda_rule, lucknow_staff
):
    rule(
        effective_from=datetime.date(2026, 1, 1),
        stall_share_percent=Decimal(80),
        stall_cap=Decimal(60000),
    )
    claim = Claim.objects.get(pk=claim_draft.pk)
    claim.freight_paid = Decimal(8000)
    corrected = claim_update(claim=claim, user=lucknow_staff)
    assert corrected.rule == mda_rule
    assert (corrected.stall_admissible, corrected.freight_admissible) == (
        Decimal("17700.00"),
        Decimal("6000.00"),
    )


def test_a_version_in_use_keeps_its_rates_but_its_notes_may_change(claim_draft, mda_rule):
    mda_rule.refresh_from_db()
    mda_rule.notes = "Read with the clarification of 3 May 2021."
    mda_rule.full_clean()
    mda_rule.save()


def test_a_version_used_by_a_claim_refuses_to_change(claim_draft, mda_rule):
    mda_rule.refresh_from_db()
    assert mda_rule.is_in_use
    mda_rule.stall_cap = Decimal(60000)
    with pytest.raises(ValidationError) as refused:
        mda_rule.full_clean()
    assert "Claims were computed with this version" in str(refused.value)


def test_a_version_no_claim_uses_may_change(mda_rule, rule_2026):
    assert not rule_2026.is_in_use
    rule_2026.stall_cap = Decimal(65000)
    rule_2026.full_clean()
    rule_2026.save()
    rule_2026.refresh_from_db()
    assert rule_2026.stall_cap == Decimal(65000)


def test_two_versions_cannot_take_effect_the_same_day(mda_rule):
    with pytest.raises(ValidationError) as refused:
        rule(stall_cap=Decimal(1))
    assert "takes effect on this day already" in str(refused.value)


def test_fairs_held_elsewhere_do_not_pick_other_state_versions(mda_rule, rule_2026):
    in_state = fair_on(datetime.date(2026, 2, 1), Fair.Location.IN_STATE)
    assert SchemeRule.objects.for_fair(in_state) is None
    own = rule(
        location=Fair.Location.IN_STATE,
        effective_from=datetime.date(2021, 4, 1),
        stall_share_percent=Decimal(50),
        stall_cap=Decimal(25000),
    )
    assert SchemeRule.objects.for_fair(in_state) == own
    assert SchemeRule.objects.for_fair(fair_on(datetime.date(2026, 2, 1))) == rule_2026
    abroad = fair_on(datetime.date(2026, 2, 1), Fair.Location.ABROAD)
    assert SchemeRule.objects.for_fair(abroad) is None


def test_the_attendance_rule_asks_for_the_pass_checked_in_when_the_version_says_so(
    claim_draft, cell_officer
):
    import datetime as dt

    from passes.models import Attendance
    from passes.services import credential_issue

    assert "attendance" not in checks_of(claim_draft)
    claim_draft.rule.requires_attendance = True
    check = checks_of(claim_draft)["attendance"]
    assert (check.ok, check.finding) == (False, "The exhibitor's pass was never checked in.")
    credential = credential_issue(allocation=claim_draft.allocation)
    Attendance.objects.create(
        credential=credential, day=dt.date(2026, 2, 2), checked_in_by=cell_officer
    )
    claim = Claim.objects.get(pk=claim_draft.pk)
    claim.rule.requires_attendance = True
    check = checks_of(claim)["attendance"]
    assert (check.ok, check.finding) == (True, "Checked in on 1 day.")
