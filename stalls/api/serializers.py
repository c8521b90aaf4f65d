from decimal import Decimal

from rest_framework import serializers

from events.models import Space
from odop_portal.api.serializers import StrictSerializer
from stalls.models import Allocation, Allotment, DailySale, Nomination, Stall


class StallSerializer(serializers.ModelSerializer):
    class Meta:
        model = Stall
        fields = ["id", "fair", "space", "number", "size", "zone", "position"]


class StallCreateSerializer(StrictSerializer):
    space = serializers.PrimaryKeyRelatedField(queryset=Space.objects.all())
    numbers = serializers.ListField(
        child=serializers.CharField(max_length=20), min_length=1, max_length=2000
    )
    size = serializers.CharField(max_length=40, required=False, default="")
    zone = serializers.CharField(max_length=60, required=False, default="")


class AllotmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Allotment
        fields = ["id", "space", "district", "units", "area"]


class AllotmentSetSerializer(StrictSerializer):
    space = serializers.PrimaryKeyRelatedField(queryset=Space.objects.all())
    district = serializers.IntegerField()
    units = serializers.IntegerField(min_value=0, required=False, default=0)
    area = serializers.DecimalField(
        max_digits=9, decimal_places=2, min_value=Decimal(0), required=False, default=0
    )


class NominationSerializer(serializers.ModelSerializer):
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
    space = serializers.PrimaryKeyRelatedField(queryset=Space.objects.all())
    exhibitor = serializers.IntegerField(help_text="An exhibitor of your district (404 otherwise).")
    area_requested = serializers.DecimalField(
        max_digits=9, decimal_places=2, min_value=Decimal("0.01"), required=False, allow_null=True
    )
    override_reason = serializers.CharField(max_length=2000, required=False, default="")


class ReasonSerializer(StrictSerializer):
    reason = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class AllocationSerializer(serializers.ModelSerializer):
    stall_number = serializers.CharField(source="stall.number", read_only=True, default=None)

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
    nomination = serializers.PrimaryKeyRelatedField(queryset=Nomination.objects.all())
    stall = serializers.PrimaryKeyRelatedField(
        queryset=Stall.objects.all(), required=False, allow_null=True
    )
    area = serializers.DecimalField(
        max_digits=9, decimal_places=2, min_value=Decimal("0.01"), required=False, allow_null=True
    )
    override_reason = serializers.CharField(max_length=2000, required=False, default="")


class MoveSerializer(StrictSerializer):
    stall = serializers.PrimaryKeyRelatedField(queryset=Stall.objects.all())
    reason = serializers.CharField(max_length=2000)


class DailySaleSerializer(serializers.ModelSerializer):
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
    allocation = serializers.IntegerField(
        help_text="An allocated place of your district (404 otherwise)."
    )
    date = serializers.DateField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    enquiries = serializers.IntegerField(min_value=0, required=False, default=0)
    export_leads = serializers.IntegerField(min_value=0, required=False, default=0)
