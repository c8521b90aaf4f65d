"""The claim's journey through the services: bad input refused at its field with nothing
changed, steps refused out of order, and the whole way from a draft to a payment, each step
kept with who and why, the district told, and the sanction order laid out as a PDF."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from claims.models import (
    Budget,
    Claim,
    ClaimDocument,
    ClaimEvent,
    ClaimStatus,
    Sanction,
    SanctionOrder,
)
from claims.services import (
    budget_position,
    claim_create,
    claim_document_add,
    claim_pay,
    claim_recommend,
    claim_reject,
    claim_return,
    claim_submit,
    claim_update,
    claim_verify,
    claims_sanction,
    sanction_order_render,
)
from core.exceptions import ApplicationError, StateConflict
from events.models import Fair
from notifications.models import Notice
from stalls.models import Allocation, DailySale, Nomination
from tests import factories
from tests.claims.fixtures import FAIR_START, PDF, attach_all, claim_values, upload

pytestmark = pytest.mark.django_db

SANCTIONED_ON = datetime.date(2026, 11, 20)
NUMBER = "ODOP/MDA/2026-27/001"


def fields_of(error: ValidationError) -> set[str]:
    return set(error.message_dict)


def message_at(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


def new_claim(place, **fields) -> Claim:
    return Claim(**claim_values(place, **fields))


def another_place(place, *, exhibitor, stall_number, officer) -> Allocation:
    """Another exhibitor's stall at the same fair, recorded directly (the fair is over)."""
    nomination = Nomination.objects.create(
        fair=place.fair,
        space=place.space,
        exhibitor=exhibitor,
        district=exhibitor.district,
        status=Nomination.Status.APPROVED,
        nominated_by=officer,
    )
    allocation = Allocation.objects.create(
        nomination=nomination,
        fair=place.fair,
        space=place.space,
        district=exhibitor.district,
        product=exhibitor.product,
        stall=place.space.stalls.get(number=stall_number),
        allocated_by=officer,
    )
    DailySale.objects.create(
        allocation=allocation,
        district=allocation.district,
        fair_id=allocation.fair_id,
        date=FAIR_START,
        amount=Decimal(9000),
        entered_by=officer,
    )
    return allocation


def verified_claim(place, *, user, officer) -> Claim:
    """A complete claim for ``place`` taken through submit, recommend and verify."""
    claim = claim_create(claim=new_claim(place), user=user)
    attach_all(claim, user)
    claim = claim_submit(claim=claim, user=user)
    claim = claim_recommend(claim=claim, user=user)
    return claim_verify(claim=claim, user=officer)


@pytest.fixture
def second_verified(claim_verified, lucknow, lucknow_staff, cell_officer) -> Claim:
    exhibitor = factories.exhibitor(district=lucknow, mobile="9415000401")
    place = another_place(
        claim_verified.allocation, exhibitor=exhibitor, stall_number="S2", officer=cell_officer
    )
    return verified_claim(place, user=lucknow_staff, officer=cell_officer)


@pytest.fixture
def claim_recommended(claim_complete, lucknow_staff) -> Claim:
    claim = claim_submit(claim=claim_complete, user=lucknow_staff)
    return claim_recommend(claim=claim, user=lucknow_staff)


@pytest.fixture
def lucknow_colleague(lucknow):
    """Another of Lucknow's staff: the district is told what the cell did, the actor is not."""
    return factories.user(username="lko2", role="district_staff", district=lucknow)


def notices(user, code) -> list[Notice]:
    return list(Notice.objects.filter(recipient=user, code=code))


# --- Drafting: refused input ----------------------------------------------------------------


def test_the_stall_charge_may_be_what_the_organiser_charged_with_gst(claim_draft):
    assert claim_draft.allocation.space.charge_for() == Decimal("23600.00")  # 20,000 + 18 %
    assert claim_draft.stall_charge_paid == Decimal(23600)
    assert claim_draft.status == ClaimStatus.DRAFT


def test_a_stall_charge_beyond_what_was_charged_is_refused(claimed_place, mda_rule, lucknow_staff):
    with pytest.raises(ValidationError) as refused:
        claim_create(
            claim=new_claim(claimed_place, stall_charge_paid=Decimal(23601)), user=lucknow_staff
        )
    assert fields_of(refused.value) == {"stall_charge_paid"}
    assert "charged ₹23,600 for this place (with GST)" in message_at(
        refused.value, "stall_charge_paid"
    )
    assert not Claim.objects.exists() and not ClaimEvent.objects.exists()


