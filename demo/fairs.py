"""Demo data: the source report's four fairs of the coming season, and last season's Surajkund.

Everything is written through the services, so the demo obeys the same rules as users do.
Deterministic (no randomness) and idempotent: a fair that exists already is left alone.
"""

import datetime
from decimal import Decimal

from core.identifiers import gstin_check_character
from districts.models import District
from events.models import Activity, Fair, Recipient, Space
from events.services import activity_save, fair_set_status, weekend_programmes_create
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
    for allocation in Allocation.objects.filter(fair=fair, status=Allocation.Status.ACTIVE):
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


def fair_demo_load(*, officer, staff: dict) -> None:
    """The demo fairs. ``staff`` maps a district id to its demo district-staff user."""
    districts = list(District.objects.order_by("name_en").prefetch_related("products"))
    _last_season(officer, districts, staff)
    _surajkund(officer, districts, staff)
    _dilli_haat(officer, districts, staff)
    _defence_expo(officer, districts, staff)
    _up_diwas(officer, districts)


def _last_season(officer, districts, staff):
    fair, new = _fair(
        officer,
        name_en="Surajkund International Crafts Fair 2026",
        name_hi="सूरजकुंड अंतर्राष्ट्रीय शिल्प मेला 2026",
        kind=Fair.Kind.CRAFTS_FAIR,
        venue="Surajkund Mela Ground",
        city="Faridabad",
        start_date=datetime.date(2026, 2, 1),
        end_date=datetime.date(2026, 2, 16),
        organiser="Surajkund Mela Authority, Haryana Tourism",
        objectives="Last season's ODOP stalls at Surajkund.",
    )
    if not new:
        return
    fair_set_status(fair=fair, status=Fair.Status.NOMINATIONS_OPEN, user=officer)
    space = _space(
        fair, name_en="ODOP stalls", name_hi="ओडीओपी स्टॉल", measure="units", capacity_units=60
    )
    _stall_fair(
        fair,
        space,
        districts[::2],
        officer,
        serial=1000,
        per_district=lambda d: 1,
        skip_every=9,
        staff=staff,
        prefix="S-",
        undecided=False,
    )
    for status in (Fair.Status.ALLOCATION, Fair.Status.LIVE, Fair.Status.CONCLUDED):
        fair_set_status(fair=fair, status=status, user=officer)
    _sales(fair, officer)


def _surajkund(officer, districts, staff):
    fair, new = _fair(
        officer,
        name_en="Surajkund International Crafts Fair",
        name_hi="सूरजकुंड अंतर्राष्ट्रीय शिल्प मेला",
        kind=Fair.Kind.CRAFTS_FAIR,
        venue="Surajkund Mela Ground",
        city="Faridabad",
        start_date=datetime.date(2027, 2, 1),
        end_date=datetime.date(2027, 2, 16),
        organiser="Surajkund Mela Authority, Haryana Tourism",
        objectives="100 ODOP stalls in which every ODOP product is displayed, to raise the "
        "recognition of ODOP products among national and international visitors.",
    )
    if not new:
        return
    fair_set_status(fair=fair, status=Fair.Status.NOMINATIONS_OPEN, user=officer)
    space = _space(
        fair, name_en="ODOP stalls", name_hi="ओडीओपी स्टॉल", measure="units", capacity_units=100
    )
    _stall_fair(
        fair,
        space,
        districts,
        officer,
        serial=2000,
        per_district=lambda d: 2 if d.products.count() > 1 else 1,
        skip_every=6,
        prefix="S-",
        staff=staff,
    )


def _dilli_haat(officer, districts, staff):
    fair, new = _fair(
        officer,
        name_en="Dilli Haat ODOP Exhibition",
        name_hi="दिल्ली हाट ओडीओपी प्रदर्शनी",
        kind=Fair.Kind.HAAT,
        venue="Dilli Haat, INA",
        city="New Delhi",
        start_date=datetime.date(2027, 2, 1),
        end_date=datetime.date(2027, 2, 15),
        organiser="ODOP Cell, UP",
        objectives="118 ODOP shops; cultural programmes every weekend.",
    )
    if not new:
        return
    fair_set_status(fair=fair, status=Fair.Status.NOMINATIONS_OPEN, user=officer)
    space = _space(
        fair, name_en="ODOP shops", name_hi="ओडीओपी दुकानें", measure="units", capacity_units=118
    )
    _stall_fair(
        fair,
        space,
        districts,
        officer,
        serial=3000,
        per_district=lambda d: 2 if d.pk % 3 else 1,
        prefix="DH-",
        skip_every=4,
        staff=staff,
    )
    weekend_programmes_create(
        fair=fair,
        title_en="Cultural programme: folk music and dance of UP",
        title_hi="सांस्कृतिक कार्यक्रम: उत्तर प्रदेश के लोक संगीत एवं नृत्य",
        start_time=datetime.time(17, 30),
        end_time=datetime.time(19, 30),
        place="Dilli Haat open stage",
        responsible_officer="Cultural Affairs Department, UP",
        user=officer,
    )


