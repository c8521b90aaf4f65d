"""iCalendar feeds: the public fairs and their programme for anyone; for a signed-in user, a
private feed (a link with a token of their own) that adds what they may see — fairs still
being planned and the review meetings.

The private token is the user's id signed with the portal's key and salted with their
password hash, so changing the password ends every link given out before.
"""

import datetime

from django.core import signing
from django.utils import timezone
from icalendar import Calendar, Event

from accounts.models import User
from dashboard.guide import PUBLIC
from events.models import Activity, Fair
from reviews.models import Meeting

SALT = "dashboard.calendar"
PRODID = "-//ODOP Portal//Uttar Pradesh ODOP cell//EN"
# How far back a feed reaches: a year of fairs and meetings is what calendars are used for.
PAST_DAYS = 366


def calendar_token(user: User) -> str:
    return signing.Signer(salt=f"{SALT}:{user.password}").sign(str(user.pk))


def calendar_user(token: str) -> User | None:
    """The active user whose token this is, or None (forged, or the password changed)."""
    user_id = (token or "").split(":", 1)[0]
    if not user_id.isdigit() or len(user_id) > 19:
        return None
    user = User.objects.filter(pk=int(user_id), is_active=True).first()
    if user is None:
        return None
    try:
        signing.Signer(salt=f"{SALT}:{user.password}").unsign(token)
    except signing.BadSignature:
        return None
    return user


def _since() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=PAST_DAYS)


def _fair_event(fair: Fair, host: str) -> Event:
    event = Event()
    event.add("uid", f"fair-{fair.pk}@{host}")
    event.add("summary", fair.name)
    event.add("dtstart", fair.start_date)
    event.add("dtend", fair.end_date + datetime.timedelta(days=1))
    event.add("location", f"{fair.venue}, {fair.city}")
    event.add("dtstamp", fair.updated_at)
    return event


def _activity_event(activity: Activity, host: str) -> Event:
    event = Event()
    event.add("uid", f"activity-{activity.pk}@{host}")
    event.add("summary", f"{activity.title} · {activity.fair.name}")
    if activity.start_time:
        start = timezone.make_aware(datetime.datetime.combine(activity.date, activity.start_time))
        event.add("dtstart", start)
        if activity.end_time and activity.end_time > activity.start_time:
            end = datetime.datetime.combine(activity.date, activity.end_time)
            event.add("dtend", timezone.make_aware(end))
    else:
        event.add("dtstart", activity.date)
        event.add("dtend", activity.date + datetime.timedelta(days=1))
    if activity.place:
        event.add("location", activity.place)
    event.add("dtstamp", activity.updated_at)
    return event


def _meeting_event(meeting: Meeting, host: str) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.held_at)
    event.add("dtend", meeting.held_at + datetime.timedelta(hours=2))
    event.add("location", meeting.venue)
    event.add("dtstamp", meeting.updated_at)
    return event


def calendar_feed(*, host: str, user: User | None = None) -> bytes:
    """The feed as iCalendar bytes: public fairs and their programme, and for ``user`` the
    fairs still being planned and the meetings they may see."""
    statuses = [*PUBLIC, Fair.Status.CONCLUDED]
    if user is not None and user.is_statewide:
        statuses.append(Fair.Status.PLANNING)
    fairs = list(
        Fair.objects.filter(status__in=statuses, end_date__gte=_since()).order_by(
            "start_date", "pk"
        )
    )
    activities = Activity.objects.filter(fair__in=fairs).select_related("fair")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "ODOP" if user is None else f"ODOP · {user.get_full_name()}")
    for fair in fairs:
        calendar.add_component(_fair_event(fair, host))
    for activity in activities.order_by("date", "start_time", "pk"):
        calendar.add_component(_activity_event(activity, host))
    if user is not None and user.has_perm("reviews.view_meeting"):
        meetings = (
            Meeting.objects.for_user(user)
            .exclude(status=Meeting.Status.CANCELLED)
            .filter(held_at__date__gte=_since())
            .order_by("held_at", "pk")
        )
        for meeting in meetings:
            calendar.add_component(_meeting_event(meeting, host))
    return calendar.to_ical()