@pytest.mark.parametrize("field", ["stall_charge_paid", "freight_paid", "fare_paid"])
def test_a_negative_amount_is_refused(claimed_place, mda_rule, lucknow_staff, field):
    with pytest.raises(ValidationError) as refused:
        claim_create(claim=new_claim(claimed_place, **{field: Decimal(-1)}), user=lucknow_staff)
    assert field in fields_of(refused.value)
    assert not Claim.objects.exists()


def test_a_fair_not_yet_over_is_refused(claimed_place, mda_rule, lucknow_staff):
    Fair.objects.filter(pk=claimed_place.fair_id).update(end_date=timezone.localdate())
    claimed_place.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        claim_create(claim=new_claim(claimed_place), user=lucknow_staff)
    assert fields_of(refused.value) == {"allocation"}
    assert "claim once the fair is over" in message_at(refused.value, "allocation")
    assert not Claim.objects.exists()


def test_a_cancelled_place_is_refused(claimed_place, mda_rule, lucknow_staff):
    Allocation.objects.filter(pk=claimed_place.pk).update(status=Allocation.Status.CANCELLED)
    claimed_place.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        claim_create(claim=new_claim(claimed_place), user=lucknow_staff)
    assert "This place was cancelled" in message_at(refused.value, "allocation")
    assert not Claim.objects.exists()


def test_a_fair_without_a_rule_version_is_refused(claimed_place, lucknow_staff):
    with pytest.raises(ValidationError) as refused:
        claim_create(claim=new_claim(claimed_place), user=lucknow_staff)
    assert "No MDA rule version is in force" in message_at(refused.value, "allocation")
    assert not Claim.objects.exists()


def test_a_second_claim_for_the_same_fair_is_refused(claim_draft, lucknow_staff):
    with pytest.raises(ValidationError) as refused:
        claim_create(claim=new_claim(claim_draft.allocation), user=lucknow_staff)
    assert "allocation" in fields_of(refused.value)
    assert "has a claim for this fair already" in message_at(refused.value, "allocation")
    assert Claim.objects.count() == 1
    assert ClaimEvent.objects.count() == 1


def test_a_rejected_claim_allows_a_new_one(claim_recommended, lucknow_staff, cell_officer):
    claim_reject(claim=claim_recommended, user=cell_officer, reason="Receipts are copies.")
    again = claim_create(claim=new_claim(claim_recommended.allocation), user=lucknow_staff)
    assert again.status == ClaimStatus.DRAFT and again.pk != claim_recommended.pk
    assert list(Claim.objects.order_by("pk").values_list("status", flat=True)) == [
        ClaimStatus.REJECTED,
        ClaimStatus.DRAFT,
    ]


def test_another_districts_staff_cannot_claim_for_the_place(
    claimed_place, mda_rule, varanasi_staff
):
    with pytest.raises(PermissionDenied):
        claim_create(claim=new_claim(claimed_place), user=varanasi_staff)
    assert not Claim.objects.exists()


def test_the_cell_and_the_principal_secretary_do_not_draft(
    claimed_place, mda_rule, cell_officer, principal_secretary
):
    for user in (cell_officer, principal_secretary):
        with pytest.raises(PermissionDenied):
            claim_create(claim=new_claim(claimed_place), user=user)
    assert not Claim.objects.exists()


def test_a_space_whose_charge_is_not_recorded_is_refused(
    claimed_place, units_space, mda_rule, lucknow_staff
):
    units_space.charge = None
    units_space.save(update_fields=["charge"])
    claimed_place.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        claim_create(claim=new_claim(claimed_place), user=lucknow_staff)
    assert fields_of(refused.value) == {"stall_charge_paid"}
    assert "is not recorded" in message_at(refused.value, "stall_charge_paid")
    assert not Claim.objects.exists()


