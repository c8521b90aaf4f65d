"""Demo data for Marketing Development Assistance: the scheme's rule versions, this year's
budget, and claims at every step for last season's Surajkund, Lucknow's and Varanasi's.

Written through the claims services (each step by the role that takes it), deterministic and
idempotent: nothing is added when the fair has claims already.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from claims.models import Budget, Claim, SchemeRule
from claims.services import (
    claim_create,
    claim_document_add,
    claim_pay,
    claim_recommend,
    claim_reject,
    claim_return,
    claim_submit,
    claim_verify,
    claims_sanction,
)
from demo.builders import _exhibitors
from events.models import Fair
from stalls.models import Allocation, Allotment, Stall
from stalls.services import allocation_create, allotment_set, nomination_approve, nomination_submit

LAST_SEASON = "Surajkund International Crafts Fair 2026"
PLACES_PER_DISTRICT = 4

# As published for the ODOP scheme: 75 % of the stall charge up to ₹50,000, 75 % of the
# freight up to ₹7,500, one person's fare by third AC or AC bus. The 2027 version for fairs
# abroad is the demo's example of a change of rates.
RULES = [
    (Fair.Location.IN_STATE, datetime.date(2018, 4, 1), "75", "50000", "75", "7500"),
    (Fair.Location.OTHER_STATE, datetime.date(2018, 4, 1), "75", "50000", "75", "7500"),
    (Fair.Location.ABROAD, datetime.date(2018, 4, 1), "75", "50000", "75", "7500"),
    (Fair.Location.ABROAD, datetime.date(2027, 4, 1), "80", "100000", "75", "25000"),
]


def mda_places(fair, space, staff: dict, officer) -> None:
    """Four places of last season's stalls for each district with a demo staff member, so
    their claims show every step."""
    free = [
        s for s in Stall.objects.filter(space=space).order_by("pk") if not s.allocations.exists()
    ]
    # Serials 1500 and up: mobiles of their own, whatever the districts' ids are.
    for index, (district_id, user) in enumerate(sorted(staff.items())):
        allotment = Allotment.objects.filter(space=space, district_id=district_id).first()
        units = (allotment.units if allotment else 0) + PLACES_PER_DISTRICT
        allotment_set(space=space, district=user.district, units=units, user=officer)
        for exhibitor in _exhibitors(user.district, 1500 + index, PLACES_PER_DISTRICT, officer):
            nomination = nomination_submit(space=space, exhibitor=exhibitor, user=user)
            nomination = nomination_approve(nomination=nomination, user=officer)
            allocation_create(nomination=nomination, user=officer, stall=free.pop(0))
        space.refresh_from_db()


def claims_demo_load(*, officer, staff: dict) -> None:
    _rules()
    Budget.objects.get_or_create(
        financial_year=2026,
        defaults={
            "allocation": Decimal("5000000"),
            "order_reference": "Budget release 12/2026-27, MSME & Export Promotion, 10 April 2026",
        },
    )
    fair = Fair.objects.filter(name_en=LAST_SEASON).first()
    if fair is None or Claim.objects.filter(fair=fair).exists():
        return
    with transaction.atomic():
        _claims(fair, officer, staff)


def _rules() -> None:
    for location, day, stall, stall_cap, freight, freight_cap in RULES:
        SchemeRule.objects.get_or_create(
            location=location,
            effective_from=day,
            defaults={
                "order_reference": (
                    "G.O. 1487/18-2018, MSME & Export Promotion, 1 April 2018"
                    if day.year == 2018
                    else "G.O. 2210/18-2027, MSME & Export Promotion, 15 March 2027"
                ),
                "stall_share_percent": Decimal(stall),
                "stall_cap": Decimal(stall_cap),
                "freight_share_percent": Decimal(freight),
                "freight_cap": Decimal(freight_cap),
                "fare_share_percent": Decimal(100),
            },
        )


def _documents() -> dict:
    """One small PDF per kind of document, laid out once."""
    from django.core.files.base import ContentFile
    from weasyprint import HTML

    titles = {
        "stall_receipt": "Receipt of the stall charge (demo)",
        "freight_invoice": "Freight invoice (demo)",
        "fare_ticket": "Railway ticket, third AC (demo)",
        "bank_proof": "Cancelled cheque (demo)",
    }
    return {
        kind: ContentFile(HTML(string=f"<h1>{title}</h1>").write_pdf(), name=f"{kind}.pdf")
        for kind, title in titles.items()
    }


def _claims(fair, officer, staff: dict) -> None:
    documents = _documents()
    made = {}
    for district_id, user in sorted(staff.items()):
        places = (
            Allocation.objects.filter(fair=fair, district_id=district_id)
            .active()
            .select_related("nomination__exhibitor", "stall")
            .order_by("-pk")[:PLACES_PER_DISTRICT]
        )
        made[user.district.name_en] = [
            _draft(place, user, documents, n) for n, place in enumerate(reversed(list(places)))
        ]
    lucknow, varanasi = made.get("Lucknow", []), made.get("Varanasi", [])
    lucknow_staff = next((u for u in staff.values() if u.district.name_en == "Lucknow"), None)
    varanasi_staff = next((u for u in staff.values() if u.district.name_en == "Varanasi"), None)
    for claim in lucknow:
        _recommended(claim, lucknow_staff)
    if len(lucknow) == PLACES_PER_DISTRICT:
        paid, sanctioned, corrected, _waiting = lucknow
        claim_verify(claim=paid, user=officer)
        claim_verify(claim=sanctioned, user=officer)
        claim_verify(
            claim=corrected,
            user=officer,
            freight=Decimal(3000),
            reason="The freight invoice covers two consignments; one was for another fair.",
        )
        claims_sanction(
            fair=fair,
            claim_ids=[paid.pk, sanctioned.pk],
            number="ODOP/MDA/2026-27/014",
            sanctioned_on=datetime.date(2026, 5, 20),
            user=officer,
        )
        paid.refresh_from_db()
        claim_pay(
            claim=paid,
            reference="PFMS/UP/2026/0611874",
            paid_on=datetime.date(2026, 6, 10),
            user=officer,
        )
    if len(varanasi) == PLACES_PER_DISTRICT:
        submitted, returned, rejected, _draft_left = varanasi
        claim_submit(claim=submitted, user=varanasi_staff)
        _recommended(returned, varanasi_staff)
        claim_return(
            claim=returned,
            user=officer,
            reason="The freight invoice is not legible; attach a clear copy.",
        )
        _recommended(rejected, varanasi_staff)
        claim_reject(
            claim=rejected,
            user=officer,
            reason="The unit was paid assistance for the same fair by the MSME Ministry's "
            "scheme (letter 44/2026 of the DIC).",
        )


def _draft(place, user, documents: dict, n: int) -> Claim:
    exhibitor = place.nomination.exhibitor
    claim = claim_create(
        claim=Claim(
            allocation=place,
            applicant_name=exhibitor.contact_person or exhibitor.name,
            applicant_birth_date=datetime.date(1970 + 3 * n, 1 + n, 10 + n),
            dic_registration=f"DIC/{user.district.name_en[:3].upper()}/2019/{place.pk:04d}",
            no_other_benefit=True,
            stall_charge_paid=Decimal(35400),
            freight_paid=Decimal(4000 + 2000 * n),
            fare_paid=Decimal(1450 + 120 * n),
            travel_mode=Claim.TravelMode.TRAIN_3AC,
            account_holder=exhibitor.contact_person or exhibitor.name,
            ifsc="SBIN0001234" if n % 2 else "PUNB0123400",
            account_number=f"{30100000000 + place.pk * 7919}",
        ),
        user=user,
    )
    last = n == PLACES_PER_DISTRICT - 1 and user.district.name_en == "Varanasi"
    if not last:  # one draft is left without its documents, as drafts are
        for kind, content in documents.items():
            content.seek(0)
            claim_document_add(claim=claim, kind=kind, file=content, user=user)
    return claim


def _recommended(claim: Claim, user) -> Claim:
    claim = claim_submit(claim=claim, user=user)
    return claim_recommend(claim=claim, user=user, note="Checked against the originals at the DIC.")
