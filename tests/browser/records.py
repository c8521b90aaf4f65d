"""Committed records the journeys start from, made through the services on top of the demo."""

import datetime

from django.utils import timezone

from accounts.models import User
from demo.reviews import TITLE
from districts.models import District
from events.models import Fair
from reviews.models import Meeting, ReportJob
from reviews.services.reports import report_approve
from stalls.models import Nomination
from stalls.services import allotment_set, nomination_approve

SURAJKUND = "Surajkund International Crafts Fair"
DILLI_HAAT = "Dilli Haat ODOP Exhibition"


def officer() -> User:
    return User.objects.get(username="cell.officer")


def surajkund() -> Fair:
    return Fair.objects.get(name_en=SURAJKUND)


def lucknow_room_at_surajkund() -> Fair:
    """One more stall allotted to Lucknow at Surajkund (the demo uses all of its allotment)."""
    fair = surajkund()
    space = fair.spaces.get()
    space.capacity_units += 1
    space.save(update_fields=["capacity_units"])
    lucknow = District.objects.get(name_en="Lucknow")
    units = space.allotments.get(district=lucknow).units
    allotment_set(space=space, district=lucknow, units=units + 1, user=officer())
    return fair


def live_dilli_haat() -> Fair:
    """Dilli Haat running from 10 days ago to 5 days ahead, as tests/stalls/fixtures.py does:
    Lucknow has two allocated shops there, so its staff can enter sales. Its weekend
    programmes would fall outside the new dates, so they are dropped."""
    fair = Fair.objects.get(name_en=DILLI_HAAT)
    fair.activities.all().delete()
    today = timezone.localdate()
    fair.start_date = today - datetime.timedelta(days=10)
    fair.end_date = today + datetime.timedelta(days=5)
    fair.status = Fair.Status.LIVE
    fair.save()
    return fair


def approved_nomination_at_surajkund() -> Nomination:
    """The first nomination still awaiting the cell's decision, approved now."""
    nomination = (
        Nomination.objects.filter(fair=surajkund(), status=Nomination.Status.SUBMITTED)
        .select_related("exhibitor", "district")
        .order_by("pk")
        .first()
    )
    return nomination_approve(nomination=nomination, user=officer())


def demo_meeting() -> Meeting:
    return Meeting.objects.get(title_en=TITLE)


def approved_demo_report() -> ReportJob:
    """The demo's English status report, approved by the cell officer."""
    job = ReportJob.objects.get(meeting=demo_meeting(), language="en")
    if job.approved_at is None:
        job = report_approve(job=job, user=officer())
    return job