def test_a_fare_without_the_travel_mode_is_refused(claimed_place, mda_rule, lucknow_staff):
    with pytest.raises(ValidationError) as refused:
        claim_create(claim=new_claim(claimed_place, travel_mode=""), user=lucknow_staff)
    assert fields_of(refused.value) == {"travel_mode"}
    assert message_at(refused.value, "travel_mode") == "Say how the applicant travelled."
    with pytest.raises(ValidationError) as refused:
        claim_create(claim=new_claim(claimed_place, fare_paid=Decimal(0)), user=lucknow_staff)
    assert fields_of(refused.value) == {"fare_paid"}
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ifsc", "SBIN1234567"),
        ("ifsc", "ABC"),
        ("account_number", "12345"),
        ("account_number", "12345678901234567890"),
    ],
)
def test_a_bank_detail_out_of_form_is_refused(claimed_place, mda_rule, lucknow_staff, field, value):
    with pytest.raises(ValidationError) as refused:
        claim_create(claim=new_claim(claimed_place, **{field: value}), user=lucknow_staff)
    assert field in fields_of(refused.value)
    assert not Claim.objects.exists()


# --- Documents ------------------------------------------------------------------------------


def test_a_document_is_kept_by_its_content(claim_draft, lucknow_staff):
    document = claim_document_add(
        claim=claim_draft, kind="bank_proof", file=upload("passbook.jpg", PDF), user=lucknow_staff
    )
    assert (document.extension, document.size) == ("pdf", len(PDF))
    assert document.file.name.endswith(".pdf") and "passbook" not in document.file.name
    assert document.uploaded_by == lucknow_staff


def test_a_document_of_the_wrong_type_is_refused(claim_draft, lucknow_staff):
    html = b"<!doctype html><html><script>alert(1)</script></html>"
    with pytest.raises(ValidationError) as refused:
        claim_document_add(
            claim=claim_draft,
            kind="stall_receipt",
            file=upload("receipt.pdf", html),
            user=lucknow_staff,
        )
    assert fields_of(refused.value) == {"file"}
    assert "Upload a PDF, or a photo as JPEG or PNG" in message_at(refused.value, "file")
    assert not ClaimDocument.objects.exists()


