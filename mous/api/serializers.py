from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.serializers import (
    BilingualNameField,
    ModelSerializer,
    ObjectIdField,
    StrictSerializer,
    ValidatedModelSerializer,
    model_field,
)
from mous.models import (
    Deliverable,
    MoU,
    MoUDocument,
    MoUStageChange,
    ProgressEntry,
    Stage,
    Staleness,
)
from partners.models import Partner


class StageChangeSerializer(ModelSerializer):
    """One row of an MoU's timeline: a stage change, or a note when the stage stays."""

    # Null, with ``changed_by``, when the portal made the change itself (an expiry).
    changed_by_name = serializers.CharField(
        source="changed_by.get_full_name", read_only=True, allow_null=True, default=None
    )
    # In the request's language, falling back to the other; both as stored beside them.
    note = serializers.CharField(read_only=True)
    next_step = serializers.CharField(read_only=True)

    class Meta:
        model = MoUStageChange
        fields = [
            "id",
            "mou",
            "from_stage",
            "to_stage",
            "is_note",
            "changed_at",
            "changed_by",
            "changed_by_name",
            "note",
            "note_en",
            "note_hi",
            "next_step",
            "next_step_en",
            "next_step_hi",
            "reason",
        ]


class MoUSerializer(ModelSerializer):
    """Where an MoU stands: stage, days in it, staleness, next step, and what changed since
    ``since`` (30 days back unless asked)."""

    title = BilingualNameField()
    purpose = BilingualNameField()
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    days_in_stage = serializers.IntegerField(read_only=True)
    staleness = serializers.ChoiceField(choices=Staleness.choices, read_only=True)
    allowed_stages = serializers.ListField(
        child=serializers.ChoiceField(choices=Stage.choices),
        read_only=True,
        help_text=_("The stages move-stage accepts from the current one."),
    )
    changes_since = StageChangeSerializer(many=True, read_only=True)
    next_step = serializers.CharField(read_only=True)

    class Meta:
        model = MoU
        fields = [
            "id",
            "partner",
            "partner_name",
            "title",
            "title_en",
            "title_hi",
            "purpose",
            "purpose_en",
            "purpose_hi",
            "nodal_officer",
            "stage",
            "stage_changed_at",
            "days_in_stage",
            "last_update_at",
            "staleness",
            "next_step",
            "next_step_en",
            "next_step_hi",
            "allowed_stages",
            "signed_on",
            "valid_from",
            "valid_until",
            "changes_since",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class MoUUpdateSerializer(ValidatedModelSerializer):
    """The facts an officer edits directly; the stage and next step change through
    ``move-stage`` and ``note`` only."""

    class Meta:
        model = MoU
        fields = [
            "partner",
            "title_en",
            "title_hi",
            "purpose_en",
            "purpose_hi",
            "nodal_officer",
            "signed_on",
            "valid_from",
            "valid_until",
        ]
        # The model's own constraints (with their messages) run in full_clean.
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["partner"].queryset = Partner.objects.for_user(request.user)
        return fields


class MoUCreateSerializer(MoUUpdateSerializer):
    """A new MoU at an open stage, with the note that opens its timeline (English required,
    Hindi optional)."""

    note_en = model_field(
        MoUStageChange,
        "note_en",
        max_length=5000,
        write_only=True,
        help_text=_("How the MoU came about; the first entry of its timeline."),
    )
    note_hi = model_field(
        MoUStageChange, "note_hi", max_length=5000, write_only=True, required=False, default=""
    )

    class Meta(MoUUpdateSerializer.Meta):
        fields = [*MoUUpdateSerializer.Meta.fields, "stage", "note_en", "note_hi"]


class NoteSerializer(StrictSerializer):
    """News without a change of stage: the note (English required, Hindi optional) and the
    next step, which becomes the MoU's, each in English and in Hindi."""

    note_en = model_field(MoUStageChange, "note_en", max_length=5000, help_text=_("What happened."))
    note_hi = model_field(MoUStageChange, "note_hi", max_length=5000, required=False, default="")
    next_step_en = model_field(MoUStageChange, "next_step_en", required=False, default="")
    next_step_hi = model_field(MoUStageChange, "next_step_hi", required=False, default="")


class MoveStageSerializer(NoteSerializer):
    """A move along the stage table, with the same note and next step as a note."""

    to_stage = serializers.ChoiceField(choices=Stage.choices)
    reason = model_field(
        MoUStageChange,
        "reason",
        max_length=2000,
        required=False,
        default="",
        help_text=_("Required when the MoU is dropped or terminated."),
    )


class DeliverableSerializer(ValidatedModelSerializer):
    achieved = serializers.IntegerField(read_only=True)
    percent_achieved = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Deliverable
        fields = [
            "id",
            "mou",
            "kind",
            "description",
            "district",
            "target",
            "due_on",
            "is_money",
            "achieved",
            "percent_achieved",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["is_money", "created_at", "updated_at"]
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and "mou" in fields:
            fields["mou"].queryset = MoU.objects.for_user(request.user, "change")
        return fields


class ProgressEntrySerializer(ModelSerializer):
    """A progress entry. A correction names the entry it ``corrects`` and its ``reason``; an
    entry a correction supersedes names it in ``corrected_by`` and no longer counts."""

    corrected_by = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = ProgressEntry
        fields = [
            "id",
            "deliverable",
            "on",
            "value",
            "note",
            "recorded_by",
            "created_at",
            "corrects",
            "reason",
            "corrected_by",
        ]


class ProgressEntryCreateSerializer(StrictSerializer):
    deliverable = ObjectIdField(help_text=_("A deliverable of an MoU (404 otherwise)."))
    on = model_field(ProgressEntry, "on")
    value = model_field(ProgressEntry, "value")
    note = model_field(ProgressEntry, "note", required=False, default="")


class ProgressCorrectionSerializer(StrictSerializer):
    value = model_field(ProgressEntry, "value", help_text=_("The corrected value."))
    note = model_field(ProgressEntry, "note", required=False, default="")
    reason = model_field(
        ProgressEntry,
        "reason",
        max_length=2000,
        required=False,
        default="",
        help_text=_("Why the recorded value was wrong (required)."),
    )


class MoUDocumentSerializer(ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = MoUDocument
        fields = [
            "id",
            "mou",
            "kind",
            "title",
            "size",
            "uploaded_by",
            "created_at",
            "download_url",
        ]

    def get_download_url(self, document) -> str:
        path = reverse("v1:moudocument-download", args=[document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class MoUDocumentUploadSerializer(StrictSerializer):
    mou = ObjectIdField(help_text=_("An MoU you may change (404 otherwise)."))
    kind = serializers.ChoiceField(choices=MoUDocument.Kind.choices)
    title = model_field(MoUDocument, "title")
    file = serializers.FileField(help_text=_("The PDF document."))
