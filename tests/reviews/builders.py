"""Builders for review tests, with fixed defaults and keyword overrides."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from reviews.models import ActionPoint, Meeting, ReportJob
from reviews.services.meetings import action_point_save, meeting_save

PDF_BYTES = b"%PDF-1.7\n%test\n%%EOF\n"


def at(day: datetime.date, hour: int = 11) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def meeting(*, officer, days_ahead: int = 12, **fields) -> Meeting:
    values = {
        "title_en": "Review meeting of the ODOP programme",
        "title_hi": "ओडीओपी कार्यक्रम की समीक्षा बैठक",
        "held_at": at(timezone.localdate() + datetime.timedelta(days=days_ahead)),
        "chair": Meeting.Chair.PRINCIPAL_SECRETARY,
        "venue": "Udyog Bandhu, Lucknow",
        "convener": officer,
        **fields,
    }
    return meeting_save(meeting=Meeting(**values), user=officer)


def action_point(*, meeting_obj, officer, number: int = 1, **fields) -> ActionPoint:
    values = {
        "text_en": "Nominate artisans for every allotted stall.",
        "due_on": timezone.localdate() + datetime.timedelta(days=10),
        **fields,
    }
    if "district" not in values and "owner_officer" not in values:
        values["owner_officer"] = officer
    point = ActionPoint(meeting=meeting_obj, number=number, **values)
    return action_point_save(action_point=point, user=officer)


def finished_job(*, meeting_obj, officer, language="en", approved=False, **fields) -> ReportJob:
    """A succeeded report job with a small file, made without rendering."""
    now = timezone.now()
    job = ReportJob.objects.create(
        meeting=meeting_obj,
        language=language,
        trigger=ReportJob.Trigger.ON_DEMAND,
        requested_by=officer,
        status=ReportJob.Status.SUCCEEDED,
        attempts=1,
        data_cutoff=now,
        started_at=now,
        finished_at=now,
        pages=1,
        version=ReportJob.objects.filter(meeting=meeting_obj, language=language).count() + 1,
        approved_by=officer if approved else None,
        approved_at=now if approved else None,
        **fields,
    )
    job.file.save(f"status-report-{job.pk}.pdf", ContentFile(PDF_BYTES), save=True)
    return job
