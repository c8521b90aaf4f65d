"""Demo data: the source report's four fairs of the coming season, and last season's Surajkund.

Everything is written through the services, so the demo obeys the same rules as users do.
Deterministic (no randomness) and idempotent: a fair that exists already is left alone.
"""

import datetime
from decimal import Decimal

from demo import draws
from demo.builders import (
    DEFENCE_COMPANIES,
    FIRST_NAMES,
    LAST_NAMES,
    _activity,
    _exhibitors,
    _fair,
    _gstin,
    _sales,
    _space,
    _stall_fair,
)
from demo.claims import mda_places
from districts.models import District
from events.models import Activity, Fair, Recipient, Space
from events.services import fair_set_status, weekend_programmes_create
from exhibitors.models import Exhibitor
from stalls.services import (
    allocation_create,
    allotment_request_submit,
    allotment_set,
    coverage_first_set,
    nomination_approve,
    nomination_submit,
)

LAST_SEASON = "Surajkund International Crafts Fair 2026"


def fair_demo_load(*, officer, staff: dict) -> None:
    """The demo fairs. ``staff`` maps a district id to its demo district-staff user."""
    districts = list(District.objects.order_by("name_en").prefetch_related("products"))
    last_season = _last_season(officer, districts, staff)
    _surajkund(officer, districts, staff, last_season)
    _dilli_haat(officer, districts, staff)
    _defence_expo(officer, districts, staff)
    _up_diwas(officer, districts)


