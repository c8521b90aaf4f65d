"""Review meetings, their agenda, the action points they decide and the status reports.

A meeting is a state-level record (district staff never see one); an action point may be
owned by a district, and then its district's staff see it and report compliance on it. The
report-job row is the record of one PDF status report: the Celery task claims it, the
archive lists it, an officer approves it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.constraints import FieldCheckConstraint
from core.fields import NameField, NoteField, bounded, validate_plausible_date
from core.models import TimeStampedModel, bilingual
from core.scoping import ScopedQuerySet, StatewideQuerySet

STATEWIDE_ROLES = ["cell_officer", "principal_secretary"]


class Meeting(TimeStampedModel):
    class Chair(models.TextChoices):
        PRINCIPAL_SECRETARY = (
            "principal_secretary",
            _("Principal Secretary, MSME and Export Promotion"),
        )
        COMMISSIONER = "commissioner", _("Commissioner and Director of Industries")
        ODOP_CELL_HEAD = "odop_cell_head", _("Head of the ODOP cell")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    title_en = NameField(_("title (English)"), max_length=200)
    title_hi = NameField(_("title (Hindi)"), max_length=200)
    held_at = models.DateTimeField(_("date and time"), validators=[validate_plausible_date])
    chair = models.CharField(_("chaired by"), max_length=32, choices=Chair.choices)
    venue = NameField(_("venue"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    convener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="convened_meetings",
        limit_choices_to={"role": "cell_officer"},
        verbose_name=_("convened by"),
        help_text=_("The cell officer in whose name scheduled reports are generated."),
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="review_meetings",
        blank=True,
        limit_choices_to={"role__in": STATEWIDE_ROLES},
        verbose_name=_("attendees"),
        help_text=_("They receive a link to the status report when it is approved."),
    )
    other_attendees = NoteField(
        _("other attendees"), blank=True, help_text=_("Officers without a portal account.")
    )
    minutes = NoteField(_("minutes"), blank=True)

    objects = StatewideQuerySet.as_manager()

    class Meta:
        ordering = ["-held_at", "pk"]
        verbose_name = _("review meeting")
        verbose_name_plural = _("review meetings")
        indexes = [
            # The beat run: scheduled meetings in the next few days.
            models.Index(fields=["status", "held_at"], name="reviews_meeting_status_held"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "held", "cancelled"]),
                name="reviews_meeting_status_valid",
                violation_error_message=_("Choose a status."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:meeting_detail", args=[self.pk])

    @property
    def title(self) -> str:
        return bilingual(self.title_en, self.title_hi)


class AgendaItem(TimeStampedModel):
    """One point of a meeting's agenda, optionally about a fair, an MoU or a district."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("item number"), validators=bounded(1, 999))
    title_en = NameField(_("title (English)"), max_length=300)
    title_hi = NameField(_("title (Hindi)"), max_length=300, blank=True)
    fair = models.ForeignKey(
        "events.Fair",
        on_delete=models.PROTECT,
        related_name="agenda_items",
        null=True,
        blank=True,
        verbose_name=_("fair"),
    )
    mou = models.ForeignKey(
        "mous.MoU",
        on_delete=models.PROTECT,
        related_name="agenda_items",
        null=True,
        blank=True,
        verbose_name=_("MoU"),
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="agenda_items",
        null=True,
        blank=True,
        verbose_name=_("district"),
    )

    objects = StatewideQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="reviews_agendaitem_position_unique",
                violation_error_message=_("This meeting already has an item with this number."),
            ),
            FieldCheckConstraint(
                field="fair",
                condition=Q(fair__isnull=True, mou__isnull=True)
                | Q(fair__isnull=True, district__isnull=True)
                | Q(mou__isnull=True, district__isnull=True),
                name="reviews_agendaitem_one_subject",
                violation_error_message=_("Link the item to a fair, an MoU or a district: one."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def title(self) -> str:
        return bilingual(self.title_en, self.title_hi)


class ActionPointQuerySet(ScopedQuerySet):
    def unresolved(self):
        return self.exclude(status__in=ActionPoint.RESOLVED)

    def overdue(self, today=None):
        """Unresolved action points whose due date has passed."""
        return self.unresolved().filter(due_on__lt=today or timezone.localdate())


def overdue_reason_check(*, due_on, status: str, reason: str, today=None) -> None:
    """An action point past its due date and still unresolved needs a reason for the delay.

    Called by the compliance-update service on the raw input and by ``ComplianceUpdate.clean``.
    """
    today = today or timezone.localdate()
    if due_on and due_on < today and status not in ActionPoint.RESOLVED and not reason.strip():
        raise ValidationError(
            {"reason": _("The action point is past its due date: give the reason for the delay.")}
        )


class ActionPoint(TimeStampedModel):
    """A decision of a meeting that someone must carry out by a date."""

    district_scope = "district"

    class Status(models.TextChoices):
        # Labels differ from the same words elsewhere ("Open" on a button, an MoU "dropped"
        # from talks), which read differently in Hindi.
        OPEN = "open", _("Pending")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLIED = "complied", _("Complied")
        DROPPED = "dropped", _("Dropped by the meeting")

    RESOLVED = frozenset({Status.COMPLIED, Status.DROPPED})

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="action_points", verbose_name=_("meeting")
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=bounded(1, 9999))
    text_en = NoteField(_("decision (English)"), max_length=2000)
    text_hi = NoteField(_("decision (Hindi)"), max_length=2000, blank=True)
    owner_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="action_points",
        null=True,
        blank=True,
        limit_choices_to={"role": "cell_officer"},
        verbose_name=_("owner (officer)"),
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="action_points",
        null=True,
        blank=True,
        verbose_name=_("owner (district)"),
    )
    due_on = models.DateField(_("due date"), validators=[validate_plausible_date])
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default="open")
    fair = models.ForeignKey(
        "events.Fair",
        on_delete=models.PROTECT,
        related_name="action_points",
        null=True,
        blank=True,
        verbose_name=_("fair"),
    )
    mou = models.ForeignKey(
        "mous.MoU",
        on_delete=models.PROTECT,
        related_name="action_points",
        null=True,
        blank=True,
        verbose_name=_("MoU"),
    )
    delay_reason = NoteField(_("reason for delay"), blank=True, max_length=2000)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True, editable=False)

    objects = ActionPointQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "number", "pk"]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        indexes = [
            # The report and the lists: unresolved action points by due date.
            models.Index(fields=["status", "due_on"], name="reviews_actionpoint_status_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="reviews_actionpoint_number_unique",
                violation_error_message=_("This meeting already has an action point numbered so."),
            ),
            FieldCheckConstraint(
                field="owner_officer",
                condition=Q(owner_officer__isnull=False, district__isnull=True)
                | Q(owner_officer__isnull=True, district__isnull=False),
                name="reviews_actionpoint_one_owner",
                violation_error_message=_("Choose one owner: an officer or a district."),
            ),
            FieldCheckConstraint(
                field="mou",
                condition=Q(fair__isnull=True) | Q(mou__isnull=True),
                name="reviews_actionpoint_one_link",
                violation_error_message=_(
                    "Link the action point to a fair or to an MoU, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "in_progress", "complied", "dropped"]),
                name="reviews_actionpoint_status_valid",
                violation_error_message=_("Choose a status."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:action_point_detail", args=[self.pk])

    @property
    def text(self) -> str:
        return bilingual(self.text_en, self.text_hi)

    @property
    def owner(self):
        return self.district if self.district_id else self.owner_officer

    @property
    def owner_name(self) -> str:
        if self.district_id:
            return self.district.name
        officer = self.owner_officer
        return officer.get_full_name() or officer.username if officer else ""

    @property
    def is_resolved(self) -> bool:
        return self.status in self.RESOLVED

    @property
    def is_overdue(self) -> bool:
        return not self.is_resolved and self.due_on < timezone.localdate()


class ComplianceUpdate(models.Model):
    """A dated report of what was done on an action point, and its status afterwards."""

    district_scope = "action_point__district"

    action_point = models.ForeignKey(
        ActionPoint,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("action point"),
    )
    on = models.DateField(_("date"), validators=[validate_plausible_date])
    status = models.CharField(_("status"), max_length=16, choices=ActionPoint.Status.choices)
    text = NoteField(_("what was done"), max_length=2000)
    reason = NoteField(_("reason for delay"), blank=True, max_length=2000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="compliance_updates",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["action_point", "on", "pk"]
        verbose_name = _("compliance update")
        verbose_name_plural = _("compliance updates")
        constraints = [
            FieldCheckConstraint(
                field="text",
                condition=~Q(text=""),
                name="reviews_complianceupdate_text_required",
                violation_error_message=_("Write what was done."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on}: {self.get_status_display()}"

    def clean(self):
        super().clean()
        if self.on and self.on > timezone.localdate():
            raise ValidationError({"on": _("A compliance update cannot be dated in the future.")})
        if self.action_point_id:
            overdue_reason_check(
                due_on=self.action_point.due_on, status=self.status, reason=self.reason
            )


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

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being prepared")
        SUCCEEDED = "succeeded", _("Ready")
        FAILED = "failed", _("Failed")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        HINDI = "hi", _("Hindi")

    class Trigger(models.TextChoices):
        ON_DEMAND = "on_demand", _("On request")
        SCHEDULED = "scheduled", _("Before the meeting (automatic)")

    ACTIVE = frozenset({Status.QUEUED, Status.RUNNING})

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
                condition=Q(status__in=["queued", "running"]),
                name="reviews_reportjob_one_active",
                violation_error_message=_(
                    "A report of this meeting in this language is already being prepared."
                ),
            ),
            # Celery beat generates at most one report per meeting and language.
            models.UniqueConstraint(
                fields=["meeting", "language"],
                condition=Q(trigger="scheduled"),
                name="reviews_reportjob_one_scheduled",
                violation_error_message=_("The automatic report of this meeting exists already."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "language", "version"],
                name="reviews_reportjob_version_unique",
                violation_error_message=_("This version of the report exists already."),
            ),
            models.CheckConstraint(
                condition=Q(approved_at__isnull=True) | Q(status="succeeded"),
                name="reviews_reportjob_approved_only_if_succeeded",
                violation_error_message=_("Only a finished report can be approved."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "succeeded", "failed"]),
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
