"""Allotment letters and exhibitor passes, their QR codes, and attendance at the gate.

Each allocation gets one credential: a random code that its letter and its pass carry in a
QR code, signed so that a typed or forged code is told apart from one the portal issued. The
public verification page and the check-in page read the allocation behind it as it is now
(valid, cancelled, moved). Attendance is one row per credential and day.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet


class Credential(TimeStampedModel):
    """What an allotment letter and its pass prove: this exhibitor holds this place."""

    district_scope = "district"

    allocation = models.OneToOneField(
        "stalls.Allocation",
        on_delete=models.PROTECT,
        related_name="credential",
        verbose_name=_("allocation"),
    )
    fair = models.ForeignKey(
        "events.Fair", on_delete=models.PROTECT, related_name="credentials", verbose_name=_("fair")
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="credentials",
        verbose_name=_("district"),
    )
    # Random, never derived from an id: a code cannot be guessed from another.
    code = models.CharField(_("code"), max_length=24, unique=True, editable=False)
    # The place as printed, to tell a pass for a place since moved.
    place = models.CharField(_("place as printed"), max_length=40, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["fair", "pk"]
        verbose_name = _("letter and pass")
        verbose_name_plural = _("letters and passes")

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"ODOP-{self.fair_id}-{self.pk:05d}"

    def get_absolute_url(self) -> str:
        from passes.services.codes import signed

        return reverse("passes:verify", args=[signed(self.code)])


class Certificate(TimeStampedModel):
    """A certificate for one recipient of an award, a tool kit or a technical session: numbered,
    and verifiable by the QR code it carries, like a letter."""

    district_scope = "district"

    recipient = models.OneToOneField(
        "events.Recipient",
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("recipient"),
    )
    fair = models.ForeignKey(
        "events.Fair", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("fair")
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("district"),
    )
    code = models.CharField(_("code"), max_length=24, unique=True, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["fair", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"ODOP-C-{self.fair_id}-{self.pk:05d}"

    def get_absolute_url(self) -> str:
        from passes.services.codes import signed

        return reverse("passes:verify", args=[signed(self.code)])


class Attendance(models.Model):
    """An exhibitor checked in at the gate on one day of the fair."""

    district_scope = "credential__district"

    credential = models.ForeignKey(
        Credential,
        on_delete=models.PROTECT,
        related_name="attendance",
        verbose_name=_("letter and pass"),
    )
    day = models.DateField(_("day"))
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["day", "checked_in_at", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["credential", "day"],
                name="passes_attendance_once_a_day",
                violation_error_message=_("This pass is checked in today already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.credential} · {self.day:%d.%m.%Y}"


class PrintJobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being prepared")
    SUCCEEDED = "succeeded", _("Ready")
    FAILED = "failed", _("Failed")


class PrintJobQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view"):
        """Jobs the user may see: everyone's for the cell, one's own for district staff (a
        job holds only the requester's district's letters)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if not user.has_perm(f"passes.{action}_printjob"):
            return self.none()
        return self if user.is_statewide else self.filter(requested_by=user)


def job_path(instance, filename: str) -> str:
    # Keyed by the job: a rerun overwrites its own file.
    return f"passes/job-{instance.pk}.{'zip' if instance.allocation_id is None else 'pdf'}"


class PrintJob(TimeStampedModel):
    """Letters and passes to print: one allocation's (a PDF), or a whole fair's (a ZIP of
    them), prepared by a Celery worker for the user who asked, in their scope."""

    Status = PrintJobStatus

    fair = models.ForeignKey(
        "events.Fair", on_delete=models.CASCADE, related_name="print_jobs", verbose_name=_("fair")
    )
    allocation = models.ForeignKey(
        "stalls.Allocation",
        on_delete=models.CASCADE,
        related_name="print_jobs",
        null=True,
        blank=True,
        verbose_name=_("allocation"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="print_jobs",
        verbose_name=_("requested by"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PrintJobStatus.choices, default=PrintJobStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    file = models.FileField(_("file"), upload_to=job_path, max_length=200, blank=True)
    count = models.PositiveIntegerField(_("letters"), default=0)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = PrintJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("letters to print")
        verbose_name_plural = _("letters to print")
        indexes = [
            # The sweeper: jobs queued or running since before a deadline.
            models.Index(fields=["status", "updated_at"], name="passes_printjob_sweep"),
        ]

    def __str__(self) -> str:
        return f"{self.fair} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("passes:job", args=[self.pk])

    @property
    def download_name(self) -> str:
        day = datetime.date.today().isoformat()
        if self.allocation_id:
            return f"allotment-letter-{self.allocation_id}-{day}.pdf"
        return f"allotment-letters-fair-{self.fair_id}-{day}.zip"
