"""Fixtures for MDA claims: a fair in another state that is over, where a Lucknow exhibitor
held stall S1 (₹20,000 + 18 % GST) and entered a day's sales; the rule versions in force."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims.models import Budget, Claim, SanctionOrder, SchemeRule
from claims.services import claim_create, claim_document_add
from events.models import Fair
from stalls.models import DailySale

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
FAIR_START = datetime.date(2026, 2, 1)
FAIR_END = datetime.date(2026, 2, 16)


def rule(**fields) -> SchemeRule:
    values = {
        "location": Fair.Location.OTHER_STATE,
        "effective_from": datetime.date(2020, 4, 1),
        "order_reference": "G.O. 1234/18-2020, 1 April 2020",
        "stall_share_percent": Decimal(75),
        "stall_cap": Decimal(50000),
        "freight_share_percent": Decimal(75),
        "freight_cap": Decimal(7500),
        "fare_share_percent": Decimal(100),
        **fields,
    }
    obj = SchemeRule(**values)
    obj.full_clean()
    obj.save()
    return obj


def upload(name="receipt.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


@pytest.fixture
def mda_rule(db) -> SchemeRule:
    return rule()


@pytest.fixture
def claimed_place(allocation, units_space, cell_officer, lucknow_staff):
    """The fair held in another state, over since mid-February, stall S1 charged, sales in."""
    Fair.objects.filter(pk=allocation.fair_id).update(
        start_date=FAIR_START,
        end_date=FAIR_END,
        location=Fair.Location.OTHER_STATE,
        status=Fair.Status.CONCLUDED,
    )
    units_space.charge, units_space.charge_gst_percent = Decimal(20000), Decimal(18)
    units_space.save(update_fields=["charge", "charge_gst_percent"])
    DailySale.objects.create(
        allocation=allocation,
        district=allocation.district,
        fair_id=allocation.fair_id,
        date=FAIR_START,
        amount=Decimal(15000),
        entered_by=lucknow_staff,
    )
    allocation.refresh_from_db()
    return allocation


def claim_values(allocation, **fields) -> dict:
    return {
        "allocation": allocation,
        "applicant_name": "Ram Prasad",
        "applicant_birth_date": datetime.date(1980, 5, 17),
        "no_other_benefit": True,
        "stall_charge_paid": Decimal(23600),
        "freight_paid": Decimal(12000),
        "fare_paid": Decimal(1850),
        "travel_mode": Claim.TravelMode.TRAIN_3AC,
        "account_holder": "Ram Prasad",
        "ifsc": "SBIN0001234",
        "account_number": "123456789012",
        "dic_registration": "DIC/LKO/2019/0042",
        **fields,
    }


@pytest.fixture
def claim_draft(claimed_place, mda_rule, lucknow_staff) -> Claim:
    return claim_create(claim=Claim(**claim_values(claimed_place)), user=lucknow_staff)


def attach_all(claim, user):
    for kind in ("stall_receipt", "freight_invoice", "fare_ticket", "bank_proof"):
        claim_document_add(claim=claim, kind=kind, file=upload(), user=user)


@pytest.fixture
def claim_complete(claim_draft, lucknow_staff) -> Claim:
    attach_all(claim_draft, lucknow_staff)
    return claim_draft


@pytest.fixture
def mda_budget(db) -> Budget:
    return Budget.objects.create(financial_year=2026, allocation=Decimal(1000000))


@pytest.fixture
def claim_verified(claim_complete, lucknow_staff, cell_officer) -> Claim:
    from claims.services import claim_recommend, claim_submit, claim_verify

    claim = claim_submit(claim=claim_complete, user=lucknow_staff)
    claim = claim_recommend(claim=claim, user=lucknow_staff)
    return claim_verify(claim=claim, user=cell_officer)


@pytest.fixture
def sanction(claim_verified, mda_budget, cell_officer):
    from claims.services import claims_sanction

    return claims_sanction(
        fair=claim_verified.fair,
        claim_ids=[claim_verified.pk],
        number="ODOP/MDA/2026-27/001",
        sanctioned_on=datetime.date(2026, 11, 20),
        user=cell_officer,
    )


@pytest.fixture
def sanction_order(sanction):
    """The English order, prepared (a small PDF stands in for WeasyPrint's)."""
    from django.core.files.base import ContentFile

    order = sanction.orders.get(language="en")
    order.file.save(f"sanction-order-{order.pk}.pdf", ContentFile(PDF), save=False)
    order.status, order.pages = SanctionOrder.Status.SUCCEEDED, 1
    order.save()
    return order


@pytest.fixture
def claim_document(claim_draft, lucknow_staff):
    return claim_document_add(
        claim=claim_draft, kind="stall_receipt", file=upload(), user=lucknow_staff
    )
