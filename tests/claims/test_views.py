"""The claim pages through the test client: each district sees its own claims, the form
refuses bad input at its field, accounts are masked everywhere, documents go in and come out
as downloads, the steps are posted from the claim's page, the cell sanctions from its page;
and the pages read a constant number of queries."""

import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse

from claims.models import Claim, ClaimDocument, ClaimStatus, Sanction
from claims.services import (
    claim_create,
    claim_document_add,
    claim_recommend,
    claim_submit,
    claims_sanction,
)
from stalls.models import Allocation, DailySale, Nomination
from tests import factories
from tests.claims.fixtures import FAIR_START, PDF, claim_values, upload
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

ACCOUNT = "123456789012"
MASKED = "••••9012"


def logged_in(client, user):
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


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


@pytest.fixture
def varanasi_place(claimed_place, varanasi, cell_officer) -> Allocation:
    exhibitor = factories.exhibitor(district=varanasi, mobile="9415000501")
    return another_place(
        claimed_place, exhibitor=exhibitor, stall_number="S2", officer=cell_officer
    )


@pytest.fixture
def varanasi_claim(varanasi_place, mda_rule, varanasi_staff) -> Claim:
    values = claim_values(varanasi_place, account_number="987654321098")
    return claim_create(claim=Claim(**values), user=varanasi_staff)


@pytest.fixture
def claim_recommended(claim_complete, lucknow_staff) -> Claim:
    claim = claim_submit(claim=claim_complete, user=lucknow_staff)
    return claim_recommend(claim=claim, user=lucknow_staff)


def more_claims(claim, count: int) -> None:
    """``count`` more claims of the claim's district, each another exhibitor's."""
    for index in range(count):
        exhibitor = factories.exhibitor(district=claim.district, mobile=f"94150006{index:02d}")
        Claim.objects.create(
            allocation=claim.allocation,
            fair=claim.fair,
            exhibitor=exhibitor,
            district=claim.district,
            rule=claim.rule,
            applicant_name=f"Applicant {index}",
            applicant_birth_date=claim.applicant_birth_date,
            no_other_benefit=True,
            stall_charge_paid=claim.stall_charge_paid,
            stall_admissible=claim.stall_admissible,
            amount=claim.stall_admissible,
            account_holder=claim.account_holder,
            ifsc=claim.ifsc,
            account_number=f"5000000000{index:02d}",
            created_by=claim.created_by,
        )


# --- Lists and scope ------------------------------------------------------------------------


def test_district_staff_see_only_their_districts_claims(
    client, claim_draft, varanasi_claim, lucknow_staff
):
    page = logged_in(client, lucknow_staff).get(reverse("claims:list"))
    assert page.status_code == 200
    assert list(page.context["claims"]) == [claim_draft]
    text = page.content.decode()
    assert claim_draft.get_absolute_url() in text and claim_draft.number in text
    assert varanasi_claim.number not in text
    assert varanasi_claim.exhibitor.name not in text
    assert page.context["pipeline"]["total"] == 1


def test_the_cell_sees_every_districts_claims(client, claim_draft, varanasi_claim, cell_officer):
    page = logged_in(client, cell_officer).get(reverse("claims:list"))
    assert set(page.context["claims"]) == {claim_draft, varanasi_claim}
    text = page.content.decode()
    assert claim_draft.number in text and varanasi_claim.number in text


def test_the_list_filters_by_status_and_fair(client, claim_draft, claim_verified, lucknow_staff):
    client = logged_in(client, lucknow_staff)
    url = reverse("claims:list")
    assert list(client.get(url, {"status": "verified"}).context["claims"]) == [claim_verified]
    assert list(client.get(url, {"status": "paid"}).context["claims"]) == []
    assert list(client.get(url, {"status": "nonsense"}).context["claims"]) == [claim_verified]
    assert list(client.get(url, {"fair": claim_verified.fair_id}).context["claims"]) == [
        claim_verified
    ]


def test_another_districts_claim_answers_404(client, claim_draft, varanasi_staff):
    client = logged_in(client, varanasi_staff)
    assert client.get(reverse("claims:detail", args=[claim_draft.pk])).status_code == 404
    assert client.get(reverse("claims:update", args=[claim_draft.pk])).status_code == 404
    step = client.post(reverse("claims:step", args=[claim_draft.pk, "submit"]))
    assert step.status_code == 404


