"""What the benchmark reads and writes, set up in a benchmark database (manage.py bench_prepare).

On top of the generated data set (manage.py generate_data): the three roles' accounts with a
signed-in session each and an API token for the officer; a large fair whose sales are imported
from a 10,000-row spreadsheet (625 stalls over 16 days, the size of the UP International Trade
Show); an open offer of a place to the district user's district (the generator's, or one made
through the services); and, fresh for every run, a fair whose 100 free stalls 200 approved
nominations compete for. Identifiers of everything the figures read are returned for the
runner.
"""

import datetime
import random
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.services import api_token_create, user_create
from claims.models import Claim
from dashboard.guide import PUBLIC
from demo.synthetic import places_create
from districts.models import District
from events.models import Activity, Fair
from exhibitors.models import Exhibitor
from mous.models import MoU, MoUStageChange
from notifications.models import Notice
from reviews.models import ActionPoint, Meeting
from stalls.models import Allocation, DailySale, Draw, Nomination, Offer
from stalls.models.draws import LOT_METHODS
from stalls.sales import COLUMNS, sales_template_rows
from stalls.services import nomination_approve, nomination_submit, nomination_withdraw
from stalls.services.notices import decision_notify

IMPORT_FAIR = "UP International Trade Show (benchmark import)"
IMPORT_STALLS, IMPORT_DAYS = 625, 16  # 10,000 rows of one day's sales each
CONTENTION_STALLS, CONTENTION_NOMINATIONS = 100, 200
OFFER_FAIR, OFFER_STALLS = "Offer of a place", 4
PASSWORD = "bench-password-2027"  # noqa: S105 (the benchmark database's logins)


def bench_prepare(*, media: Path, import_stalls: int = IMPORT_STALLS) -> dict:
    """Set up (or find) everything the figures need; returns identifiers and credentials."""
    officer = _user("bench.officer", User.Role.CELL_OFFICER)
    district_id = (
        Allocation.objects.values("district")
        .annotate(n=Count("pk"))
        .order_by("-n", "district")
        .values_list("district", flat=True)
        .first()
    )
    district_user = _user("bench.district", User.Role.DISTRICT_STAFF, district_id=district_id)
    secretary = _user("bench.secretary", User.Role.PRINCIPAL_SECRETARY)
    imported = _import_fair(officer, import_stalls)
    contention = _contention_fair(officer)
    # The fair page of the largest past fair (concluded: its sales, chart and gate record
    # shown), the same kind of fair at every data size, so its queries compare: allocated
    # first come (a fair drawn by lots reads its spaces' reserved shares too); the stall
    # board of the trade show (live, every stall allocated: 625 at ten years).
    largest = (
        Fair.objects.filter(status=Fair.Status.CONCLUDED)
        .exclude(spaces__allocation_method__in=LOT_METHODS)
        .annotate(n=Count("allocations"))
        .exclude(pk__in=[contention["fair"], imported["fair"]])
        .order_by("-n", "-pk")
        .first()
    )
    # The public guide shows fairs open for nominations, in allocation or live.
    public = (
        Fair.objects.filter(status__in=PUBLIC)
        .annotate(n=Count("allocations"))
        .exclude(pk=contention["fair"])
        .order_by("-n", "-pk")
        .first()
    )
    key, _token = api_token_create(user=officer, name="benchmark")
    return {
        "sessions": {
            "secretary": _session(secretary),
            "district": _session(district_user),
            "officer": _session(officer),
        },
        "token": key,
        "district": district_id,
        "fair": largest.pk,
        "fair_stalls": largest.n,
        "board_fair": imported["fair"],
        "board_stalls": imported["stalls"],
        "guide_fair": public.pk if public else contention["fair"],
        "district_fair": _district_fair(district_id),
        "exhibitor": Exhibitor.objects.filter(district_id=district_id).order_by("pk").first().pk,
        "offer": _offer(officer, district_user),
        "notices": _notices(district_user),
        "mou": MoU.objects.order_by("pk").first().pk,
        "meeting": Meeting.objects.order_by("-held_at", "-pk").first().pk,
        "import": {**imported, "file": str(_import_file(imported["fair"], officer, media))},
        "contention": contention,
        "rows": _row_counts(),
    }


def _user(username: str, role: str, district_id=None) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        district = District.objects.get(pk=district_id) if district_id else None
        user = user_create(username=username, role=role, district=district, password=PASSWORD)
    elif user.district_id != district_id and role == User.Role.DISTRICT_STAFF:
        User.objects.filter(pk=user.pk).update(district_id=district_id)
        user.refresh_from_db()
    return user


