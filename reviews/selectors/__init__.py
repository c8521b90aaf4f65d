"""Reads for review meetings and the status report, one module per concept.

``fair_progress_list``, ``mou_status_list`` and ``action_point_summary`` are public: the
status report and the Principal Secretary's dashboard show the same numbers from these same
functions. Each runs a constant number of queries whatever the number of rows.
"""

from reviews.selectors.action_points import (
    ActionPointSummary,
    LatestUpdate,
    action_point_get,
    action_point_list,
    action_point_summary,
    live_numbers,
)
from reviews.selectors.fair_progress import FairProgress, fair_progress_list
from reviews.selectors.meetings import (
    MeetingChoices,
    agenda_items,
    meeting_choices,
    meeting_details,
    meeting_find,
    meeting_get,
    meeting_list,
    meeting_people,
    previous_meeting,
    since_for,
)
from reviews.selectors.mou_status import mou_status_list
from reviews.selectors.reports import (
    ReportSummary,
    report_archive,
    report_context,
    report_fairs,
    report_job_get,
    report_summary,
    report_waits_for_queue,
)

__all__ = [
    "ActionPointSummary",
    "FairProgress",
    "LatestUpdate",
    "MeetingChoices",
    "ReportSummary",
    "action_point_get",
    "action_point_list",
    "action_point_summary",
    "agenda_items",
    "fair_progress_list",
    "live_numbers",
    "meeting_choices",
    "meeting_details",
    "meeting_find",
    "meeting_get",
    "meeting_list",
    "meeting_people",
    "mou_status_list",
    "previous_meeting",
    "report_archive",
    "report_context",
    "report_fairs",
    "report_job_get",
    "report_summary",
    "report_waits_for_queue",
    "since_for",
]