def _last_season(officer, districts, staff):
    fair, new = _fair(
        officer,
        name_en=LAST_SEASON,
        name_hi="सूरजकुंड अंतर्राष्ट्रीय शिल्प मेला 2026",
        kind=Fair.Kind.CRAFTS_FAIR,
        venue_en="Surajkund Mela Ground",
        venue_hi="सूरजकुंड मेला मैदान",
        city="Faridabad",
        start_date=datetime.date(2026, 2, 1),
        end_date=datetime.date(2026, 2, 16),
        location=Fair.Location.OTHER_STATE,
        organiser="Surajkund Mela Authority, Haryana Tourism",
        objectives_en="Last season's ODOP stalls at Surajkund.",
        objectives_hi="सूरजकुंड में पिछले सत्र के ओडीओपी स्टॉल।",
    )
    if not new:
        return
    fair_set_status(fair=fair, status=Fair.Status.NOMINATIONS_OPEN, user=officer)
    space = _space(
        fair,
        name_en="ODOP stalls",
        name_hi="ओडीओपी स्टॉल",
        measure="units",
        capacity_units=60,
        charge=Decimal(30000),
        charge_gst_percent=Decimal(18),
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
    mda_places(fair, space, staff, officer)
    for status in (Fair.Status.ALLOCATION, Fair.Status.LIVE, Fair.Status.CONCLUDED):
        fair_set_status(fair=fair, status=status, user=officer)
    _sales(fair, officer)
    return fair


def _surajkund(officer, districts, staff, last_season):
    fair, new = _fair(
        officer,
        name_en="Surajkund International Crafts Fair",
        name_hi="सूरजकुंड अंतर्राष्ट्रीय शिल्प मेला",
        kind=Fair.Kind.CRAFTS_FAIR,
        venue_en="Surajkund Mela Ground",
        venue_hi="सूरजकुंड मेला मैदान",
        city="Faridabad",
        location=Fair.Location.OTHER_STATE,
        start_date=datetime.date(2027, 2, 1),
        end_date=datetime.date(2027, 2, 16),
        organiser="Surajkund Mela Authority, Haryana Tourism",
        objectives_en="100 ODOP stalls in which every ODOP product is displayed, to raise the "
        "recognition of ODOP products among national and international visitors.",
        objectives_hi="100 ओडीओपी स्टॉल, जिनमें प्रत्येक ओडीओपी उत्पाद प्रदर्शित होगा, ताकि "
        "राष्ट्रीय एवं अंतरराष्ट्रीय आगंतुकों के बीच ओडीओपी उत्पादों की पहचान बढ़े।",
    )
    if not new:
        return
    fair_set_status(fair=fair, status=Fair.Status.NOMINATIONS_OPEN, user=officer)
    space = _space(
        fair,
        name_en="ODOP stalls",
        name_hi="ओडीओपी स्टॉल",
        measure="units",
        capacity_units=100,
        charge=Decimal(30000),
        charge_gst_percent=Decimal(18),
    )
    # Retention, then lots: last season's exhibitors who sold there claim first.
    last_season = last_season or Fair.objects.filter(name_en=LAST_SEASON).first()
    fair.previous_edition = last_season
    fair.save(update_fields=["previous_edition"])
    draws.rule_set(space, Space.Method.RETENTION_LOTS, officer)
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
    if last_season is not None:
        draws.returning_enter(space, last_season, officer, staff, count=6)
    draws.shares_with_claims(space, officer, staff)
    draws.draw_and_place(space, officer, place=70)
    # A district whose allotment is used asks for more: the cell's admin lists it to decide.
    varanasi = next((d for d in districts if d.name_en == "Varanasi"), None)
    if varanasi is not None and varanasi.pk in staff:
        allotment_request_submit(
            space=space,
            district=varanasi,
            units=2,
            reason="Two more GI-tagged Banarasi silk weavers have asked to come; both took part "
            "in Dilli Haat last year.",
            user=staff[varanasi.pk],
        )
    return fair


def _dilli_haat(officer, districts, staff):
    fair, new = _fair(
        officer,
        name_en="Dilli Haat ODOP Exhibition",
        name_hi="दिल्ली हाट ओडीओपी प्रदर्शनी",
        kind=Fair.Kind.HAAT,
        venue_en="Dilli Haat, INA",
        venue_hi="दिल्ली हाट, आईएनए",
        city="New Delhi",
        location=Fair.Location.OTHER_STATE,
        start_date=datetime.date(2027, 2, 1),
        end_date=datetime.date(2027, 2, 15),
        organiser="ODOP Cell, UP",
        objectives_en="118 ODOP shops; cultural programmes every weekend.",
        objectives_hi="118 ओडीओपी दुकानें; प्रत्येक सप्ताहांत सांस्कृतिक कार्यक्रम।",
    )
    if not new:
        return
    fair_set_status(fair=fair, status=Fair.Status.NOMINATIONS_OPEN, user=officer)
    space = _space(
        fair,
        name_en="ODOP shops",
        name_hi="ओडीओपी दुकानें",
        measure="units",
        capacity_units=118,
        charge=Decimal(15000),
        charge_gst_percent=Decimal(18),
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
    return fair


def _defence_expo(officer, districts, staff):
    fair, new = _fair(
        officer,
        name_en="Defence Expo",
        name_hi="डिफेंस एक्सपो",
        kind=Fair.Kind.EXPO,
        venue_en="Vrindavan Yojana",
        venue_hi="वृंदावन योजना",
        city="Lucknow",
        start_date=datetime.date(2027, 2, 5),
        end_date=datetime.date(2027, 2, 8),
        organiser="Ministry of Defence, Government of India",
        objectives_en="An ODOP exhibition on 1000 m² for international recognition, and the "
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
        charge=Decimal(2500),
        charge_gst_percent=Decimal(18),
    )
    defence = _space(
        fair,
        name_en="Defence companies pavilion",
        name_hi="रक्षा कंपनियों का मंडप",
        measure="area",
        capacity_area=Decimal(1000),
        is_odop=False,
    )
    # By lots: 55 districts ask 20 m² each of the 1000 m²; the draw decides.
    draws.rule_set(odop, Space.Method.LOTS, officer)
    coverage_first_set(space=odop, enabled=True, user=officer)
    for index, district in enumerate(districts[:60]):
        if index < 40:
            allotment_set(space=odop, district=district, area=Decimal(25), user=officer)
        if index % 12 == 11:
            continue
        exhibitor = _exhibitors(district, 4000 + index, 1, officer)[0]
        nomination = nomination_submit(
            space=odop,
            exhibitor=exhibitor,
            area_requested=Decimal(20),
            user=staff.get(district.pk, officer),
        )
        nomination_approve(nomination=nomination, user=officer)
    draws.draw_and_place(odop, officer, place=36)
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
        venue_en="Awadh Shilpgram",
        venue_hi="अवध शिल्पग्राम",
        city="Lucknow",
        start_date=datetime.date(2027, 1, 24),
        end_date=datetime.date(2027, 1, 26),
        organiser="Government of Uttar Pradesh",
        objectives_en="ODOP award distribution, tool-kit distribution and a technical session.",
        objectives_hi="ओडीओपी पुरस्कार वितरण, टूल-किट वितरण और एक तकनीकी सत्र।",
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
