from rest_framework import serializers

from core.api.serializers import (
    ModelSerializer,
    ObjectIdField,
    ScopedRelatedField,
    StrictSerializer,
    model_field,
)
from events.models import MAX_RETENTION_EDITIONS, Space
from stalls.models import (
    Allocation,
    AllocationRuleChange,
    Allotment,
    AllotmentRequest,
    DailySale,
    Draw,
    DrawEntrant,
    Nomination,
    Offer,
    Override,
    Stall,
)

# Bounds, lengths and text rules come from the model fields (model_field): the API refuses
# exactly what the admin, the pages and the spreadsheets refuse.


class StallSerializer(ModelSerializer):
    class Meta:
        model = Stall
        fields = ["id", "fair", "space", "number", "size", "zone", "position"]


class StallCreateSerializer(StrictSerializer):
    space = ScopedRelatedField(queryset=Space.objects.all())
    numbers = serializers.ListField(
        child=model_field(Stall, "number"), min_length=1, max_length=2000
    )
    size = model_field(Stall, "size", required=False, default="")
    zone = model_field(Stall, "zone", required=False, default="")


class AllotmentSerializer(ModelSerializer):
    class Meta:
        model = Allotment
        fields = ["id", "space", "district", "units", "area"]


class AllotmentSetSerializer(StrictSerializer):
    space = ScopedRelatedField(queryset=Space.objects.all())
    district = ObjectIdField()
    units = model_field(Allotment, "units", required=False, default=0)
    area = model_field(Allotment, "area", required=False, default=0)


class AllotmentRequestSerializer(ModelSerializer):
    class Meta:
        model = AllotmentRequest
        fields = [
            "id",
            "space",
            "district",
            "units",
            "area",
            "reason",
            "status",
            "requested_by",
            "decided_by",
            "decision_reason",
            "created_at",
            "updated_at",
        ]


class AllotmentRequestSubmitSerializer(StrictSerializer):
    space = ScopedRelatedField(queryset=Space.objects.all())
    units = model_field(AllotmentRequest, "units", required=False, default=0)
    area = model_field(AllotmentRequest, "area", required=False, default=0)
    reason = model_field(AllotmentRequest, "reason")


class DecisionReasonSerializer(StrictSerializer):
    reason = model_field(AllotmentRequest, "decision_reason", required=True, allow_blank=False)


class NominationSerializer(ModelSerializer):
    waiting_position = serializers.IntegerField(read_only=True, allow_null=True, default=None)

    class Meta:
        model = Nomination
        fields = [
            "id",
            "fair",
            "space",
            "exhibitor",
            "district",
            "area_requested",
            "status",
            "waitlisted_at",
            "waiting_position",
            "decision_reason",
            "nominated_by",
            "created_at",
        ]


class NominateSerializer(StrictSerializer):
    space = ScopedRelatedField(queryset=Space.objects.all())
    exhibitor = ObjectIdField(help_text="An exhibitor of your district (404 otherwise).")
    area_requested = model_field(Nomination, "area_requested", required=False, allow_null=True)
    override_reason = model_field(Override, "reason", required=False, default="")


class ReasonSerializer(StrictSerializer):
    reason = model_field(Allocation, "cancelled_reason", required=False, default="")


