from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User
from core.api.serializers import (
    BilingualNameField,
    ModelSerializer,
    StrictSerializer,
    ValidatedModelSerializer,
    model_field,
)
from mous.models import MoU
from reviews.models import ActionPoint, AgendaItem, ComplianceUpdate, Meeting, ReportJob
from reviews.selectors import report_waits_for_queue


class PersonSerializer(ModelSerializer):
    """A brief user: id and name."""

    name = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "name"]

    def get_name(self, user) -> str:
        return user.get_full_name() or user.username


class AgendaItemSerializer(ModelSerializer):
    title = BilingualNameField()

    class Meta:
        model = AgendaItem
        fields = ["id", "position", "title", "title_en", "title_hi", "fair", "mou", "district"]


class MeetingSerializer(ModelSerializer):
    """A review meeting with its agenda and attendees."""

    title = BilingualNameField()
    convener_name = serializers.SerializerMethodField()
    attendees = PersonSerializer(many=True, read_only=True)
    agenda_items = AgendaItemSerializer(many=True, read_only=True)
    agenda_count = serializers.IntegerField(read_only=True)
    open_count = serializers.IntegerField(
        read_only=True, help_text=_("Action points of the meeting not yet complied or dropped.")
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "title_en",
            "title_hi",
            "held_at",
            "chair",
            "venue",
            "status",
            "convener",
            "convener_name",
            "attendees",
            "other_attendees",
            "minutes",
            "agenda_items",
            "agenda_count",
            "open_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_convener_name(self, meeting) -> str:
        return meeting.convener.get_full_name() or meeting.convener.username


class MeetingWriteSerializer(ValidatedModelSerializer):
    """The facts of a meeting and who attends; the convener is the requesting officer unless
    named. The agenda is kept in the admin."""

    class Meta:
        model = Meeting
        fields = Meeting.FACTS
        extra_kwargs = {
            "convener": {
                "required": False,
                "help_text": _("A cell officer; the requesting officer when left out."),
            },
        }
        validators = []

    def validate(self, attrs):
        # Attendees are a many-to-many set: saved after the meeting, never set on the copy
        # that the model's validation runs on.
        attendees = attrs.pop("attendees", None)
        if self.instance is None and "convener" not in attrs:
            attrs["convener"] = self.context["request"].user
        attrs = super().validate(attrs)
        if attendees is not None:
            attrs["attendees"] = attendees
        return attrs


class ReportRequestSerializer(StrictSerializer):
    language = serializers.ChoiceField(choices=ReportJob.Language.choices)


class ActionPointSerializer(ModelSerializer):
    text = BilingualNameField()
    delay_reason = serializers.CharField(
        read_only=True, help_text=_("The latest reason given, in the request's language.")
    )
    meeting_title = serializers.CharField(source="meeting.title", read_only=True)
    owner_name = serializers.CharField(read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = ActionPoint
        fields = [
            "id",
            "meeting",
            "meeting_title",
            "number",
            "text",
            "text_en",
            "text_hi",
            "owner_officer",
            "district",
            "owner_name",
            "due_on",
            "status",
            "is_overdue",
            "delay_reason",
            "delay_reason_en",
            "delay_reason_hi",
            "resolved_on",
            "fair",
            "mou",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ActionPointWriteSerializer(ValidatedModelSerializer):
    """A meeting's decision: its text, one owner (an officer or a district), the due date and
    an optional link to a fair or an MoU. The status changes through compliance updates."""

    class Meta:
        model = ActionPoint
        fields = [
            "meeting",
            "number",
            "text_en",
            "text_hi",
            "owner_officer",
            "district",
            "due_on",
            "fair",
            "mou",
        ]
        # The model's own constraints (with their messages) run in full_clean.
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["meeting"].queryset = Meeting.objects.for_user(request.user)
            fields["mou"].queryset = MoU.objects.for_user(request.user)
        return fields


class ComplianceUpdateSerializer(ModelSerializer):
    """What was reported: ``text`` and ``reason`` in the request's language (the other one's
    where it is missing), with both languages as written."""

    text = serializers.CharField(read_only=True)
    reason = serializers.CharField(read_only=True)
    by_name = serializers.SerializerMethodField()

    class Meta:
        model = ComplianceUpdate
        fields = [
            "id",
            "action_point",
            "on",
            "status",
            "text",
            "text_en",
            "text_hi",
            "reason",
            "reason_en",
            "reason_hi",
            "by",
            "by_name",
            "created_at",
        ]
        read_only_fields = fields

    def get_by_name(self, update) -> str:
        return update.by.get_full_name() or update.by.username


REASON_HELP = _(
    "Required, in English or in Hindi, when the action point is past its due date and not yet "
    "complied."
)


class ComplianceUpdateAddSerializer(StrictSerializer):
    """What was done in English, in Hindi or in both (one is required); the reason likewise."""

    on = model_field(
        ComplianceUpdate,
        "on",
        required=False,
        default=timezone.localdate,
        help_text=_("The date of the update; today when left out."),
    )
    status = serializers.ChoiceField(
        choices=ActionPoint.Status.choices, help_text=_("The status of the action point now.")
    )
    text_en = model_field(
        ComplianceUpdate,
        "text_en",
        required=False,
        default="",
        help_text=_("Write it in English, in Hindi or in both."),
    )
    text_hi = model_field(
        ComplianceUpdate,
        "text_hi",
        required=False,
        default="",
        help_text=_("Write it in English, in Hindi or in both."),
    )
    reason_en = model_field(
        ComplianceUpdate, "reason_en", required=False, default="", help_text=REASON_HELP
    )
    reason_hi = model_field(
        ComplianceUpdate, "reason_hi", required=False, default="", help_text=REASON_HELP
    )


class ReportJobSerializer(ModelSerializer):
    """One status report: the job's progress, then the archived PDF."""

    meeting_title = serializers.CharField(source="meeting.title", read_only=True)
    is_approved = serializers.BooleanField(read_only=True)
    download_url = serializers.SerializerMethodField(
        help_text=_("Once the report is ready; empty before.")
    )
    waiting_for_queue = serializers.SerializerMethodField(
        help_text=_(
            "True while a queued report cannot start because the task queue is unavailable; "
            "it starts by itself once the queue is back."
        )
    )

    class Meta:
        model = ReportJob
        fields = [
            "id",
            "meeting",
            "meeting_title",
            "language",
            "trigger",
            "status",
            "attempts",
            "requested_by",
            "data_cutoff",
            "version",
            "pages",
            "error",
            "started_at",
            "heartbeat_at",
            "finished_at",
            "waiting_for_queue",
            "is_approved",
            "approved_by",
            "approved_at",
            "download_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_waiting_for_queue(self, job) -> bool:
        return report_waits_for_queue(job)

    def get_download_url(self, job) -> str | None:
        if job.status != ReportJob.Status.SUCCEEDED:
            return None
        path = reverse("v1:reportjob-download", args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path
