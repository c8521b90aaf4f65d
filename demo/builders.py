"""The small builders of the demo fairs: exhibitors, a fair, a space, an activity, a stall fair
nominated and allocated through the services, and a past fair's daily sales.

Deterministic, and found again on a second run where the demo must stay idempotent.
"""

import datetime
from decimal import Decimal

from core.identifiers import gstin_check_character
from districts.models import District
from events.models import Activity, Fair, Space
from events.services import activity_save
from exhibitors.models import Exhibitor
from stalls.models import Allocation, DailySale, Nomination, Stall
from stalls.services import (
    allocation_create,
    allotment_set,
    nomination_approve,
    nomination_submit,
    stalls_fill,
)

FIRST_NAMES = ["Ramesh", "Sunita", "Mohd. Irfan", "Kamla", "Rajesh", "Shabana", "Vinod", "Geeta"]
LAST_NAMES = ["Kumar", "Devi", "Ansari", "Yadav", "Verma", "Bano", "Maurya", "Gupta"]
FIRM_SUFFIXES = ["Handicrafts", "Udyog", "Kala Kendra", "Gramodyog Samiti", "Crafts"]
DEFENCE_COMPANIES = [
    ("Kanpur Aero Components Pvt. Ltd.", "Kanpur Nagar"),
    ("Lucknow Precision Forgings Ltd.", "Lucknow"),
    ("Agra Defence Textiles LLP", "Agra"),
    ("Jhansi Armour Systems Pvt. Ltd.", "Jhansi"),
]


def _gstin(serial: int) -> str:
    pan = "AAB" + "CDEFGHJKLMNPQRSTUVWXYZ"[serial % 22] + "P" + f"{serial % 10000:04d}" + "K"
    first14 = f"09{pan}1Z"
    return first14 + gstin_check_character(first14)


def _exhibitors(district: District, serial: int, count: int, officer) -> list[Exhibitor]:
    """``count`` exhibitors of a district, found again by mobile on a second run."""
    products = list(district.products.all())
    made = []
    for n in range(count):
        number = serial * 10 + n
        mobile = f"9{number:09d}"
        existing = Exhibitor.objects.filter(mobile=mobile).first()
        if existing:
            made.append(existing)
            continue
        person = f"{FIRST_NAMES[number % 8]} {LAST_NAMES[(number // 8) % 8]}"
        kind = [Exhibitor.Kind.ARTISAN, Exhibitor.Kind.UNIT, Exhibitor.Kind.SHG][number % 3]
        name = (
            person
            if kind == Exhibitor.Kind.ARTISAN
            else f"{district.name_en} {FIRM_SUFFIXES[number % 5]}"
        )
        exhibitor = Exhibitor(
            kind=kind,
            name=name,
            district=district,
            product=products[n % len(products)],
            contact_person=person,
            mobile=mobile,
            created_by=officer,
            udyam_number=f"UDYAM-UP-{district.lgd_code % 100:02d}-{number:07d}"
            if kind != "artisan"
            else None,
            gstin=_gstin(number) if kind == Exhibitor.Kind.UNIT else None,
        )
        exhibitor.full_clean()
        exhibitor.save()
        made.append(exhibitor)
    return made


def _fair(officer, **fields) -> tuple[Fair, bool]:
    fair = Fair.objects.filter(name_en=fields["name_en"]).first()
    if fair:
        return fair, False
    fair = Fair(nodal_officer=officer, **fields)
    fair.full_clean()
    fair.save()
    return fair, True


def _space(fair, **fields) -> Space:
    space = Space(fair=fair, **fields)
    space.full_clean()
    space.save()
    return space


def _activity(
    fair, kind, title_en, title_hi, date, start, place, officer_name, ready=False, *, user
):
    return activity_save(
        activity=Activity(
            fair=fair,
            kind=kind,
            title_en=title_en,
            title_hi=title_hi,
            date=date,
            start_time=datetime.time(*start),
            end_time=datetime.time(start[0] + 2, start[1]),
            place=place,
            responsible_officer=officer_name,
            is_ready=ready,
        ),
        user=user,
    )


def _stall_fair(
    fair,
    space,
    districts,
    officer,
    *,
    serial,
    per_district,
    skip_every,
    staff,
    prefix,
    undecided=True,
):
    """Allot each district ``per_district`` stalls, nominate, approve and allocate most of them.

    Every ``skip_every``-th district sends nobody, so coverage shows real gaps.
    """
    stalls_fill(space=space, prefix=prefix, user=officer)
    free = list(Stall.objects.filter(space=space).order_by("pk"))
    for index, district in enumerate(districts):
        units = min(per_district(district), space.capacity_units - space.allotted_units)
        if units <= 0:
            break
        allotment_set(space=space, district=district, units=units, user=officer)
        space.refresh_from_db()
        if index % skip_every == skip_every - 1:
            continue
        actor = staff.get(district.pk, officer)
        for exhibitor in _exhibitors(district, serial + index, units, officer):
            nomination = nomination_submit(space=space, exhibitor=exhibitor, user=actor)
            if undecided and index % 7 == 3:
                continue  # still awaiting the cell's decision
            nomination = nomination_approve(nomination=nomination, user=officer)
            if free and nomination.status == Nomination.Status.APPROVED and index % 5 != 4:
                allocation_create(nomination=nomination, user=officer, stall=free.pop(0))


def _sales(fair, officer):
    """Daily sales of the allocated places of a past fair, varied by place and day. Every
    third place has not entered its last two days: the gaps data quality is there to show."""
    rows = []
    for allocation in Allocation.objects.active().filter(fair=fair):
        entered = fair.days - 2 if allocation.pk % 3 == 0 else fair.days
        for day in range(entered):
            base = 4000 + (allocation.pk * 733) % 9000
            rows.append(
                DailySale(
                    allocation=allocation,
                    district_id=allocation.district_id,
                    product_id=allocation.product_id,
                    fair=fair,
                    date=fair.start_date + datetime.timedelta(days=day),
                    amount=Decimal(base + (day * 1250) % 7000),
                    enquiries=3 + (allocation.pk + day) % 9,
                    export_leads=1 if (allocation.pk + day) % 3 == 0 else 0,
                    entered_by=officer,
                )
            )
    DailySale.objects.bulk_create(rows)
