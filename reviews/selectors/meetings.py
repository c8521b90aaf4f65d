"""Meetings: the list, one meeting with all it holds, and the meeting before it."""

from datetime import date, timedelta

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from reviews.models import ActionPoint, Meeting, ReportJob
from reviews.selectors.action_points import POINT_RELATED, live_numbers


def previous_meeting(*, meeting: Meeting) -> Meeting | None:
    """The last meeting held (not cancelled) before this one, or None."""
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
        .select_related(*POINT_RELATED)
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
