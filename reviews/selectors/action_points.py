"""Action points: the summary by outcome, the lists and one point with its live numbers."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.models import BilingualText, bilingual_text
from mous.models import MoU
from reviews.models import ActionPoint, ComplianceUpdate, Meeting
from reviews.selectors.fair_progress import fair_progress_list

# What a listed action point shows besides its meeting: its owner and its link.
POINT_RELATED = ("district", "owner_officer", "fair", "mou__partner")


@dataclass(frozen=True)
class LatestUpdate:
    on: date
    text_en: str
    text_hi: str

    @property
    def text(self) -> BilingualText:
        """What was done, in the language active when it is shown (the report renders it in
        its own language), marked where it falls back to the other one."""
        return bilingual_text(self.text_en, self.text_hi)


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
        points = points.unresolved()
    elif resolved_since is not None:
        points = points.filter(
            ~Q(status__in=list(ActionPoint.RESOLVED)) | Q(resolved_on__gte=resolved_since)
        )
    points = (
        points.filter(meeting__held_at__lt=before)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting", *POINT_RELATED)
        .annotate(
            latest_on=Subquery(latest.values("on")[:1]),
            latest_text_en=Subquery(latest.values("text_en")[:1]),
            latest_text_hi=Subquery(latest.values("text_hi")[:1]),
        )
        .order_by("due_on", "meeting__held_at", "number", "pk")
    )
    summary = ActionPointSummary()
    for point in points:
        point.latest_update = (
            LatestUpdate(
                on=point.latest_on, text_en=point.latest_text_en, text_hi=point.latest_text_hi
            )
            if point.latest_on
            else None
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


def live_numbers(*, user, points) -> None:
    """Attach ``live_fair`` or ``live_mou`` to each action point linked to a fair or an MoU:
    that record's progress right now (a FairProgress of allocation and programme, or the MoU
    with its stage and days in it), in at most three queries whatever the number of points."""
    points = list(points)
    fair_ids = {p.fair_id for p in points if p.fair_id}
    mou_ids = {p.mou_id for p in points if p.mou_id}
    fairs = {}
    if fair_ids:
        # The points carry their fairs (``POINT_RELATED``): no second read of them.
        linked = {p.fair_id: p.fair for p in points if p.fair_id}
        progress = fair_progress_list(user=user, fairs=linked.values(), outcome_only=True)
        fairs = {row.fair.pk: row for row in progress}
    mous = {}
    if mou_ids:
        linked = MoU.objects.for_user(user).with_status().select_related("partner")
        mous = {m.pk: m for m in linked.filter(pk__in=mou_ids)}
    for point in points:
        point.live_fair = fairs.get(point.fair_id)
        point.live_mou = mous.get(point.mou_id)


def action_point_list(*, user, status: str = ""):
    """Action points the user may see (district staff: their district's), soonest due first."""
    points = ActionPoint.objects.for_user(user).select_related("meeting", *POINT_RELATED)
    if status == "overdue":
        points = points.overdue()
    elif status in ActionPoint.Status.values:
        points = points.filter(status=status)
    return points.order_by("due_on", "meeting__held_at", "number", "pk")


def action_point_get(*, user, pk: int) -> ActionPoint:
    """One action point the user may see, with its updates and live numbers; else Http404."""
    point = get_object_or_404(
        ActionPoint.objects.for_user(user)
        .select_related("meeting", *POINT_RELATED)
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
