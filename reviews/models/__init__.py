"""Review meetings, their agenda, the action points they decide and the status reports, one
module per aggregate.

A meeting is a state-level record (district staff never see one); an action point may be
owned by a district, and then its district's staff see it and report compliance on it. The
report-job row is the record of one PDF status report: the Celery task claims it, the
archive lists it, an officer approves it.
"""

from reviews.models.action_points import (
    ActionPoint,
    ActionPointQuerySet,
    ActionPointStatus,
    ComplianceUpdate,
    active_field,
    compliance_text_check,
    due_date_check,
    overdue_reason_check,
    owner_active_check,
)
from reviews.models.meetings import AgendaItem, Meeting, MeetingStatus
from reviews.models.reports import (
    ACTIVE_STATUSES,
    ReportJob,
    ReportJobQuerySet,
    ReportJobStatus,
    ReportTrigger,
    report_path,
)

__all__ = [
    "ACTIVE_STATUSES",
    "ActionPoint",
    "ActionPointQuerySet",
    "ActionPointStatus",
    "AgendaItem",
    "ComplianceUpdate",
    "Meeting",
    "MeetingStatus",
    "ReportJob",
    "ReportJobQuerySet",
    "ReportJobStatus",
    "ReportTrigger",
    "active_field",
    "compliance_text_check",
    "due_date_check",
    "overdue_reason_check",
    "owner_active_check",
    "report_path",
]