def test_a_document_too_large_is_refused(claim_draft, lucknow_staff, settings):
    settings.MDA_DOCUMENT_MAX_MB = 1
    big = PDF + b"0" * (2 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        claim_document_add(
            claim=claim_draft, kind="stall_receipt", file=upload(content=big), user=lucknow_staff
        )
    assert fields_of(refused.value) == {"file"}
    assert "the limit is 1 MB" in message_at(refused.value, "file")
    assert not ClaimDocument.objects.exists()


def test_documents_are_refused_once_the_claim_is_submitted(claim_complete, lucknow_staff):
    claim = claim_submit(claim=claim_complete, user=lucknow_staff)
    with pytest.raises(StateConflict) as refused:
        claim_document_add(claim=claim, kind="other", file=upload(), user=lucknow_staff)
    assert (refused.value.code, refused.value.field) == ("not_editable", "file")
    assert ClaimDocument.objects.count() == 4


def test_another_district_cannot_attach_documents(claim_draft, varanasi_staff):
    with pytest.raises(PermissionDenied):
        claim_document_add(
            claim=claim_draft, kind="stall_receipt", file=upload(), user=varanasi_staff
        )
    assert not ClaimDocument.objects.exists()


# --- Steps out of order and refused steps ---------------------------------------------------


def assert_out_of_order(refused, claim, status, events):
    assert refused.value.code == "step_out_of_order"
    claim.refresh_from_db()
    assert claim.status == status
    assert claim.events.count() == events


def test_a_draft_cannot_be_verified(claim_complete, cell_officer):
    with pytest.raises(StateConflict) as refused:
        claim_verify(claim=claim_complete, user=cell_officer)
    assert "This claim is draft; it cannot be verified now." in str(refused.value)
    assert_out_of_order(refused, claim_complete, ClaimStatus.DRAFT, 1)


def test_a_verified_claim_cannot_be_paid_before_its_sanction(claim_verified, cell_officer):
    with pytest.raises(StateConflict) as refused:
        claim_pay(claim=claim_verified, reference="UTR1", paid_on=SANCTIONED_ON, user=cell_officer)
    assert_out_of_order(refused, claim_verified, ClaimStatus.VERIFIED, 4)


def test_a_claim_is_recommended_once(claim_recommended, lucknow_staff):
    with pytest.raises(StateConflict) as refused:
        claim_recommend(claim=claim_recommended, user=lucknow_staff)
    assert_out_of_order(refused, claim_recommended, ClaimStatus.RECOMMENDED, 3)


def test_the_district_cannot_verify(claim_recommended, lucknow_staff):
    with pytest.raises(PermissionDenied):
        claim_verify(claim=claim_recommended, user=lucknow_staff)
    claim_recommended.refresh_from_db()
    assert claim_recommended.status == ClaimStatus.RECOMMENDED


def test_the_cell_cannot_submit_for_the_district(claim_complete, cell_officer):
    with pytest.raises(PermissionDenied):
        claim_submit(claim=claim_complete, user=cell_officer)
    claim_complete.refresh_from_db()
    assert claim_complete.status == ClaimStatus.DRAFT


def test_another_district_cannot_submit(claim_complete, varanasi_staff):
    with pytest.raises(PermissionDenied):
        claim_submit(claim=claim_complete, user=varanasi_staff)
    claim_complete.refresh_from_db()
    assert claim_complete.status == ClaimStatus.DRAFT


def test_submit_is_refused_while_a_check_fails(claim_draft, lucknow_staff):
    with pytest.raises(ApplicationError) as refused:
        claim_submit(claim=claim_draft, user=lucknow_staff)
    assert refused.value.code == "not_eligible"
    message = str(refused.value)
    assert "Documents attached: Missing: Stall charge receipt" in message
    assert "Sales entered" not in message  # only the failed checks are named
    claim_draft.refresh_from_db()
    assert claim_draft.status == ClaimStatus.DRAFT
    assert claim_draft.events.count() == 1


def test_submit_names_every_failed_check(claim_complete, lucknow_staff):
    Claim.objects.filter(pk=claim_complete.pk).update(
        no_other_benefit=False, applicant_birth_date=datetime.date(2010, 1, 1)
    )
    with pytest.raises(ApplicationError) as refused:
        claim_submit(claim=claim_complete, user=lucknow_staff)
    message = str(refused.value)
    assert "Applicant 18 or older: 16 years old when the fair began." in message
    assert "declaration of no other assistance is missing" in message
    claim_complete.refresh_from_db()
    assert claim_complete.status == ClaimStatus.DRAFT


def test_verify_refuses_a_correction_above_what_the_rule_admits(claim_recommended, cell_officer):
    with pytest.raises(ValidationError) as refused:
        claim_verify(
            claim=claim_recommended, user=cell_officer, stall=Decimal("17700.01"), reason="Typo."
        )
    assert fields_of(refused.value) == {"stall"}
    assert "₹17,700" in message_at(refused.value, "stall")
    with pytest.raises(ValidationError) as refused:
        claim_verify(claim=claim_recommended, user=cell_officer, fare=Decimal(-1), reason="x")
    assert fields_of(refused.value) == {"fare"}
    claim_recommended.refresh_from_db()
    assert claim_recommended.status == ClaimStatus.RECOMMENDED
    assert claim_recommended.stall_verified is None


@pytest.mark.parametrize("reason", ["", "   "])
def test_verify_refuses_a_correction_without_a_reason(claim_recommended, cell_officer, reason):
    with pytest.raises(ValidationError) as refused:
        claim_verify(
            claim=claim_recommended, user=cell_officer, freight=Decimal(5000), reason=reason
        )
    assert fields_of(refused.value) == {"reason"}
    claim_recommended.refresh_from_db()
    assert claim_recommended.status == ClaimStatus.RECOMMENDED
    assert claim_recommended.freight_verified is None


def test_verify_without_a_change_needs_no_reason(claim_recommended, cell_officer):
    claim = claim_verify(
        claim=claim_recommended, user=cell_officer, stall=Decimal("17700.00"), freight=None
    )
    assert claim.status == ClaimStatus.VERIFIED
    assert (claim.stall_verified, claim.correction_reason) == (None, "")
    assert claim.amount == claim.admissible == Decimal("27050.00")


@pytest.mark.parametrize("step", [claim_return, claim_reject])
@pytest.mark.parametrize("reason", ["", "  \n "])
def test_return_and_reject_need_a_reason(claim_recommended, cell_officer, step, reason):
    with pytest.raises(ValidationError) as refused:
        step(claim=claim_recommended, user=cell_officer, reason=reason)
    assert fields_of(refused.value) == {"reason"}
    claim_recommended.refresh_from_db()
    assert claim_recommended.status == ClaimStatus.RECOMMENDED
    assert claim_recommended.events.count() == 3


def test_a_draft_cannot_be_sent_back(claim_draft, cell_officer):
    with pytest.raises(StateConflict) as refused:
        claim_return(claim=claim_draft, user=cell_officer, reason="Why?")
    assert_out_of_order(refused, claim_draft, ClaimStatus.DRAFT, 1)


def test_only_the_cell_rejects_a_submitted_claim(claim_complete, lucknow_staff, cell_officer):
    claim = claim_submit(claim=claim_complete, user=lucknow_staff)
    with pytest.raises(PermissionDenied):
        claim_reject(claim=claim, user=lucknow_staff, reason="Not ours.")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    claim = claim_reject(claim=claim, user=cell_officer, reason="A copy of last year's claim.")
    assert claim.status == ClaimStatus.REJECTED


# --- Sanction and payment: refused ----------------------------------------------------------


def assert_nothing_sanctioned(*claims):
    assert not Sanction.objects.exists() and not SanctionOrder.objects.exists()
    for claim in claims:
        claim.refresh_from_db()
        assert (claim.status, claim.sanction_id) == (ClaimStatus.VERIFIED, None)


def sanction_of(claims, *, number=NUMBER, day=SANCTIONED_ON, user):
    return claims_sanction(
        fair=claims[0].fair,
        claim_ids=[c.pk for c in claims],
        number=number,
        sanctioned_on=day,
        user=user,
    )


def test_a_sanction_over_the_budget_is_refused(claim_verified, second_verified, cell_officer):
    total = claim_verified.amount + second_verified.amount
    Budget.objects.create(financial_year=2026, allocation=total - Decimal("0.01"))
    with pytest.raises(ValidationError) as refused:
        sanction_of([claim_verified, second_verified], user=cell_officer)
    assert fields_of(refused.value) == {"claims"}
    assert "These claims total ₹54,100 but the 2026–27 budget has" in message_at(
        refused.value, "claims"
    )
    assert_nothing_sanctioned(claim_verified, second_verified)
    assert not Notice.objects.filter(code=Notice.Code.CLAIM_SANCTIONED).exists()


def test_the_budget_counts_what_earlier_sanctions_committed(
    claim_verified, second_verified, cell_officer
):
    Budget.objects.create(financial_year=2026, allocation=claim_verified.amount + Decimal(100))
    sanction_of([claim_verified], user=cell_officer)
    with pytest.raises(ValidationError) as refused:
        sanction_of([second_verified], number="ODOP/MDA/2026-27/002", user=cell_officer)
    assert "has ₹100 left" in message_at(refused.value, "claims")
    second_verified.refresh_from_db()
    assert second_verified.status == ClaimStatus.VERIFIED
    assert Sanction.objects.count() == 1


def test_a_sanction_without_the_years_budget_is_refused(claim_verified, cell_officer):
    Budget.objects.create(financial_year=2025, allocation=Decimal(1000000))
    with pytest.raises(ValidationError) as refused:
        sanction_of([claim_verified], user=cell_officer)
    assert fields_of(refused.value) == {"sanctioned_on"}
    assert "No MDA budget is recorded for 2026–27" in message_at(refused.value, "sanctioned_on")
    assert_nothing_sanctioned(claim_verified)


def test_the_sanction_counts_against_the_financial_year_of_its_date(claim_verified, cell_officer):
    # 10 March 2026 falls in 2025–26 (April 2025 to March 2026).
    older = Budget.objects.create(financial_year=2025, allocation=Decimal(1000000))
    sanction = sanction_of([claim_verified], day=datetime.date(2026, 3, 10), user=cell_officer)
    assert sanction.budget == older


def test_a_duplicate_sanction_number_is_refused(sanction, second_verified, cell_officer):
    with pytest.raises(ValidationError) as refused:
        sanction_of([second_verified], number=f" {NUMBER} ", user=cell_officer)
    assert fields_of(refused.value) == {"number"}
    assert "exists already" in message_at(refused.value, "number")
    second_verified.refresh_from_db()
    assert second_verified.status == ClaimStatus.VERIFIED
    assert Sanction.objects.count() == 1


def test_a_sanction_dated_in_the_future_is_refused(claim_verified, mda_budget, cell_officer):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        sanction_of([claim_verified], day=tomorrow, user=cell_officer)
    assert "sanctioned_on" in fields_of(refused.value)
    assert "cannot be dated in the future" in message_at(refused.value, "sanctioned_on")
    assert_nothing_sanctioned(claim_verified)


def test_a_sanction_takes_verified_claims_of_its_fair_only(
    claim_verified, claim_recommended_elsewhere, mda_budget, cell_officer
):
    with pytest.raises(ValidationError) as refused:
        claims_sanction(
            fair=claim_verified.fair,
            claim_ids=[claim_verified.pk, claim_recommended_elsewhere.pk],
            number=NUMBER,
            sanctioned_on=SANCTIONED_ON,
            user=cell_officer,
        )
    assert "status" in fields_of(refused.value)  # the step guard, as a field error
    assert_nothing_sanctioned(claim_verified)
    with pytest.raises(ValidationError) as refused:
        claims_sanction(
            fair=claim_verified.fair,
            claim_ids=[],
            number=NUMBER,
            sanctioned_on=SANCTIONED_ON,
            user=cell_officer,
        )
    assert fields_of(refused.value) == {"claims"}


@pytest.fixture
def claim_recommended_elsewhere(claim_verified, lucknow, lucknow_staff, cell_officer):
    exhibitor = factories.exhibitor(district=lucknow, mobile="9415000402")
    place = another_place(
        claim_verified.allocation, exhibitor=exhibitor, stall_number="S3", officer=cell_officer
    )
    claim = claim_create(claim=new_claim(place), user=lucknow_staff)
    attach_all(claim, lucknow_staff)
    claim = claim_submit(claim=claim, user=lucknow_staff)
    return claim_recommend(claim=claim, user=lucknow_staff)


def test_the_district_cannot_sanction(claim_verified, mda_budget, lucknow_staff):
    with pytest.raises(PermissionDenied):
        sanction_of([claim_verified], user=lucknow_staff)
    assert_nothing_sanctioned(claim_verified)


def test_a_payment_dated_before_the_sanction_is_refused(sanction, cell_officer):
    claim = sanction.claims.get()
    with pytest.raises(ValidationError) as refused:
        claim_pay(
            claim=claim,
            reference="UTR0001",
            paid_on=SANCTIONED_ON - datetime.timedelta(days=1),
            user=cell_officer,
        )
    assert fields_of(refused.value) == {"paid_on"}
    assert "cannot come before the sanction of 20.11.2026" in message_at(refused.value, "paid_on")
    claim.refresh_from_db()
    assert (claim.status, claim.paid_on, claim.payment_reference) == (
        ClaimStatus.SANCTIONED,
        None,
        "",
    )


def test_a_payment_needs_its_reference_and_a_date_not_in_the_future(sanction, cell_officer):
    claim = sanction.claims.get()
    with pytest.raises(ValidationError) as refused:
        claim_pay(claim=claim, reference=" ", paid_on=None, user=cell_officer)
    assert fields_of(refused.value) == {"reference", "paid_on"}
    with pytest.raises(ValidationError) as refused:
        claim_pay(
            claim=claim,
            reference="UTR0001",
            paid_on=timezone.localdate() + datetime.timedelta(days=1),
            user=cell_officer,
        )
    assert "cannot be dated in the future" in message_at(refused.value, "paid_on")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SANCTIONED


# --- The whole way --------------------------------------------------------------------------


def test_a_claim_goes_from_draft_to_paid(
    claimed_place, mda_rule, mda_budget, lucknow_staff, lucknow_colleague, cell_officer
):
    claim = claim_create(claim=new_claim(claimed_place), user=lucknow_staff)
    assert (claim.status, claim.number) == (ClaimStatus.DRAFT, f"MDA-{claim.pk:06d}")
    assert (claim.fair, claim.district, claim.rule) == (
        claimed_place.fair,
        claimed_place.district,
        mda_rule,
    )
    assert claim.exhibitor == claimed_place.nomination.exhibitor
    attach_all(claim, lucknow_staff)
    claim = claim_submit(claim=claim, user=lucknow_staff)
    assert claim.status == ClaimStatus.SUBMITTED
    claim = claim_recommend(claim=claim, user=lucknow_colleague, note=" Receipts checked. ")
    assert claim.status == ClaimStatus.RECOMMENDED

    claim = claim_verify(
        claim=claim,
        user=cell_officer,
        stall=Decimal(15000),
        freight=Decimal(7500),
        reason="The receipt shows ₹20,000 with GST.",
    )
    assert claim.status == ClaimStatus.VERIFIED
    assert (claim.stall_verified, claim.freight_verified, claim.fare_verified) == (
        Decimal(15000),
        None,  # what the rule admits: no correction
        None,
    )
    assert claim.correction_reason == "The receipt shows ₹20,000 with GST."
    # The corrected stall charge, the freight and the fare as the rule admits them.
    assert claim.amount == Decimal("24350.00")
    claim.refresh_from_db()
    assert claim.amount == Decimal("24350.00")
    assert claim.admissible == Decimal("27050.00")

    sanction = claims_sanction(
        fair=claim.fair,
        claim_ids=[claim.pk],
        number=NUMBER,
        sanctioned_on=SANCTIONED_ON,
        user=cell_officer,
    )
    claim.refresh_from_db()
    assert (claim.status, claim.sanction) == (ClaimStatus.SANCTIONED, sanction)
    assert (sanction.total, sanction.claim_count, sanction.budget) == (
        Decimal("24350.00"),
        1,
        mda_budget,
    )
    assert sanction.sanctioned_by == cell_officer
    orders = sanction.orders.order_by("language")
    assert [(o.language, o.status) for o in orders] == [
        ("en", SanctionOrder.Status.QUEUED),
        ("hi", SanctionOrder.Status.QUEUED),
    ]
    assert budget_position(mda_budget) == {
        "allocation": Decimal(1000000),
        "sanctioned": Decimal("24350.00"),
        "paid": 0,
        "left": Decimal("975650.00"),
    }

    claim = claim_pay(
        claim=claim, reference=" UTR2026112500042 ", paid_on=SANCTIONED_ON, user=cell_officer
    )
    assert (claim.status, claim.payment_reference, claim.paid_on) == (
        ClaimStatus.PAID,
        "UTR2026112500042",
        SANCTIONED_ON,
    )
    position = budget_position(mda_budget)
    assert (position["sanctioned"], position["paid"], position["left"]) == (
        Decimal("24350.00"),
        Decimal("24350.00"),
        Decimal("975650.00"),
    )

    events = [
        (e.step, e.from_status, e.to_status, e.by, e.reason)
        for e in claim.events.order_by("at", "pk")
    ]
    assert events == [
        ("create", "", "draft", lucknow_staff, ""),
        ("submit", "draft", "submitted", lucknow_staff, ""),
        ("recommend", "submitted", "recommended", lucknow_colleague, "Receipts checked."),
        ("verify", "recommended", "verified", cell_officer, "The receipt shows ₹20,000 with GST."),
        ("sanction", "verified", "sanctioned", cell_officer, NUMBER),
        ("pay", "sanctioned", "paid", cell_officer, "UTR2026112500042"),
    ]

    for user in (lucknow_staff, lucknow_colleague):
        verified = notices(user, Notice.Code.CLAIM_VERIFIED)
        assert len(verified) == 1 and verified[0].link == claim.get_absolute_url()
        assert claim.number in verified[0].text and "₹24,350" in verified[0].text
        assert len(notices(user, Notice.Code.CLAIM_SANCTIONED)) == 1
        paid = notices(user, Notice.Code.CLAIM_PAID)
        assert len(paid) == 1 and "is paid: ₹24,350" in paid[0].text
    assert not Notice.objects.filter(recipient=cell_officer).exists()


def test_a_sanction_takes_several_claims_at_once(
    claim_verified, second_verified, mda_budget, cell_officer
):
    sanction = sanction_of([second_verified, claim_verified], user=cell_officer)
    assert sanction.claim_count == 2
    assert sanction.total == claim_verified.amount + second_verified.amount == Decimal(54100)
    assert set(sanction.claims.values_list("status", flat=True)) == {ClaimStatus.SANCTIONED}
    assert budget_position(mda_budget)["left"] == Decimal(1000000) - Decimal(54100)


def test_the_district_is_told_of_a_return_but_not_the_officer_who_acted(
    claim_complete, lucknow_staff, lucknow_colleague
):
    claim = claim_submit(claim=claim_complete, user=lucknow_staff)
    claim = claim_return(claim=claim, user=lucknow_staff, reason="The ticket is unreadable.")
    assert claim.status == ClaimStatus.RETURNED
    assert not notices(lucknow_staff, Notice.Code.CLAIM_RETURNED)
    [notice] = notices(lucknow_colleague, Notice.Code.CLAIM_RETURNED)
    assert "Reason: The ticket is unreadable." in notice.text


def test_the_cells_return_sends_the_claim_back_for_correction(
    claim_recommended, lucknow_staff, lucknow_colleague, cell_officer
):
    claim = claim_return(
        claim=claim_recommended, user=cell_officer, reason="Freight invoice is ₹8,000 only."
    )
    assert claim.status == ClaimStatus.RETURNED and claim.is_editable
    event = claim.events.order_by("at", "pk").last()
    assert (event.step, event.by, event.reason) == (
        "return",
        cell_officer,
        "Freight invoice is ₹8,000 only.",
    )
    for user in (lucknow_staff, lucknow_colleague):
        [notice] = notices(user, Notice.Code.CLAIM_RETURNED)
        assert "returned for correction" in notice.text

    # The district corrects the claim and sends it again; documents may change meanwhile.
    claim_document_add(claim=claim, kind="other", file=upload(), user=lucknow_staff)
    correction = Claim.objects.get(pk=claim.pk)
    correction.freight_paid = Decimal(8000)
    corrected = claim_update(claim=correction, user=lucknow_staff)
    assert corrected.status == ClaimStatus.RETURNED
    assert corrected.freight_admissible == Decimal("6000.00")
    assert corrected.amount == Decimal("25550.00")
    claim = claim_submit(claim=corrected, user=lucknow_staff)
    assert claim.status == ClaimStatus.SUBMITTED
    assert list(claim.events.order_by("at", "pk").values_list("step", flat=True)) == [
        "create",
        "submit",
        "recommend",
        "return",
        "edit",
        "submit",
    ]


def test_a_claim_under_way_cannot_be_corrected(claim_recommended, lucknow_staff):
    correction = Claim.objects.get(pk=claim_recommended.pk)
    correction.freight_paid = Decimal(1)
    with pytest.raises(StateConflict) as refused:
        claim_update(claim=correction, user=lucknow_staff)
    assert refused.value.code == "not_editable"
    claim_recommended.refresh_from_db()
    assert claim_recommended.freight_paid == Decimal(12000)


def test_a_correction_is_checked_like_a_draft(claim_draft, lucknow_staff):
    correction = Claim.objects.get(pk=claim_draft.pk)
    correction.stall_charge_paid = Decimal(30000)
    correction.ifsc = "ABC"
    with pytest.raises(ValidationError) as refused:
        claim_update(claim=correction, user=lucknow_staff)
    assert "stall_charge_paid" in fields_of(refused.value)
    claim_draft.refresh_from_db()
    assert claim_draft.stall_charge_paid == Decimal(23600)
    assert claim_draft.events.count() == 1


# --- The sanction order's PDF ---------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "hi"])
def test_the_sanction_order_is_laid_out_once(sanction, language):
    order = sanction.orders.get(language=language)
    done = sanction_order_render(order_id=order.pk)
    assert done is not None
    assert (done.status, done.attempts, done.error) == (SanctionOrder.Status.SUCCEEDED, 1, "")
    assert done.pages >= 1 and done.finished_at is not None
    with done.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    # A second delivery of the task finds the order done and does nothing.
    assert sanction_order_render(order_id=order.pk) is None
    order.refresh_from_db()
    assert (order.status, order.attempts) == (SanctionOrder.Status.SUCCEEDED, 1)


def test_the_render_task_is_sent_only_on_commit(
    claim_verified, mda_budget, cell_officer, django_capture_on_commit_callbacks
):
    from core import broker

    def renders(sent) -> list[int]:
        return sorted(
            call.kwargs["args"][0]
            for call in sent.call_args_list
            if call.args[0].name == "claims.tasks.render_sanction_order"
        )

    with mock.patch.object(broker, "task_send", wraps=broker.task_send) as sent:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            sanction = sanction_of([claim_verified], user=cell_officer)
        # Nothing is sent before the transaction commits: the orders wait, queued.
        assert renders(sent) == []
        assert set(sanction.orders.values_list("status", flat=True)) == {"queued"}
        for callback in callbacks:  # the commit
            callback()
        assert renders(sent) == sorted(sanction.orders.values_list("pk", flat=True))
    # Celery runs eagerly in the tests: the orders were laid out when the task was sent.
    assert set(sanction.orders.values_list("status", flat=True)) == {"succeeded"}


def test_a_budget_cannot_fall_below_what_its_sanctions_commit(sanction):
    from django.core.exceptions import ValidationError

    budget = sanction.budget
    budget.allocation = sanction.total - 1
    with pytest.raises(ValidationError) as refused:
        budget.full_clean()
    assert "allocation" in refused.value.message_dict
    budget.allocation = sanction.total
    budget.full_clean()
