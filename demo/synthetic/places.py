"""Synthetic exhibitors, fairs with their activities, and per fair a space with its stalls,
nominations, allocations and allotments; daily sales for the fairs that are over."""

import datetime
from decimal import Decimal

from django.utils import timezone

from demo.synthetic.bulk import _bulk
from events.models import Activity, Fair, Space
from exhibitors.models import Exhibitor
from stalls.models import Allocation, Allotment, DailySale, Nomination, Stall

FIRST = [
    "Ramesh",
    "Sunita",
    "Irfan",
    "Kamla",
    "Rajesh",
    "Shabana",
    "Vinod",
    "Geeta",
    "Anil",
    "Rekha",
]
LAST = ["Kumar", "Devi", "Ansari", "Yadav", "Verma", "Bano", "Maurya", "Gupta", "Singh", "Nishad"]


def _exhibitors(sizes, rng, districts, officer) -> list:
    base = Exhibitor.objects.count()
    rows = []
    for n in range(sizes.exhibitors):
        district = districts[rng.randrange(len(districts))]
        products = list(district.products.all())
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        rows.append(
            Exhibitor(
                kind=rng.choice(["artisan", "artisan", "unit", "shg", "cooperative"]),
                name=person,
                district=district,
                product=rng.choice(products),
                contact_person=person,
                mobile=f"{6_000_000_000 + base + n}",
                created_by=officer,
            )
        )
    return _bulk(sizes.made, Exhibitor, rows)


def _fairs(sizes, rng, officer) -> list:
    today = timezone.localdate()
    first = today.replace(year=today.year - 9, month=1, day=1)
    span = (today + datetime.timedelta(days=120) - first).days
    rows = []
    for n in range(sizes.fairs):
        start = first + datetime.timedelta(days=n * span // sizes.fairs + rng.randrange(5))
        end = start + datetime.timedelta(days=rng.randrange(3, 16))
        status = Fair.Status.CONCLUDED if end < today else Fair.Status.NOMINATIONS_OPEN
        rows.append(
            Fair(
                name_en=f"ODOP exhibition {n + 1}",
                name_hi=f"ओडीओपी प्रदर्शनी {n + 1}",
                kind=rng.choice(Fair.Kind.values),
                venue_en="Exhibition ground",
                city=rng.choice(["Lucknow", "New Delhi", "Varanasi", "Noida", "Agra", "Mumbai"]),
                start_date=start,
                end_date=end,
                nodal_officer=officer,
                status=status,
            )
        )
    fairs = _bulk(sizes.made, Fair, rows)
    activities = [
        Activity(
            fair=fair,
            kind=rng.choice(Activity.Kind.values),
            title_en=f"Programme {k + 1}",
            title_hi=f"कार्यक्रम {k + 1}",
            is_ready=rng.random() < 0.6,
            date=fair.start_date + datetime.timedelta(days=rng.randrange(fair.days)),
        )
        for fair in fairs
        for k in range(rng.randrange(2, 5))
    ]
    _bulk(sizes.made, Activity, activities)
    return fairs


def _places(sizes, rng, fairs, exhibitors, officer) -> None:
    """Per fair: a units space with its stalls, allotments per district, and every stall
    nominated and allocated; daily sales for the fairs that are over."""
    allocations = places_create(
        fairs=fairs,
        exhibitors=exhibitors,
        stalls=sizes.stalls_per_fair,
        officer=officer,
        rng=rng,
        made=sizes.made,
    )
    _sales(sizes, rng, allocations, {fair.pk: fair for fair in fairs}, officer)


def places_create(
    *, fairs, exhibitors, stalls: int, officer, rng, allocate=True, nominations=None, made=None
) -> list:
    """Per fair: a units space of ``stalls`` stalls and nominations of distinct exhibitors.
    With ``allocate``, one nomination per stall, each holding its stall, and each district
    allotted what it was given (the allocations are returned). Without, ``nominations``
    approved nominations wait for the free stalls (they are returned)."""
    made = {} if made is None else made
    wanted = stalls if allocate else nominations or stalls
    filled = stalls if allocate else 0
    spaces = _bulk(
        made,
        Space,
        [
            Space(
                fair=fair,
                name_en="ODOP stalls",
                name_hi="ओडीओपी स्टॉल",
                measure="units",
                capacity_units=stalls,
                stall_count=stalls,
                allotted_units=filled,
                allocated_units=filled,
            )
            for fair in fairs
        ],
    )
    made_stalls = _bulk(
        made,
        Stall,
        [
            Stall(space=space, fair_id=space.fair_id, number=f"S{k + 1}", position=k + 1)
            for space in spaces
            for k in range(stalls)
        ],
    )
    status = Nomination.Status.ALLOCATED if allocate else Nomination.Status.APPROVED
    rows, placed = [], []
    for space_index, space in enumerate(spaces):
        chosen = rng.sample(exhibitors, wanted)
        for k, exhibitor in enumerate(chosen):
            rows.append(nomination_row(space, exhibitor, officer, status))
            if allocate:
                placed.append(made_stalls[space_index * stalls + k])
    nominations = _bulk(made, Nomination, rows)
    if not allocate:
        return nominations
    allocations = _bulk(
        made,
        Allocation,
        [
            Allocation(
                nomination=nomination,
                fair_id=nomination.fair_id,
                space=nomination.space,
                district_id=nomination.district_id,
                product_id=nomination.exhibitor.product_id,
                stall=stall,
                allocated_by=officer,
            )
            for nomination, stall in zip(nominations, placed, strict=True)
        ],
    )
    _allotments(made, nominations)
    return allocations


def nomination_row(space, exhibitor, officer, status, **fields) -> Nomination:
    """An exhibitor's nomination to ``space``, nominated and decided by the cell, for a bulk
    insert."""
    return Nomination(
        fair_id=space.fair_id,
        space=space,
        exhibitor=exhibitor,
        district_id=exhibitor.district_id,
        status=status,
        nominated_by=officer,
        decided_by=officer,
        **fields,
    )


def _allotments(made: dict, nominations) -> None:
    counts = {}
    for nomination in nominations:
        key = (nomination.space_id, nomination.district_id)
        counts[key] = counts.get(key, 0) + 1
    _bulk(
        made,
        Allotment,
        [Allotment(space_id=s, district_id=d, units=n) for (s, d), n in counts.items()],
    )


def _sales(sizes, rng, allocations, fairs, officer) -> None:
    today = timezone.localdate()
    rows = []
    for allocation in allocations:
        fair = fairs[allocation.fair_id]
        if fair.end_date >= today:
            continue
        for day in range(min(sizes.sale_days, fair.days)):
            rows.append(
                DailySale(
                    allocation=allocation,
                    district_id=allocation.district_id,
                    product_id=allocation.product_id,
                    fair=fair,
                    date=fair.start_date + datetime.timedelta(days=day),
                    amount=Decimal(rng.randrange(500, 60_000)),
                    enquiries=rng.randrange(12),
                    export_leads=rng.randrange(3),
                    entered_by=officer,
                )
            )
    _bulk(sizes.made, DailySale, rows)