def test_the_detail_page_shows_lines_checks_and_history(client, claim_draft, lucknow_staff):
    page = logged_in(client, lucknow_staff).get(reverse("claims:detail", args=[claim_draft.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "75 % of what was paid, at most ₹50,000." in text
    assert "₹17,700" in text
    assert "Missing: Stall charge receipt" in text
    assert not page.context["eligible"]
    assert "submit" in page.context["steps"] and "edit" in page.context["steps"]
    assert "verify" not in page.context["steps"]


def test_the_detail_page_answers_in_hindi(client, claim_complete, lucknow_staff):
    client = logged_in(client, lucknow_staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    page = client.get(reverse("claims:detail", args=[claim_complete.pk]))
    assert page.status_code == 200
    assert '<html lang="hi">' in page.content.decode()


# --- The claim form -------------------------------------------------------------------------


def test_the_form_offers_only_the_districts_claimable_places(
    client, claimed_place, varanasi_place, mda_rule, lucknow_staff
):
    client = logged_in(client, lucknow_staff)
    page = client.get(reverse("claims:create"))
    assert page.status_code == 200
    assert list(page.context["form"].fields["allocation"].queryset) == [claimed_place]
    text = page.content.decode()
    assert f'value="{claimed_place.pk}"' in text
    assert f'value="{varanasi_place.pk}"' not in text
    # Once claimed, the place is no longer offered.
    claim_create(claim=Claim(**claim_values(claimed_place)), user=lucknow_staff)
    page = client.get(reverse("claims:create"))
    assert list(page.context["form"].fields["allocation"].queryset) == []


def form_data(place, **fields) -> dict:
    values = claim_values(place, **fields)
    values["allocation"] = place.pk
    values["no_other_benefit"] = "on" if values["no_other_benefit"] else ""
    return {k: "" if v is None else str(v) for k, v in values.items()}


def test_posting_the_form_drafts_the_claim_and_opens_it(
    client, claimed_place, mda_rule, lucknow_staff
):
    answer = logged_in(client, lucknow_staff).post(
        reverse("claims:create"), form_data(claimed_place)
    )
    claim = Claim.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == claim.get_absolute_url()
    assert (claim.status, claim.created_by, claim.allocation) == (
        ClaimStatus.DRAFT,
        lucknow_staff,
        claimed_place,
    )
    assert claim.stall_admissible == Decimal("17700.00")
    assert f"Claim {claim.number} is saved as a draft." in messages_of(answer)[0]


def test_the_form_refuses_a_stall_charge_above_the_charge_at_the_field(
    client, claimed_place, mda_rule, lucknow_staff
):
    answer = logged_in(client, lucknow_staff).post(
        reverse("claims:create"), form_data(claimed_place, stall_charge_paid="23601")
    )
    assert answer.status_code == 200
    errors = answer.context["form"].errors
    assert list(errors) == ["stall_charge_paid"]
    message = "The organiser charged ₹23,600 for this place (with GST); claim at most that."
    assert errors["stall_charge_paid"] == [message]
    assert message in answer.content.decode()
    assert not Claim.objects.exists()


def test_the_form_refuses_another_districts_place(
    client, claimed_place, varanasi_place, mda_rule, lucknow_staff
):
    answer = logged_in(client, lucknow_staff).post(
        reverse("claims:create"), form_data(varanasi_place)
    )
    assert answer.status_code == 200
    assert "allocation" in answer.context["form"].errors
    assert not Claim.objects.exists()


def test_the_form_corrects_a_draft(client, claim_draft, lucknow_staff):
    data = form_data(claim_draft.allocation, freight_paid="8000")
    del data["allocation"]
    answer = logged_in(client, lucknow_staff).post(
        reverse("claims:update", args=[claim_draft.pk]), data
    )
    assert answer.status_code == 302
    claim_draft.refresh_from_db()
    assert (claim_draft.freight_paid, claim_draft.freight_admissible) == (
        Decimal(8000),
        Decimal("6000.00"),
    )


# --- Masked accounts ------------------------------------------------------------------------


def test_the_account_number_is_masked_on_the_detail_page_and_the_list(
    client, claim_draft, cell_officer, lucknow_staff
):
    for user in (lucknow_staff, cell_officer):
        client = logged_in(client, user)
        detail = client.get(reverse("claims:detail", args=[claim_draft.pk])).content.decode()
        assert MASKED in detail and ACCOUNT not in detail
        listing = client.get(reverse("claims:list")).content.decode()
        assert claim_draft.number in listing and ACCOUNT not in listing


def test_the_export_masks_the_account_number(client, claim_draft, varanasi_claim, cell_officer):
    answer = logged_in(client, cell_officer).get(reverse("claims:export"))
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="mda-claims.xlsx"'
    content = answer.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    account = header.index("Account")
    assert sorted(row[account] for row in body) == ["••••1098", MASKED]
    assert {row[0] for row in body} == {claim_draft.number, varanasi_claim.number}
    assert ACCOUNT.encode() not in content and b"987654321098" not in content
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        for name in book.namelist():
            assert ACCOUNT.encode() not in book.read(name), name


def test_the_csv_export_masks_the_account_number_and_keeps_to_the_district(
    client, claim_draft, varanasi_claim, lucknow_staff
):
    answer = logged_in(client, lucknow_staff).get(reverse("claims:export"), {"format": "csv"})
    text = answer.content.decode("utf-8-sig")
    assert claim_draft.number in text and MASKED in text
    assert ACCOUNT not in text
    assert varanasi_claim.number not in text


# --- Documents ------------------------------------------------------------------------------


def test_a_document_is_uploaded_and_downloaded_as_an_attachment(client, claim_draft, lucknow_staff):
    client = logged_in(client, lucknow_staff)
    answer = client.post(
        reverse("claims:documents", args=[claim_draft.pk]),
        {"kind": "stall_receipt", "file": upload("receipt.pdf")},
    )
    assert answer.status_code == 302
    assert answer["Location"] == claim_draft.get_absolute_url()
    assert messages_of(answer) == ["The document is attached."]
    document = ClaimDocument.objects.get()
    assert (document.claim, document.kind, document.extension) == (
        claim_draft,
        "stall_receipt",
        "pdf",
    )
    download = client.get(reverse("claims:document", args=[document.pk]))
    assert download.status_code == 200
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert document.download_name in disposition
    assert b"".join(download.streaming_content) == PDF


def test_an_upload_of_the_wrong_type_comes_back_with_the_reason(client, claim_draft, lucknow_staff):
    answer = logged_in(client, lucknow_staff).post(
        reverse("claims:documents", args=[claim_draft.pk]),
        {"kind": "stall_receipt", "file": upload("receipt.pdf", b"<html><body>hi</body></html>")},
    )
    assert answer.status_code == 302
    assert "Upload a PDF, or a photo as JPEG or PNG" in messages_of(answer)[0]
    assert not ClaimDocument.objects.exists()


def test_a_document_is_removed_from_a_draft(client, claim_document, lucknow_staff):
    answer = logged_in(client, lucknow_staff).post(
        reverse("claims:documents", args=[claim_document.claim_id]),
        {"remove": str(claim_document.pk)},
    )
    assert answer.status_code == 302
    assert not ClaimDocument.objects.exists()


def test_another_districts_document_answers_404(client, claim_document, varanasi_staff):
    client = logged_in(client, varanasi_staff)
    assert client.get(reverse("claims:document", args=[claim_document.pk])).status_code == 404


# --- Steps ----------------------------------------------------------------------------------


def test_submitting_an_incomplete_claim_comes_back_with_the_reason(
    client, claim_draft, lucknow_staff
):
    answer = logged_in(client, lucknow_staff).post(
        reverse("claims:step", args=[claim_draft.pk, "submit"])
    )
    assert answer.status_code == 302
    assert answer["Location"] == claim_draft.get_absolute_url()
    [message] = messages_of(answer)
    assert message.startswith("The claim cannot be submitted:")
    assert "Documents attached: Missing: Stall charge receipt" in message
    claim_draft.refresh_from_db()
    assert claim_draft.status == ClaimStatus.DRAFT
    assert claim_draft.events.count() == 1


def test_the_district_submits_and_recommends_from_the_page(client, claim_complete, lucknow_staff):
    client = logged_in(client, lucknow_staff)
    answer = client.post(reverse("claims:step", args=[claim_complete.pk, "submit"]))
    assert messages_of(answer) == ["The claim is submitted for the district's recommendation."]
    answer = client.post(
        reverse("claims:step", args=[claim_complete.pk, "recommend"]), {"reason": "Checked."}
    )
    assert messages_of(answer)[-1] == "The claim is recommended to the ODOP cell."
    claim_complete.refresh_from_db()
    assert claim_complete.status == ClaimStatus.RECOMMENDED
    assert claim_complete.events.order_by("at", "pk").last().reason == "Checked."


def test_the_cell_verifies_and_records_the_payment_from_the_page(
    client, claim_recommended, mda_budget, cell_officer
):
    client = logged_in(client, cell_officer)
    page = client.get(reverse("claims:detail", args=[claim_recommended.pk]))
    assert {"verify", "return", "reject"} <= page.context["steps"]
    url = reverse("claims:step", args=[claim_recommended.pk, "verify"])
    answer = client.post(
        url, {"stall": "15000", "freight": "", "fare": "", "reason": "GST counted twice."}
    )
    assert answer.status_code == 302
    assert messages_of(answer) == ["The claim is verified."]
    claim = Claim.objects.get(pk=claim_recommended.pk)
    assert (claim.status, claim.stall_verified, claim.amount) == (
        ClaimStatus.VERIFIED,
        Decimal(15000),
        Decimal("24350.00"),
    )
    claims_sanction(
        fair=claim.fair,
        claim_ids=[claim.pk],
        number="ODOP/MDA/2026-27/009",
        sanctioned_on=datetime.date(2026, 11, 20),
        user=cell_officer,
    )
    answer = client.post(
        reverse("claims:step", args=[claim.pk, "pay"]),
        {"reference": "UTR2026112600001", "paid_on": "2026-11-26"},
    )
    assert messages_of(answer)[-1] == "The payment is recorded."
    claim.refresh_from_db()
    assert (claim.status, claim.payment_reference, claim.paid_on) == (
        ClaimStatus.PAID,
        "UTR2026112600001",
        datetime.date(2026, 11, 26),
    )


def test_a_refused_verification_comes_back_with_the_reason(client, claim_recommended, cell_officer):
    answer = logged_in(client, cell_officer).post(
        reverse("claims:step", args=[claim_recommended.pk, "verify"]),
        {"stall": "15000", "reason": ""},
    )
    assert answer.status_code == 302
    assert messages_of(answer) == ["Give the reason for the correction."]
    claim_recommended.refresh_from_db()
    assert claim_recommended.status == ClaimStatus.RECOMMENDED


def test_the_cell_returns_a_claim_with_the_reason(
    client, claim_recommended, lucknow_staff, cell_officer
):
    client = logged_in(client, cell_officer)
    url = reverse("claims:step", args=[claim_recommended.pk, "return"])
    assert messages_of(client.post(url, {"reason": ""})) == ["Give the reason."]
    claim_recommended.refresh_from_db()
    assert claim_recommended.status == ClaimStatus.RECOMMENDED
    answer = client.post(url, {"reason": "The ticket is unreadable."})
    assert messages_of(answer)[-1] == "The claim is returned for correction."
    claim_recommended.refresh_from_db()
    assert claim_recommended.status == ClaimStatus.RETURNED


def test_an_unknown_step_answers_404(client, claim_draft, lucknow_staff):
    answer = logged_in(client, lucknow_staff).post(
        reverse("claims:step", args=[claim_draft.pk, "approve"])
    )
    assert answer.status_code == 404


# --- Sanction and budget --------------------------------------------------------------------


def test_the_sanction_page_lists_the_fairs_verified_claims_and_sanctions_them(
    client, claim_verified, claim_draft, mda_budget, cell_officer
):
    client = logged_in(client, cell_officer)
    url = reverse("claims:sanction_create")
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["fair"] == claim_verified.fair
    assert page.context["claims"] == [claim_verified]
    assert page.context["total"] == claim_verified.amount
    assert claim_verified.number in page.content.decode()
    answer = client.post(
        f"{url}?fair={claim_verified.fair_id}",
        {
            "claims": [str(claim_verified.pk)],
            "number": "ODOP/MDA/2026-27/010",
            "sanctioned_on": "2026-11-20",
        },
    )
    sanction = Sanction.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == sanction.get_absolute_url()
    assert (sanction.number, sanction.total, sanction.claim_count) == (
        "ODOP/MDA/2026-27/010",
        claim_verified.amount,
        1,
    )
    claim_verified.refresh_from_db()
    assert claim_verified.status == ClaimStatus.SANCTIONED
    # Nothing is left to sanction.
    assert client.get(url).context["fairs"] == []


def test_a_sanction_over_the_budget_comes_back_to_the_form(client, claim_verified, cell_officer):
    from claims.models import Budget

    Budget.objects.create(financial_year=2026, allocation=Decimal(100))
    answer = logged_in(client, cell_officer).post(
        reverse("claims:sanction_create"),
        {
            "claims": [str(claim_verified.pk)],
            "number": "ODOP/MDA/2026-27/011",
            "sanctioned_on": "2026-11-20",
        },
    )
    assert answer.status_code == 200
    assert "budget has ₹100 left" in " ".join(answer.context["form"].errors["claims"])
    assert not Sanction.objects.exists()
    claim_verified.refresh_from_db()
    assert claim_verified.status == ClaimStatus.VERIFIED


@pytest.mark.parametrize("persona", ["cell_officer", "principal_secretary"])
def test_the_sanction_and_budget_pages_render_for_the_state(client, sanction, persona, request):
    client = logged_in(client, request.getfixturevalue(persona))
    page = client.get(sanction.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert sanction.number in text and "₹27,050" in text
    assert [o.language for o in page.context["orders"]] == ["en", "hi"]
    budget = client.get(reverse("claims:budget"), {"year": 2026})
    assert budget.status_code == 200
    [(year, position)] = budget.context["budgets"]
    assert (year.financial_year, position["sanctioned"]) == (2026, Decimal("27050.00"))
    assert [row["claims"] for row in budget.context["by_fair"]] == [1]
    assert [row["name"] for row in budget.context["by_district"]] == ["Lucknow"]
    assert "₹9,72,950" in budget.content.decode()  # left of ₹10,00,000


def test_the_district_does_not_see_the_sanction_pages(client, sanction, lucknow_staff):
    client = logged_in(client, lucknow_staff)
    assert client.get(sanction.get_absolute_url()).status_code == 403
    assert client.get(reverse("claims:budget")).status_code == 403
    assert client.get(reverse("claims:sanction_create")).status_code == 403


# --- Queries --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["lucknow_staff", "cell_officer"])
def test_the_list_reads_a_constant_number_of_queries(client, claim_draft, persona, request):
    client = logged_in(client, request.getfixturevalue(persona))
    url = reverse("claims:list")
    assert len(client.get(url).context["claims"]) == 1

    queries = assert_constant_queries(lambda: client.get(url), lambda: more_claims(claim_draft, 4))
    assert len(client.get(url).context["claims"]) == 5
    assert queries <= 6


def test_the_export_reads_a_constant_number_of_queries(client, claim_draft, cell_officer):
    client = logged_in(client, cell_officer)
    url = reverse("claims:export")
    assert_constant_queries(lambda: client.get(url), lambda: more_claims(claim_draft, 4))


def test_the_detail_page_reads_a_constant_number_of_queries(client, claim_document, lucknow_staff):
    claim = claim_document.claim
    client = logged_in(client, lucknow_staff)
    url = reverse("claims:detail", args=[claim.pk])
    assert len(client.get(url).context["documents"]) == 1

    def grow():
        for kind in ("freight_invoice", "fare_ticket", "bank_proof"):
            claim_document_add(claim=claim, kind=kind, file=upload(), user=lucknow_staff)

    queries = assert_constant_queries(lambda: client.get(url), grow)
    assert len(client.get(url).context["documents"]) == 4
    assert queries <= 8


def test_the_detail_page_of_a_claim_with_everything_attached_and_verified(
    client, claim_verified, cell_officer
):
    page = logged_in(client, cell_officer).get(reverse("claims:detail", args=[claim_verified.pk]))
    assert page.status_code == 200
    assert page.context["eligible"]
    assert len(page.context["documents"]) == 4
    assert [e.step for e in page.context["events"]] == ["create", "submit", "recommend", "verify"]


def test_the_budget_page_queries_stay_the_same_as_years_are_added(client, sanction, cell_officer):
    from decimal import Decimal

    from claims.models import Budget
    from tests.queries import assert_constant_queries

    client.force_login(cell_officer)
    years = iter(range(2010, 2030))

    def grow():
        Budget.objects.create(financial_year=next(years), allocation=Decimal(100000))

    assert_constant_queries(lambda: client.get(reverse("claims:budget")), grow)
