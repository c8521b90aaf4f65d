"""Models of the MoU pipeline, one module per aggregate."""

from mous.models.deliverables import (
    Deliverable,
    ProgressEntry,
    ProgressEntryQuerySet,
    progress_date_check,
)
from mous.models.documents import MoUDocument, pdf_check
from mous.models.mou import (
    CLOSED_STAGES,
    EXPIRABLE_STAGES,
    IN_FORCE_STAGES,
    OPEN_STAGES,
    REASON_REQUIRED,
    TRANSITIONS,
    MoU,
    MoUQuerySet,
    MoUStageChange,
    Stage,
    Staleness,
    validity_check,
)
from mous.models.reminders import MoUReminder

__all__ = [
    "CLOSED_STAGES",
    "EXPIRABLE_STAGES",
    "IN_FORCE_STAGES",
    "OPEN_STAGES",
    "REASON_REQUIRED",
    "TRANSITIONS",
    "Deliverable",
    "MoU",
    "MoUDocument",
    "MoUQuerySet",
    "MoUReminder",
    "MoUStageChange",
    "ProgressEntry",
    "ProgressEntryQuerySet",
    "Stage",
    "Staleness",
    "pdf_check",
    "progress_date_check",
    "validity_check",
]
