"""Meetings: the list, one meeting with all it holds, the meeting before it, and what the
meeting's pages offer in their lists."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from core.scoping import scoped_rows
from districts.masterdata import master_data
from districts.models import District
from events.models import Fair
from mous.models import MoU
from reviews.models import ActionPoint, AgendaItem, Meeting, ReportJob
from reviews.selectors.action_points import POINT_RELATED, live_numbers

# People in the lists by name, then the user name that tells two of the same name apart.
BY_NAME = ("first_name", "last_name", "username", "pk")


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


def meeting_find(*, user, pk: int) -> Meeting:
    """One meeting the user may see, with its convener; Http404 otherwise."""
    return get_object_or_404(Meeting.objects.for_user(user).select_related("convener"), pk=pk)


def meeting_get(*, user, pk: int) -> Meeting:
    """One meeting with its agenda, attendees, action points (with live numbers) and the
    reports the user may see; Http404 when the user may not see the meeting."""
    return meeting_details(user=user, meeting=meeting_find(user=user, pk=pk))


def meeting_details(*, user, meeting: Meeting) -> Meeting:
    """Read onto ``meeting`` its attendees, agenda (with the fairs, MoUs and districts it is
    about), the action points the user may see (with live numbers) and its reports."""
    prefetch_related_objects(
        [meeting],
        "attendees",
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.select_related("fair", "mou__partner", "district"),
        ),
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


@dataclass(frozen=True)
class MeetingChoices:
    """The lists the meeting's pages choose from, each read once for all the rows of a page."""

    officers: list  # active cell officers: owners of action points
    districts: list  # the districts the user may see: owners, agenda subjects
    fairs: list
    mous: list


def meeting_choices(*, user) -> MeetingChoices:
    """Owners (active cell officers, districts), fairs and MoUs the user may choose; three
    queries (the districts come from the cached master data)."""
    return MeetingChoices(
        officers=list(
            User.objects.filter(role=User.Role.CELL_OFFICER, is_active=True).order_by(*BY_NAME)
        ),
        districts=scoped_rows(master_data().districts, user, District),
        fairs=list(Fair.objects.order_by("-start_date", "name_en", "pk")),
        mous=list(
            MoU.objects.for_user(user)
            .select_related("partner")
            .order_by("partner__name_en", "title_en", "pk")
        ),
    )


def meeting_people(*, meeting: Meeting | None) -> QuerySet[User]:
    """Who may attend (state-wide roles) and convene (cell officers): the active ones, and
    anyone the meeting already names, so that saving the page drops nobody unasked."""
    named = Q()
    if meeting is not None and meeting.pk is not None:
        named = Q(review_meetings=meeting) | Q(convened_meetings=meeting)
    return (
        User.objects.filter(role__in=sorted(User.STATEWIDE_ROLES))
        .filter(Q(is_active=True) | named)
        .distinct()
        .order_by(*BY_NAME)
    )


def agenda_items(*, meeting: Meeting) -> list[AgendaItem]:
    """The meeting's agenda in order, for its edit page."""
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))
