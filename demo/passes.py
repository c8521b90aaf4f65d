"""Demo data for letters and passes: every place given at Surajkund and Dilli Haat has its
letter-and-pass code, so their verification pages answer and the letters print at once.
The PDFs themselves are prepared when someone asks (the fair's page → Letters and passes).

Last season's Surajkund, which is over, shows the gate's record: its places' passes checked
in on most of the fair's days, a few days missed, and one place in ten never seen at the gate
(the stall board, the fair page and the data-quality score show it)."""

import datetime

from django.utils import timezone

from passes.models import Attendance, Credential
from passes.services import credential_issue
from stalls.models import Allocation

FAIRS = ["Surajkund International Crafts Fair", "Dilli Haat ODOP Exhibition"]
LAST_SEASON = "Surajkund International Crafts Fair 2026"


def passes_demo_load(*, officer) -> int:
    places = Allocation.objects.active().filter(
        fair__name_en__in=[*FAIRS, LAST_SEASON], credential__isnull=True
    )
    count = 0
    for place in places.select_related("stall").order_by("pk"):
        credential_issue(allocation=place)
        count += 1
    _gate_demo_load(officer=officer)
    return count


def _gate_demo_load(*, officer) -> None:
    credentials = list(
        Credential.objects.filter(
            fair__name_en=LAST_SEASON, allocation__status=Allocation.Status.ACTIVE
        )
        .select_related("fair")
        .order_by("pk")
    )
    if not credentials or Attendance.objects.filter(credential__in=credentials).exists():
        return
    fair = credentials[0].fair
    days = [
        fair.start_date + datetime.timedelta(days=n)
        for n in range((fair.end_date - fair.start_date).days + 1)
    ]
    rows = []
    for index, credential in enumerate(credentials):
        if index % 10 == 9:
            continue  # never came to the gate
        for n, day in enumerate(days):
            if (index + n) % 7 == 6:
                continue  # a day missed
            at = datetime.datetime.combine(day, datetime.time(9, 30 + index % 30))
            rows.append(
                Attendance(
                    credential=credential,
                    day=day,
                    checked_in_at=timezone.make_aware(at),
                    checked_in_by=officer,
                )
            )
    Attendance.objects.bulk_create(rows)
