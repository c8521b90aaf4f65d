"""The report job: the record of one PDF status report of a meeting.

The Celery task claims the row, the archive lists it, an officer approves it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.scoping import StatewideQuerySet
from reviews.models.meetings import Meeting


class ReportJobStatus(models.TextChoices):
    """``ReportJob.Status``; at module level so the model's constraints can name its values."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being prepared")
    SUCCEEDED = "succeeded", _("Ready")
    FAILED = "failed", _("Failed")


class ReportTrigger(models.TextChoices):
    """``ReportJob.Trigger``; at module level so the model's constraints can name its values."""

    ON_DEMAND = "on_demand", _("On request")
    SCHEDULED = "scheduled", _("Before the meeting (automatic)")


# Queued or running: a job a worker has still to finish. A list, in this order, because the
# migration state of the one-active constraint holds it so.
ACTIVE_STATUSES = [ReportJobStatus.QUEUED, ReportJobStatus.RUNNING]


class ReportJobQuerySet(StatewideQuerySet):
    def for_user(self, user, action: str = "view"):
        """Jobs the user may see; readers without the right to request reports (the
        Principal Secretary) see approved reports only."""
        queryset = super().for_user(user, action)
        if (
            user is not None
            and user.is_authenticated
            and not user.has_perm("reviews.add_reportjob")
        ):
            queryset = queryset.filter(approved_at__isnull=False)
        return queryset

    def active(self):
        return self.filter(status__in=ReportJob.ACTIVE)


def report_path(instance, filename: str) -> str:
    # Keyed by the job: a rerun overwrites its own file and never leaves a second one.
    return f"reports/status-report-{instance.pk}.pdf"


class ReportJob(TimeStampedModel):
    """One status report of a meeting in one language: the job, then the archived PDF."""

    Status = ReportJobStatus

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        HINDI = "hi", _("Hindi")

    Trigger = ReportTrigger

    ACTIVE = frozenset(ACTIVE_STATUSES)

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="report_jobs", verbose_name=_("meeting")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    trigger = models.CharField(_("requested"), max_length=16, choices=Trigger.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="report_jobs",
        verbose_name=_("requested by"),
    )
    data_cutoff = models.DateTimeField(_("data cut-off"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    file = models.FileField(_("PDF file"), upload_to=report_path, max_length=200, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # The attempt under way: the Celery task that claimed it and its last sign of life. A
    # redelivered task, or the sweeper once the heartbeat is old, takes over a dead attempt.
    task_id = models.CharField(_("task"), max_length=64, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="approved_reports",
        null=True,
        blank=True,
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        permissions = [("approve_reportjob", _("Can approve a status report"))]
        indexes = [
            # The sweeper: jobs queued or running since before a deadline.
            models.Index(fields=["status", "updated_at"], name="reviews_reportjob_sweep"),
        ]
        constraints = [
            # A second request while one is queued or running reuses it.
            models.UniqueConstraint(
                fields=["meeting", "language"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="reviews_reportjob_one_active",
                violation_error_message=_(
                    "A report of this meeting in this language is already being prepared."
                ),
            ),
            # Celery beat generates at most one report per meeting and language.
            models.UniqueConstraint(
                fields=["meeting", "language"],
                condition=Q(trigger=ReportTrigger.SCHEDULED),
                name="reviews_reportjob_one_scheduled",
                violation_error_message=_("The automatic report of this meeting exists already."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "language", "version"],
                name="reviews_reportjob_version_unique",
                violation_error_message=_("This version of the report exists already."),
            ),
            models.CheckConstraint(
                condition=Q(approved_at__isnull=True) | Q(status=ReportJobStatus.SUCCEEDED),
                name="reviews_reportjob_approved_only_if_succeeded",
                violation_error_message=_("Only a finished report can be approved."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportJobStatus.values),
                name="reviews_reportjob_status_valid",
                violation_error_message=_("Choose a status."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} ({self.get_language_display()}) #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:report_status", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def download_name(self) -> str:
        day = timezone.localtime(self.meeting.held_at).date().isoformat()
        return f"odop-status-report-{day}-{self.language}-v{self.version or 0}-{self.pk}.pdf"