def _defence_expo(officer, districts, staff):
    fair, new = _fair(
        officer,
        name_en="Defence Expo",
        name_hi="डिफेंस एक्सपो",
        kind=Fair.Kind.EXPO,
        venue="Vrindavan Yojana",
        city="Lucknow",
        start_date=datetime.date(2027, 2, 5),
        end_date=datetime.date(2027, 2, 8),
        organiser="Ministry of Defence, Government of India",
        objectives="An ODOP exhibition on 1000 m² for international recognition, and the "
        "department's exhibition of defence companies on another 1000 m².",
    )
    if not new:
        return
    fair_set_status(fair=fair, status=Fair.Status.NOMINATIONS_OPEN, user=officer)
    odop = _space(
        fair,
        name_en="ODOP pavilion",
        name_hi="ओडीओपी मंडप",
        measure="area",
        capacity_area=Decimal(1000),
    )
    defence = _space(
        fair,
        name_en="Defence companies pavilion",
        name_hi="रक्षा कंपनियों का मंडप",
        measure="area",
        capacity_area=Decimal(1000),
        is_odop=False,
    )
    for index, district in enumerate(districts[:40]):
        allotment_set(space=odop, district=district, area=Decimal(25), user=officer)
        if index % 3 == 2:
            continue
        exhibitor = _exhibitors(district, 4000 + index, 1, officer)[0]
        nomination = nomination_submit(
            space=odop,
            exhibitor=exhibitor,
            area_requested=Decimal(20),
            user=staff.get(district.pk, officer),
        )
        nomination = nomination_approve(nomination=nomination, user=officer)
        if index % 4:
            allocation_create(nomination=nomination, user=officer, area=Decimal(20))
    for serial, (name, district_name) in enumerate(DEFENCE_COMPANIES):
        district = District.objects.get(name_en=district_name)
        allotment_set(space=defence, district=district, area=Decimal(200), user=officer)
        company = Exhibitor.objects.filter(name=name).first()
        if company is None:
            company = Exhibitor(
                kind=Exhibitor.Kind.COMPANY,
                name=name,
                district=district,
                mobile=f"80000000{serial:02d}",
                gstin=_gstin(90000 + serial),
                created_by=officer,
            )
            company.full_clean()
            company.save()
        nomination = nomination_submit(
            space=defence, exhibitor=company, area_requested=Decimal(150), user=officer
        )
        nomination = nomination_approve(nomination=nomination, user=officer)
        allocation_create(nomination=nomination, user=officer, area=Decimal(150))


def _up_diwas(officer, districts):
    fair, new = _fair(
        officer,
        name_en="Uttar Pradesh Diwas",
        name_hi="उत्तर प्रदेश दिवस",
        kind=Fair.Kind.STATE_CELEBRATION,
        venue="Awadh Shilpgram",
        city="Lucknow",
        start_date=datetime.date(2027, 1, 24),
        end_date=datetime.date(2027, 1, 26),
        organiser="Government of Uttar Pradesh",
        objectives="ODOP award distribution, tool-kit distribution and a technical session.",
    )
    if not new:
        return
    fair_set_status(fair=fair, status=Fair.Status.NOMINATIONS_OPEN, user=officer)
    place = "Awadh Shilpgram auditorium"
    awards = _activity(
        fair,
        Activity.Kind.AWARDS,
        "ODOP award distribution",
        "ओडीओपी पुरस्कार वितरण",
        datetime.date(2027, 1, 24),
        (11, 0),
        place,
        "Joint Commissioner, ODOP Cell",
        True,
        user=officer,
    )
    toolkits = _activity(
        fair,
        Activity.Kind.TOOLKITS,
        "Tool-kit distribution",
        "टूल-किट वितरण",
        datetime.date(2027, 1, 25),
        (11, 0),
        place,
        "Deputy Commissioner, DIC Lucknow",
        user=officer,
    )
    _activity(
        fair,
        Activity.Kind.TECHNICAL,
        "Technical session: packaging and e-commerce for ODOP units",
        "तकनीकी सत्र: ओडीओपी इकाइयों के लिए पैकेजिंग एवं ई-कॉमर्स",
        datetime.date(2027, 1, 26),
        (14, 0),
        place,
        "Indian Institute of Packaging",
        user=officer,
    )
    for index, district in enumerate(districts[:12]):
        exhibitor = _exhibitors(district, 5000 + index, 1, officer)[0]
        Recipient.objects.create(
            activity=awards,
            exhibitor=exhibitor,
            district=district,
            given="ODOP award: certificate and ₹1,00,000",
        )
    for index, district in enumerate(districts[12:30]):
        Recipient.objects.create(
            activity=toolkits,
            name=f"{FIRST_NAMES[index % 8]} {LAST_NAMES[index % 8]}",
            district=district,
            given="Improved tool kit",
        )
