"""A realistic synthetic data set for benchmarks, at a chosen scale.

Scale 1 is "ten years" of the programme: about 500 fairs, 100,000 exhibitors across the 75
districts, 60,000 allocations, 300,000 daily-sales rows, 50 MoUs with 5,000 history rows and
200 meetings with 3,000 action points. The same seed gives the same data. Rows are written with
bulk inserts in large batches, keeping every invariant the services keep (one active allocation
per stall, an exhibitor once per fair, counters equal to the rows they count, activities within
their fair), so the benchmarks read data the portal itself could have written.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from districts.models import District
from events.models import Activity, Fair, Space
from exhibitors.models import Exhibitor
from mous.models import Deliverable, MoU, MoUStageChange, Stage
from partners.models import Partner
from reviews.models import ActionPoint, ComplianceUpdate, Meeting
from stalls.models import Allocation, Allotment, DailySale, Nomination, Stall

BATCH = 5000
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


@dataclass
class Sizes:
    fairs: int
    exhibitors: int
    stalls_per_fair: int
    sale_days: int
    mous: int
    history_per_mou: int
    meetings: int
    points_per_meeting: int
    made: dict = field(default_factory=dict)

    @classmethod
    def at(cls, scale: float) -> "Sizes":
        return cls(
            fairs=max(2, round(500 * scale)),
            exhibitors=max(200, round(100_000 * scale)),
            stalls_per_fair=120,
            sale_days=5,
            mous=max(2, round(50 * scale)),
            history_per_mou=100,
            meetings=max(2, round(200 * scale)),
            points_per_meeting=15,
        )


def data_generate(*, scale: float = 1.0, seed: int = 2027) -> dict:
    """Write the data set; returns the number of rows made per model. Needs the master data."""
    sizes, rng = Sizes.at(scale), random.Random(seed)  # noqa: S311 (synthetic data)
    officer = User.objects.filter(username="bench.officer").first() or user_create(
        username="bench.officer",
        role=User.Role.CELL_OFFICER,
        password="bench-officer-2027",  # noqa: S106 (the benchmark database's login)
    )
    districts = list(District.objects.prefetch_related("products").order_by("pk"))
    with transaction.atomic():
        exhibitors = _exhibitors(sizes, rng, districts, officer)
        fairs = _fairs(sizes, rng, officer)
        _places(sizes, rng, fairs, exhibitors, officer)
        _mous(sizes, rng, officer)
        _meetings(sizes, rng, fairs, districts, officer)
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would gather them: the planner needs them to
        # choose the plans the portal gets in production.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return sizes.made


def _bulk(made: dict, model, rows: list) -> list:
    """Insert the rows in large batches and add their number to ``made``."""
    created = model.objects.bulk_create(rows, batch_size=BATCH)
    made[model._meta.label] = made.get(model._meta.label, 0) + len(created)
    return created


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
                venue="Exhibition ground",
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
            rows.append(
                Nomination(
                    fair_id=space.fair_id,
                    space=space,
                    exhibitor=exhibitor,
                    district_id=exhibitor.district_id,
                    status=status,
                    nominated_by=officer,
                    decided_by=officer,
                )
            )
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


def _mous(sizes, rng, officer) -> None:
    partners = _bulk(
        sizes.made,
        Partner,
        [
            Partner(
                name_en=f"Bench partner {n + 1}",
                name_hi=f"साझेदार {n + 1}",
                kind=rng.choice(Partner.Kind.values),
            )
            for n in range(sizes.mous)
        ],
    )
    now = timezone.now()
    mous = _bulk(
        sizes.made,
        MoU,
        [
            MoU(
                partner=partner,
                title_en=f"MoU with {partner.name_en}",
                title_hi=f"{partner.name_hi} के साथ एमओयू",
                purpose_en="Market access for ODOP products.",
                purpose_hi="ओडीओपी उत्पादों के लिए बाज़ार।",
                nodal_officer=officer,
                stage=rng.choice([s.value for s in Stage]),
                stage_changed_at=now - datetime.timedelta(days=rng.randrange(200)),
                last_update_at=now - datetime.timedelta(days=rng.randrange(120)),
            )
            for partner in partners
        ],
    )
    stages = [s.value for s in Stage]
    _bulk(
        sizes.made,
        MoUStageChange,
        [
            MoUStageChange(
                mou=mou,
                from_stage=stages[k % len(stages)],
                to_stage=stages[(k + 1) % len(stages)],
                changed_at=now - datetime.timedelta(days=36 * (sizes.history_per_mou - k)),
                changed_by=officer,
                note=f"Update {k + 1}",
                reason="Recorded for the benchmark.",
            )
            for mou in mous
            for k in range(sizes.history_per_mou)
        ],
    )
    _bulk(
        sizes.made,
        Deliverable,
        [
            Deliverable(mou=mou, kind=kind, description="Target", target=rng.randrange(50, 5000))
            for mou in mous
            for kind in rng.sample(Deliverable.Kind.values, 3)
        ],
    )


def _meetings(sizes, rng, fairs, districts, officer) -> None:
    now = timezone.now()
    meetings = _bulk(
        sizes.made,
        Meeting,
        [
            Meeting(
                title_en=f"Review meeting {n + 1}",
                title_hi=f"समीक्षा बैठक {n + 1}",
                held_at=now - datetime.timedelta(days=18 * (sizes.meetings - n)),
                chair="principal_secretary",
                venue="Udyog Bandhu, Lucknow",
                status=Meeting.Status.HELD,
                convener=officer,
            )
            for n in range(sizes.meetings)
        ],
    )
    points = _bulk(
        sizes.made,
        ActionPoint,
        [
            _action_point(rng, meeting, k, districts, fairs, officer)
            for meeting in meetings
            for k in range(sizes.points_per_meeting)
        ],
    )
    _bulk(
        sizes.made,
        ComplianceUpdate,
        [
            ComplianceUpdate(
                action_point=point,
                on=point.resolved_on or point.due_on - datetime.timedelta(days=2),
                status=point.status,
                text="Done." if point.resolved_on else "Work is under way.",
                by=officer,
            )
            for point in points
            if point.status != "open"
        ],
    )


def _action_point(rng, meeting, k, districts, fairs, officer) -> ActionPoint:
    """Decisions due more than three months ago are settled, as in a cell that follows up:
    complied or dropped, about one in fifty still open past its date with a reason."""
    due_on = (meeting.held_at + datetime.timedelta(days=rng.randrange(7, 60))).date()
    settled = due_on < timezone.localdate() - datetime.timedelta(days=90)
    weights = [0.5, 1.5, 90, 8] if settled else [35, 35, 28, 2]
    status = rng.choices(["open", "in_progress", "complied", "dropped"], weights)[0]
    resolved = status in ("complied", "dropped")
    return ActionPoint(
        meeting=meeting,
        number=k + 1,
        text_en=f"Decision {k + 1}",
        text_hi=f"निर्णय {k + 1}",
        district=rng.choice(districts) if k % 2 else None,
        owner_officer=None if k % 2 else officer,
        due_on=due_on,
        status=status,
        resolved_on=due_on - datetime.timedelta(days=rng.randrange(10)) if resolved else None,
        delay_reason="" if resolved or not settled else "Awaiting the partner's reply.",
        fair=rng.choice(fairs) if k % 5 == 0 else None,
    )
