"""The status report: what it prints, the archive, and one job."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from claims.models import financial_year_label, financial_year_of
from claims.selectors import budgets_with_position, claims_by_fair, claims_pipeline
from core.broker import broker_state
from events.models import Fair
from mous.models import Stage, Staleness
from reviews.models import Meeting, ReportJob
from reviews.selectors.action_points import action_point_summary
from reviews.selectors.fair_progress import ZERO, FairProgress, fair_progress_list
from reviews.selectors.meetings import previous_meeting, since_for
from reviews.selectors.mou_status import mou_status_list


def report_job_get(*, user, pk: int) -> ReportJob:
    """A report the user may see (the Principal Secretary: approved ones); else Http404."""
    return get_object_or_404(
        ReportJob.objects.for_user(user).select_related("meeting", "requested_by", "approved_by"),
        pk=pk,
    )


def report_archive(*, user):
    """Every finished report the user may see, newest first."""
    return (
        ReportJob.objects.for_user(user)
        .filter(status=ReportJob.Status.SUCCEEDED)
        .select_related("meeting", "requested_by", "approved_by")
        .order_by("-meeting__held_at", "language", "-version", "-pk")
    )


def report_fairs(*, meeting: Meeting) -> list:
    """The fairs a report covers: those on the agenda in agenda order, else every fair not
    yet concluded, soonest first."""
    on_agenda = list(
        Fair.objects.filter(agenda_items__meeting=meeting).order_by("agenda_items__position", "pk")
    )
    if on_agenda:
        return list({fair.pk: fair for fair in on_agenda}.values())
    return list(
        Fair.objects.exclude(status__in=[Fair.Status.CONCLUDED, Fair.Status.CANCELLED]).order_by(
            "start_date", "name_en", "pk"
        )
    )


@dataclass
class ReportSummary:
    """The one-page summary at the top of the report."""

    fairs: int = 0
    stalls_capacity: int = 0
    stalls_allocated: int = 0
    area_capacity: Decimal = ZERO
    area_allocated: Decimal = ZERO
    other_area_capacity: Decimal = ZERO  # spaces not for ODOP, never added to the ODOP area
    other_area_allocated: Decimal = ZERO
    activities_ready: int = 0
    activities_total: int = 0
    sales: Decimal = ZERO
    mous: int = 0
    mous_by_stage: list = field(default_factory=list)  # (label, count)
    mous_stale: int = 0
    mous_changed: int = 0


def report_summary(*, fairs: list[FairProgress], mous: list) -> ReportSummary:
    summary = ReportSummary(fairs=len(fairs), mous=len(mous))
    for row in fairs:
        summary.stalls_capacity += row.capacity_units
        summary.stalls_allocated += row.allocated_units
        summary.area_capacity += row.capacity_area
        summary.area_allocated += row.allocated_area
        summary.other_area_capacity += row.other_capacity_area
        summary.other_area_allocated += row.other_allocated_area
        summary.activities_ready += row.activities_ready
        summary.activities_total += row.activities_total
        summary.sales += row.sales
    stages = defaultdict(int)
    for mou in mous:
        stages[mou.stage] += 1
        summary.mous_stale += mou.staleness != Staleness.FRESH
        summary.mous_changed += bool(mou.changes_since)
    summary.mous_by_stage = [(stage.label, stages[stage]) for stage in Stage if stages[stage]]
    return summary


def report_context(*, meeting: Meeting, user, cutoff: datetime) -> dict:
    """Everything the status report prints, read as of ``cutoff`` through the user's scope."""
    previous = previous_meeting(meeting=meeting)
    since = since_for(meeting=meeting, previous=previous)
    fairs = fair_progress_list(user=user, fairs=report_fairs(meeting=meeting))
    mous = mou_status_list(user=user, since=since, now=cutoff)
    points = action_point_summary(
        user=user, before=meeting.held_at, today=timezone.localdate(cutoff), resolved_since=since
    )
    agenda = list(
        meeting.agenda_items.select_related("fair", "mou__partner", "district").order_by(
            "position", "pk"
        )
    )
    settled = {"date": date_format(since, "j M Y")}
    return {
        "meeting": meeting,
        "previous": previous,
        "since": since,
        "agenda": agenda,
        "fairs": fairs,
        "mous": mous,
        "points": points,
        "summary": report_summary(fairs=fairs, mous=mous),
        "point_groups": [
            (points.overdue, _("Past due date"), True),
            (points.open, _("Open, not yet due"), False),
            (points.complied, _("Complied since %(date)s") % settled, False),
            (points.dropped, _("Dropped since %(date)s") % settled, False),
        ],
        "cutoff": cutoff,
        "Staleness": Staleness,
        "mda": mda_status(user=user, day=timezone.localdate(cutoff)),
    }


def mda_status(*, user, day) -> dict:
    """The report's MDA section: claims at each step, the financial year's sanctions by fair
    and its budget, from the selectors the claims pages and the dashboard use."""
    year = financial_year_of(day)
    budgets = [(b, p) for b, p in budgets_with_position(user=user) if b.financial_year == year]
    return {
        "pipeline": claims_pipeline(user=user),
        "by_fair": claims_by_fair(user=user, financial_year=year),
        "budget": budgets[0][1] if budgets else None,
        "year": financial_year_label(year),
    }


def report_waits_for_queue(job: ReportJob) -> bool:
    """True for a queued job that cannot start because the task queue does not answer."""
    return job.status == ReportJob.Status.QUEUED and broker_state() == "unreachable"
