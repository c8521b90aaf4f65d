"""Review meetings and their agenda: state-level records that district staff never see."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.constraints import FieldCheckConstraint
from core.fields import NameField, NoteField, bounded, validate_plausible_date
from core.models import TimeStampedModel, bilingual
from core.scoping import StatewideQuerySet


class MeetingStatus(models.TextChoices):
    """``Meeting.Status``; at module level so the model's constraint can list its values."""

    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(TimeStampedModel):
    class Chair(models.TextChoices):
        PRINCIPAL_SECRETARY = (
            "principal_secretary",
            _("Principal Secretary, MSME and Export Promotion"),
        )
        COMMISSIONER = "commissioner", _("Commissioner and Director of Industries")
        ODOP_CELL_HEAD = "odop_cell_head", _("Head of the ODOP cell")

    Status = MeetingStatus
    # What the meeting page and the API write: its facts and who attends (the agenda and the
    # action points have their own rows).
    FACTS = [
        "title_en",
        "title_hi",
        "held_at",
        "chair",
        "venue",
        "status",
        "convener",
        "attendees",
        "other_attendees",
        "minutes",
    ]

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
        limit_choices_to={"role": User.Role.CELL_OFFICER},
        verbose_name=_("convened by"),
        help_text=_("The cell officer in whose name scheduled reports are generated."),
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="review_meetings",
        blank=True,
        # Sorted: the migration state holds a list, and a set has no fixed order.
        limit_choices_to={"role__in": sorted(User.STATEWIDE_ROLES)},
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
                condition=Q(status__in=MeetingStatus.values),
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

    def report_recipients(self) -> list:
        """The attendees e-mailed a link to an approved report: active, with an address.
        Reads the prefetched attendees when they are."""
        return [person for person in self.attendees.all() if person.is_active and person.email]


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
