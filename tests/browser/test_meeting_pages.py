"""A cell officer records a review meeting on a 360-pixel phone: the meeting, its agenda and
its first action point in one form, two more action points later on the meeting's page,
then the edit page. Each page fits the screen and has no serious accessibility finding."""

import re

import pytest
from playwright.sync_api import expect

from reviews.models import Meeting
from tests.browser.conftest import axe_findings, format_findings, overflow, screenshot, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NARROW_PHONE = {"width": 360, "height": 780}


def _fits_and_passes(page, problems: list) -> None:
    fit = overflow(page)
    if fit["width"] > fit["viewport"] or fit["inner"]:
        problems.append(f"{page.url}: wider than the screen: {fit}")
    findings = axe_findings(page)
    if findings:
        problems.append(format_findings(page.url, findings))


def test_an_officer_records_a_meeting_and_its_action_points_on_a_phone(open_page):
    page = open_page(viewport=NARROW_PHONE)
    problems = []
    sign_in(page, "cell.officer")

    page.goto("/reviews/")
    page.get_by_role("link", name="Record a meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a meeting")
    _fits_and_passes(page, problems)
    page.fill("#id_meeting-title_en", "Review of the spring fairs")
    page.fill("#id_meeting-title_hi", "वसंत मेलों की समीक्षा")
    page.fill("#id_meeting-held_at", "2027-01-12T11:00")
    page.select_option("#id_meeting-chair", "commissioner")
    page.fill("#id_meeting-venue", "Udyog Bandhu, Lucknow")
    page.fill("#id_agenda-0-title_en", "Nominations for Surajkund")
    page.select_option("#id_agenda-0-fair", index=1)
    page.fill("#id_points-0-text_en", "Send the final list of artisans.")
    page.select_option("#id_points-0-owner", label="Lucknow — District staff")
    page.fill("#id_points-0-due_on", "2027-01-31")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review of the spring fairs")
    expect(page.get_by_role("status")).to_contain_text("The meeting is recorded.")
    meeting = Meeting.objects.get(title_en="Review of the spring fairs")
    assert [(i.position, i.fair_id is not None) for i in meeting.agenda_items.all()] == [(1, True)]
    _fits_and_passes(page, problems)

    page.fill("#id_points-0-text_en", "Book the hall for the buyer–seller meet.")
    page.select_option("#id_points-0-owner", index=1)
    page.fill("#id_points-0-due_on", "2027-02-05")
    page.fill("#id_points-1-text_en", "Report the sales of the fair.")
    page.select_option("#id_points-1-owner", label="Varanasi — District staff")
    page.fill("#id_points-1-due_on", "2027-02-20")
    page.get_by_role("button", name="Record these action points").click()
    expect(page.get_by_role("status")).to_contain_text("Action points 2–3 are recorded.")
    numbers = sorted(meeting.action_points.values_list("number", flat=True))
    assert numbers == [1, 2, 3]
    screenshot(page, "cell-officer-meeting-page")

    page.get_by_role("link", name="Edit the meeting and its agenda").click()
    expect(page).to_have_url(re.compile(rf"/reviews/{meeting.pk}/edit/$"))
    _fits_and_passes(page, problems)
    assert not problems, "\n".join(problems)
