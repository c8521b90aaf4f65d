"""Calendar feeds: public fairs and their programme for anyone; a user's private feed adds
fairs being planned and review meetings, and ends when the password changes."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from dashboard.calendars import calendar_token
from tests import factories

pytestmark = pytest.mark.django_db


def summaries(answer) -> list[str]:
    assert answer["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(answer.content)
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


def test_the_public_feed_has_open_fairs_and_their_programme_not_drafts(client, activity):
    draft = factories.fair(name_en="A fair being planned")
    seen = summaries(client.get(reverse("calendar:public")))
    assert activity.fair.name_en in seen
    assert f"{activity.title_en} · {activity.fair.name_en}" in seen
    assert draft.name_en not in seen


def test_a_private_feed_adds_what_the_user_may_see(client, activity, cell_officer):
    from reviews.models import Meeting

    draft = factories.fair(name_en="A fair being planned")
    meeting = Meeting.objects.create(
        title_en="Review of ODOP fairs",
        title_hi="ओडीओपी मेलों की समीक्षा",
        held_at=activity.fair.updated_at,
        venue="Udyog Bandhu, Lucknow",
        chair=Meeting.Chair.PRINCIPAL_SECRETARY,
        convener=cell_officer,
    )
    url = reverse("calendar:private", args=[calendar_token(cell_officer)])
    seen = summaries(client.get(url))
    assert draft.name_en in seen and meeting.title_en in seen


def test_a_forged_token_or_a_changed_password_ends_the_feed(client, cell_officer):
    url = reverse("calendar:private", args=[calendar_token(cell_officer)])
    assert client.get(url).status_code == 200
    assert client.get(reverse("calendar:private", args=["1:forged"])).status_code == 404
    assert client.get(reverse("calendar:private", args=["x" * 40])).status_code == 404
    cell_officer.set_password("another-long-password-2027")
    cell_officer.save()
    assert client.get(url).status_code == 404


def test_the_page_gives_both_addresses(client, lucknow_staff):
    client.force_login(lucknow_staff)
    text = client.get(reverse("calendar:page")).content.decode()
    assert "/calendar/fairs.ics" in text
    assert calendar_token(lucknow_staff) in text
