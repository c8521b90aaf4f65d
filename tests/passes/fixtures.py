"""Fixtures for letters, passes and check-in: Lucknow's stall S1 at the test fair."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from events.models import Fair
from passes.models import PrintJob
from passes.services import credential_issue


@pytest.fixture
def credential(allocation):
    return credential_issue(allocation=allocation)


@pytest.fixture
def fair_today(allocation):
    """The allocation's fair, running from yesterday to tomorrow (the portal's day, in India)."""
    today = timezone.localdate()
    Fair.objects.filter(pk=allocation.fair_id).update(
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
        status=Fair.Status.LIVE,
    )
    return Fair.objects.get(pk=allocation.fair_id)


@pytest.fixture
def print_job(allocation, lucknow_staff):
    """Lucknow's letters for the fair, prepared (a small file stands in for the ZIP)."""
    job = PrintJob.objects.create(fair_id=allocation.fair_id, requested_by=lucknow_staff, count=1)
    job.file.save(f"job-{job.pk}.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18), save=False)
    job.status = PrintJob.Status.SUCCEEDED
    job.save()
    return job


@pytest.fixture
def attendance(credential, cell_officer):
    from passes.models import Attendance

    return Attendance.objects.create(
        credential=credential, day=datetime.date(2027, 2, 2), checked_in_by=cell_officer
    )


@pytest.fixture
def certificate(recipient):
    from passes.services import certificate_issue

    return certificate_issue(recipient=recipient)