def _session(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _district_fair(district_id) -> int:
    """The district's latest fair that is over (its sales page has every day filled)."""
    return (
        Allocation.objects.filter(district_id=district_id, fair__end_date__lt=timezone.localdate())
        .order_by("-fair__end_date", "-fair_id")
        .values_list("fair_id", flat=True)
        .first()
    )


def _exhibitors_sample(count: int, seed: int) -> list:
    rng = random.Random(seed)  # noqa: S311 (synthetic data)
    ids = list(Exhibitor.objects.order_by("pk").values_list("pk", flat=True))
    chosen = rng.sample(ids, count)
    return list(Exhibitor.objects.filter(pk__in=chosen).order_by("pk"))


def _import_fair(officer, stalls: int) -> dict:
    """A fair that ended yesterday, every stall allocated and no sales entered yet."""
    fair = Fair.objects.filter(name_en=IMPORT_FAIR).first()
    if fair is None or fair.spaces.get().capacity_units != stalls:
        end = timezone.localdate() - datetime.timedelta(days=1)
        with transaction.atomic():
            if fair is not None:
                Fair.objects.filter(pk=fair.pk).update(name_en=f"{IMPORT_FAIR} ({fair.pk})")
            fair = Fair.objects.create(
                name_en=IMPORT_FAIR,
                name_hi="उत्तर प्रदेश अंतरराष्ट्रीय व्यापार प्रदर्शनी (बेंचमार्क)",
                kind=Fair.Kind.EXPO,
                venue_en="India Expo Mart",
                city="Greater Noida",
                start_date=end - datetime.timedelta(days=IMPORT_DAYS - 1),
                end_date=end,
                nodal_officer=officer,
                status=Fair.Status.LIVE,
            )
            places_create(
                fairs=[fair],
                exhibitors=_exhibitors_sample(stalls, seed=625),
                stalls=stalls,
                officer=officer,
                rng=random.Random(625),  # noqa: S311 (synthetic data)
            )
    if not fair.activities.exists():  # a trade show has a programme, like every fair
        Activity.objects.bulk_create(
            Activity(
                fair=fair,
                kind=kind,
                title_en=title,
                title_hi=title,
                date=fair.start_date + datetime.timedelta(days=offset),
                is_ready=True,
            )
            for offset, (kind, title) in enumerate(
                [
                    (Activity.Kind.CULTURAL, "Inauguration"),
                    (Activity.Kind.BUYER_SELLER, "Buyer–seller meet"),
                    (Activity.Kind.AWARDS, "ODOP awards"),
                ]
            )
        )
    return {"fair": fair.pk, "stalls": stalls, "days": fair.days}


def _import_file(fair_id: int, officer, media: Path) -> Path:
    """The sales template of the import fair, every row filled: what an officer uploads."""
    import openpyxl

    fair = Fair.objects.get(pk=fair_id)
    # Named by the fair's first day too: a file kept from another day holds other dates.
    path = media / f"bench-import-{fair_id}-{fair.start_date:%Y%m%d}.xlsx"
    if path.exists():
        return path
    rng = random.Random(fair_id)  # noqa: S311 (synthetic data)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([en for _key, en, _hi in COLUMNS])
    for ref, place, exhibitor, day, *_empty in sales_template_rows(user=officer, fair=fair):
        amount, enquiries, leads = rng.randrange(500, 60_000), rng.randrange(12), rng.randrange(3)
        sheet.append([ref, place, exhibitor, day, amount, enquiries, leads])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _offer(officer, district_user) -> int:
    """An open offer of the district's, answerable for some hours yet: the generator's, or one
    made through the services in a small fair of its own."""
    in_time = timezone.now() + datetime.timedelta(hours=2)
    found = (
        Offer.objects.for_user(district_user, "change")
        .open()
        .filter(expires_at__gt=in_time)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return found or _offer_made(officer, district_user.district_id)


def _offer_made(officer, district_id: int) -> int:
    """A fair not over whose stalls are all held: the district's exhibitor, nominated beyond
    them by the cell (an override), waits; an exhibitor withdraws, and the freed place is
    offered to the first in line."""
    today = timezone.localdate()
    count = Fair.objects.filter(name_en__startswith=OFFER_FAIR).count()
    waiting = (
        Exhibitor.objects.filter(district_id=district_id, product__isnull=False)
        .order_by("pk")
        .first()
    )
    others = [e for e in _exhibitors_sample(OFFER_STALLS + 1, seed=count + 1) if e != waiting]
    with transaction.atomic():
        fair = Fair.objects.create(
            name_en=f"{OFFER_FAIR} {count + 1} (benchmark)",
            name_hi=f"स्थान का प्रस्ताव {count + 1} (बेंचमार्क)",
            kind=Fair.Kind.HAAT,
            venue_en="Awadh Shilpgram",
            city="Lucknow",
            start_date=today + datetime.timedelta(days=90),
            end_date=today + datetime.timedelta(days=99),
            nodal_officer=officer,
            status=Fair.Status.NOMINATIONS_OPEN,
        )
        allocations = places_create(
            fairs=[fair],
            exhibitors=others[:OFFER_STALLS],
            stalls=OFFER_STALLS,
            officer=officer,
            rng=random.Random(count + 1),  # noqa: S311 (synthetic data)
        )
        nomination = nomination_submit(
            space=fair.spaces.get(),
            exhibitor=waiting,
            user=officer,
            override_reason="Benchmark: a nomination for the waiting list.",
        )
        nomination_approve(nomination=nomination, user=officer)
        nomination_withdraw(
            nomination=allocations[0].nomination,
            user=officer,
            reason="The exhibitor cannot attend the fair.",
        )
    return Offer.objects.open().get(nomination=nomination).pk


def _contention_fair(officer) -> dict:
    """A new fair for each run: free stalls and twice as many approved nominations."""
    today = timezone.localdate()
    count = Fair.objects.filter(name_en__startswith="Allocation race").count()
    with transaction.atomic():
        fair = Fair.objects.create(
            name_en=f"Allocation race {count + 1} (benchmark)",
            name_hi=f"आवंटन प्रतिस्पर्धा {count + 1} (बेंचमार्क)",
            kind=Fair.Kind.CRAFTS_FAIR,
            venue_en="Surajkund",
            city="Faridabad",
            start_date=today + datetime.timedelta(days=60),
            end_date=today + datetime.timedelta(days=75),
            nodal_officer=officer,
            status=Fair.Status.ALLOCATION,
        )
        nominations = places_create(
            fairs=[fair],
            exhibitors=_exhibitors_sample(CONTENTION_NOMINATIONS, seed=count + 1),
            stalls=CONTENTION_STALLS,
            officer=officer,
            rng=random.Random(count + 1),  # noqa: S311 (synthetic data)
            allocate=False,
            nominations=CONTENTION_NOMINATIONS,
        )
    space = fair.spaces.get()
    return {
        "fair": fair.pk,
        "space": space.pk,
        "capacity": space.capacity_units,
        "stalls": list(space.stalls.order_by("position").values_list("pk", flat=True)),
        "nominations": [n.pk for n in nominations],
    }


def contention_outcome(*, fair_id: int) -> dict:
    """What the race left: allocations per stall, the space's counter, and the capacity."""
    fair = Fair.objects.get(pk=fair_id)
    space = fair.spaces.get()
    active = Allocation.objects.filter(space=space, status=Allocation.Status.ACTIVE)
    per_stall = active.values("stall").annotate(n=Count("pk")).filter(n__gt=1).count()
    return {
        "capacity": space.capacity_units,
        "allocated_counter": space.allocated_units,
        "active_allocations": active.count(),
        "stalls_with_two": per_stall,
        "nominations_allocated": Nomination.objects.filter(
            space=space, status=Nomination.Status.ALLOCATED
        ).count(),
    }


def _row_counts() -> dict:
    return {
        label: model.objects.count()
        for label, model in (
            ("fairs", Fair),
            ("exhibitors", Exhibitor),
            ("allocations", Allocation),
            ("daily sales", DailySale),
            ("MoUs", MoU),
            ("MoU history", MoUStageChange),
            ("meetings", Meeting),
            ("action points", ActionPoint),
            ("MDA claims", Claim),
            ("draws of lots", Draw),
            ("offers of places", Offer),
        )
    }


NOTICES = 60  # more than a page of the notices list


def _notices(district_user) -> int:
    """The district user's notices, a page and more at every data size (the generator writes
    none): what the cell told the district about its latest allocations, as the service tells
    it. Returns how many the user has."""
    have = Notice.objects.filter(recipient=district_user).count()
    if have < NOTICES:
        placed = (
            Allocation.objects.filter(district_id=district_user.district_id)
            .select_related("nomination__fair", "nomination__space", "nomination__exhibitor")
            .select_related("stall")
            .order_by("-pk")[: NOTICES - have]
        )
        with transaction.atomic():
            for allocation in placed:
                decision_notify(
                    nomination=allocation.nomination,
                    code=Notice.Code.PLACE_ALLOCATED,
                    allocation=allocation,
                )
    return Notice.objects.filter(recipient=district_user).count()
