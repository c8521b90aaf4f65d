"""Reads for review meetings and the status report.

``fair_progress_list``, ``mou_status_list`` and ``action_point_summary`` are public: the
status report and the Principal Secretary's dashboard show the same numbers from these same
functions. Each runs a constant number of queries whatever the number of rows.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.broker import broker_state
from events.models import Activity, Fair, Space
from mous.models import Deliverable, Stage, Staleness
from mous.selectors import mou_list
from reviews.models import ActionPoint, ComplianceUpdate, Meeting, ReportJob
from stalls.selectors import coverage_for_fairs, sales_by_fair

ZERO = Decimal(0)


@dataclass
class FairProgress:
    """Where one fair stands: capacity and allocation, coverage, programme, sales."""

    fair: Fair
    spaces: list = field(default_factory=list)
    capacity_units: int = 0
    allocated_units: int = 0
    capacity_area: Decimal = ZERO
    allocated_area: Decimal = ZERO
    coverage: object = None
    activities_ready: int = 0
    activities_total: int = 0
    sales: Decimal = ZERO

    @property
    def has_units(self) -> bool:
        return self.capacity_units > 0

    @property
    def has_area(self) -> bool:
        return self.capacity_area > 0

    @property
    def district_total(self) -> int:
        return self.coverage.district_total

    @property
    def product_total(self) -> int:
        return self.coverage.product_total

    @property
    def units_percent(self) -> int:
        return int(self.allocated_units * 100 // self.capacity_units) if self.has_units else 0

    @property
    def area_percent(self) -> int:
        return int(self.allocated_area * 100 // self.capacity_area) if self.has_area else 0


def fair_progress_list(*, user, fairs, groups=None) -> list[FairProgress]:
    """Progress of each fair, in four queries whatever the number of fairs (three when the
    fairs' ``sales_groups`` are given).

    Coverage comes from ``stalls.selectors.coverage_for_fairs``; sales per fair from
    ``stalls.selectors.sales_by_fair`` over the rows the user may see, the rows
    ``sales_totals`` adds up too.
    """
    fairs = list(fairs)
    fair_ids = [fair.pk for fair in fairs]
    spaces = defaultdict(list)
    for space in Space.objects.filter(fair_id__in=fair_ids).order_by("pk"):
        spaces[space.fair_id].append(space)
    readiness = {
        row["fair_id"]: row
        for row in Activity.objects.filter(fair_id__in=fair_ids)
        .values("fair_id")
        .annotate(total=Count("pk"), ready=Count("pk", filter=Q(is_ready=True)))
        .order_by()
    }
    sales = sales_by_fair(user=user, fair_ids=fair_ids, groups=groups)
    coverage = coverage_for_fairs(fair_ids)
    result = []
    for fair in fairs:
        own = spaces[fair.pk]
        units = [s for s in own if s.is_units]
        areas = [s for s in own if not s.is_units]
        result.append(
            FairProgress(
                fair=fair,
                spaces=own,
                capacity_units=sum(s.capacity_units or 0 for s in units),
                allocated_units=sum(s.allocated_units for s in units),
                capacity_area=sum((s.capacity_area or ZERO for s in areas), ZERO),
                allocated_area=sum((s.allocated_area for s in areas), ZERO),
                coverage=coverage[fair.pk],
                activities_ready=readiness.get(fair.pk, {}).get("ready", 0),
                activities_total=readiness.get(fair.pk, {}).get("total", 0),
                sales=sales.get(fair.pk) or ZERO,
            )
        )
    return result


def mou_status_list(*, user, since: date, now: datetime | None = None) -> list:
    """Every MoU the user may see, from ``mous.selectors.mou_list`` (stage, days in stage,
    staleness, changes since ``since``), with its deliverables and what each has achieved.
    Four queries whatever the number of MoUs."""
    deliverables = (
        Deliverable.objects.with_achieved()
        .select_related("district")
        .order_by("kind", "district__name_en", "pk")
    )
    return list(
        mou_list(user=user, since=since, now=now).prefetch_related(
            Prefetch("deliverables", queryset=deliverables, to_attr="targets")
        )
    )


@dataclass(frozen=True)
class LatestUpdate:
    on: date
    text: str


@dataclass
class ActionPointSummary:
    """Action points of earlier meetings, by outcome."""

    complied: list = field(default_factory=list)
    open: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    dropped: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.complied) + len(self.open) + len(self.overdue) + len(self.dropped)

    @property
    def overdue_without_reason(self) -> int:
        return sum(1 for point in self.overdue if not point.delay_reason)


def action_point_summary(
    *,
    user,
    before: datetime,
    today: date | None = None,
    unresolved_only: bool = False,
    resolved_since: date | None = None,
):
    """The action points of meetings held before ``before`` that the user may see: complied,
    open (not yet due), overdue (unresolved past the due date, with the reason given) and
    dropped; ``unresolved_only`` leaves out the complied and dropped ones (the dashboard),
    ``resolved_since`` keeps only those resolved on or after that day (the report: what was
    settled since the last review, while every unresolved point is listed however old).
    One query whatever the number of action points (the latest update is a subquery)."""
    today = today or timezone.localdate()
    latest = ComplianceUpdate.objects.filter(action_point=OuterRef("pk")).order_by("-on", "-pk")
    points = ActionPoint.objects.for_user(user)
    if unresolved_only:
        points = points.exclude(status__in=list(ActionPoint.RESOLVED))
    elif resolved_since is not None:
        points = points.filter(
            ~Q(status__in=list(ActionPoint.RESOLVED)) | Q(resolved_on__gte=resolved_since)
        )
    points = (
        points.filter(meeting__held_at__lt=before)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting", "district", "owner_officer", "fair", "mou__partner")
        .annotate(
            latest_on=Subquery(latest.values("on")[:1]),
            latest_text=Subquery(latest.values("text")[:1]),
        )
        .order_by("due_on", "meeting__held_at", "number", "pk")
    )
    summary = ActionPointSummary()
    for point in points:
        point.latest_update = (
            LatestUpdate(on=point.latest_on, text=point.latest_text) if point.latest_on else None
        )
        if point.status == ActionPoint.Status.COMPLIED:
            summary.complied.append(point)
        elif point.status == ActionPoint.Status.DROPPED:
            summary.dropped.append(point)
        elif point.due_on < today:
            summary.overdue.append(point)
        else:
            summary.open.append(point)
    return summary


def previous_meeting(*, meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(held_at__lt=meeting.held_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-held_at", "-pk")
        .first()
    )


def since_for(*, meeting: Meeting, previous: Meeting | None) -> date:
    """ "What changed" looks back to the previous meeting, or 30 days without one."""
    if previous is not None:
        return timezone.localdate(previous.held_at)
    return timezone.localdate(meeting.held_at) - timedelta(days=30)


def live_numbers(*, user, points) -> None:
    """Attach ``live`` to each action point linked to a fair or an MoU: that record's progress
    right now (a FairProgress or an MoU with its stage), in constant queries."""
    points = list(points)
    fair_ids = {p.fair_id for p in points if p.fair_id}
    mou_ids = {p.mou_id for p in points if p.mou_id}
    fairs = {}
    if fair_ids:
        progress = fair_progress_list(user=user, fairs=Fair.objects.filter(pk__in=fair_ids))
        fairs = {row.fair.pk: row for row in progress}
    mous = {}
    if mou_ids:
        mous = {m.pk: m for m in mou_list(user=user).filter(pk__in=mou_ids)}
    for point in points:
        point.live_fair = fairs.get(point.fair_id)
        point.live_mou = mous.get(point.mou_id)


def meeting_list(*, user):
    """Meetings the user may see, with the number of agenda items and unresolved points."""
    return (
        Meeting.objects.for_user(user)
        .select_related("convener")
        .annotate(
            agenda_count=Count("agenda_items", distinct=True),
            open_count=Count(
                "action_points",
                filter=~Q(action_points__status__in=list(ActionPoint.RESOLVED)),
                distinct=True,
            ),
        )
        .order_by("-held_at", "pk")
    )


def meeting_get(*, user, pk: int) -> Meeting:
    """One meeting with its agenda, attendees, action points (with live numbers) and the
    reports the user may see; Http404 when the user may not see the meeting."""
    meeting = get_object_or_404(
        Meeting.objects.for_user(user)
        .select_related("convener")
        .prefetch_related(
            "attendees",
            "agenda_items__fair",
            "agenda_items__mou__partner",
            "agenda_items__district",
        ),
        pk=pk,
    )
    meeting.points = list(
        ActionPoint.objects.for_user(user)
        .filter(meeting=meeting)
        .select_related("district", "owner_officer", "fair", "mou__partner")
        .order_by("number", "pk")
    )
    live_numbers(user=user, points=meeting.points)
    meeting.reports = list(
        ReportJob.objects.for_user(user)
        .filter(meeting=meeting)
        .select_related("requested_by", "approved_by")
        .order_by("-created_at", "-pk")
    )
    return meeting


def action_point_list(*, user, status: str = ""):
    """Action points the user may see (district staff: their district's), soonest due first."""
    points = ActionPoint.objects.for_user(user).select_related(
        "meeting", "district", "owner_officer", "fair", "mou__partner"
    )
    if status == "overdue":
        points = points.overdue()
    elif status in ActionPoint.Status.values:
        points = points.filter(status=status)
    return points.order_by("due_on", "meeting__held_at", "number", "pk")


def action_point_get(*, user, pk: int) -> ActionPoint:
    point = get_object_or_404(
        ActionPoint.objects.for_user(user)
        .select_related("meeting", "district", "owner_officer", "fair", "mou__partner")
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=ComplianceUpdate.objects.select_related("by").order_by("-on", "-pk"),
            )
        ),
        pk=pk,
    )
    live_numbers(user=user, points=[point])
    return point


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
    }


def report_waits_for_queue(job: ReportJob) -> bool:
    """True for a queued job that cannot start because the task queue does not answer."""
    return job.status == ReportJob.Status.QUEUED and broker_state() == "unreachable"
