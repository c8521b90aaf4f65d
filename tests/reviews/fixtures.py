"""Fixtures of the review tests and of the permission rows in permission_rows.py."""

import datetime

import pytest
from django.utils import timezone

from reviews.models import ComplianceUpdate
from tests.reviews import builders


@pytest.fixture
def meeting(cell_officer, principal_secretary):
    record = builders.meeting(officer=cell_officer)
    record.attendees.set([cell_officer, principal_secretary])
    return record


@pytest.fixture
def past_meeting(cell_officer):
    return builders.meeting(
        officer=cell_officer, days_ahead=-30, title_en="Previous review meeting", status="held"
    )


@pytest.fixture
def lucknow_point(past_meeting, cell_officer, lucknow):
    """An action point of the previous meeting owned by Lucknow."""
    return builders.action_point(meeting_obj=past_meeting, officer=cell_officer, district=lucknow)


@pytest.fixture
def compliance_update(lucknow_point, lucknow_staff):
    return ComplianceUpdate.objects.create(
        action_point=lucknow_point,
        on=timezone.localdate() - datetime.timedelta(days=1),
        status="in_progress",
        text_en="Nominations started.",
        by=lucknow_staff,
    )


@pytest.fixture
def approved_report(meeting, cell_officer):
    return builders.finished_job(meeting_obj=meeting, officer=cell_officer, approved=True)


@pytest.fixture
def unapproved_report(meeting, cell_officer):
    return builders.finished_job(meeting_obj=meeting, officer=cell_officer, language="hi")