class AllocationSerializer(ModelSerializer):
    stall_number = serializers.CharField(
        source="stall.number", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Allocation
        fields = [
            "id",
            "nomination",
            "fair",
            "space",
            "district",
            "stall",
            "stall_number",
            "area",
            "status",
            "allocated_by",
            "cancelled_reason",
            "created_at",
        ]


class AllocateSerializer(StrictSerializer):
    nomination = ScopedRelatedField(queryset=Nomination.objects.all(), action="change")
    stall = ScopedRelatedField(queryset=Stall.objects.all(), required=False, allow_null=True)
    area = model_field(Allocation, "area", required=False, allow_null=True)
    override_reason = model_field(Override, "reason", required=False, default="")


class MoveSerializer(StrictSerializer):
    stall = ScopedRelatedField(queryset=Stall.objects.all())
    reason = model_field(Override, "reason")


class DailySaleSerializer(ModelSerializer):
    class Meta:
        model = DailySale
        fields = [
            "id",
            "allocation",
            "fair",
            "district",
            "date",
            "amount",
            "enquiries",
            "export_leads",
            "entered_by",
        ]


class DailySaleRecordSerializer(StrictSerializer):
    allocation = ObjectIdField(help_text="An allocated place of your district (404 otherwise).")
    date = model_field(DailySale, "date")
    amount = model_field(DailySale, "amount")
    enquiries = model_field(DailySale, "enquiries", required=False, default=0)
    export_leads = model_field(DailySale, "export_leads", required=False, default=0)


class CoverageSerializer(serializers.Serializer):
    districts_covered = serializers.SerializerMethodField()
    districts_missing = serializers.SerializerMethodField()
    products_covered = serializers.SerializerMethodField()
    products_missing = serializers.SerializerMethodField()

    def get_districts_covered(self, coverage) -> list[int]:
        return [d.pk for d in coverage.districts_covered]

    def get_districts_missing(self, coverage) -> list[int]:
        return [d.pk for d in coverage.districts_missing]

    def get_products_covered(self, coverage) -> list[int]:
        return [p.pk for p in coverage.products_covered]

    def get_products_missing(self, coverage) -> list[int]:
        return [p.pk for p in coverage.products_missing]


class DrawEntrantSerializer(ModelSerializer):
    number = serializers.IntegerField(source="nomination_id", read_only=True)
    exhibitor = serializers.CharField(source="nomination.exhibitor.name", read_only=True)
    district = serializers.IntegerField(source="nomination.district_id", read_only=True)

    class Meta:
        model = DrawEntrant
        fields = [
            "number",
            "exhibitor",
            "district",
            "retained",
            "deferred",
            "yields",
            "categories",
            "product",
            "ticket",
            "position",
        ]


class DrawSerializer(ModelSerializer):
    """A draw as its public page shows it (no mobile numbers)."""

    entrants = DrawEntrantSerializer(many=True, read_only=True)
    public_page = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Draw
        fields = [
            "id",
            "space",
            "method",
            "retention_editions",
            "rotation_editions",
            "shares",
            "places",
            "coverage_first",
            "represented",
            "commitment",
            "published_at",
            "seed",
            "drawn_at",
            "public_page",
            "entrants",
        ]


class DrawPublishSerializer(StrictSerializer):
    space = ScopedRelatedField(queryset=Space.objects.all())
    commitment = serializers.CharField(max_length=200, allow_blank=True)


class DrawSeedSerializer(StrictSerializer):
    seed = serializers.CharField(max_length=200, allow_blank=True)


class AllocationRuleChangeSerializer(ModelSerializer):
    class Meta:
        model = AllocationRuleChange
        fields = [
            "id",
            "space",
            "method_before",
            "method_after",
            "retention_before",
            "retention_after",
            "rotation_before",
            "rotation_after",
            "after_start",
            "reason",
            "made_by",
            "made_at",
        ]


class AllocationRuleSetSerializer(StrictSerializer):
    space = ScopedRelatedField(queryset=Space.objects.all())
    allocation_method = serializers.ChoiceField(choices=Space.Method.choices)
    retention_editions = serializers.IntegerField(
        min_value=1, max_value=MAX_RETENTION_EDITIONS, required=False, default=1
    )
    rotation_editions = serializers.IntegerField(
        min_value=0, max_value=MAX_RETENTION_EDITIONS, required=False, default=0
    )
    coverage_first = serializers.BooleanField(required=False)
    reserved_shares = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=100),
        required=False,
        help_text="Category → percent of the places, for a stall space drawn by lots.",
    )
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class OfferSerializer(ModelSerializer):
    class Meta:
        model = Offer
        fields = [
            "id",
            "nomination",
            "space",
            "offered_at",
            "expires_at",
            "status",
            "answered_at",
            "answered_by",
            "reason",
        ]


class OfferDeclineSerializer(StrictSerializer):
    reason = model_field(Offer, "reason", required=False, default="")
