from rest_framework import serializers

from core.api.serializers import (
    BilingualNameField,
    StrictSerializer,
    ValidatedModelSerializer,
)
from events.models import Activity, Fair, Recipient, Space


class FairSerializer(ValidatedModelSerializer):
    name = BilingualNameField()
    venue = serializers.CharField(read_only=True)
    objectives = serializers.CharField(read_only=True)

    class Meta:
        model = Fair
        fields = [
            "id",
            "name",
            "name_en",
            "name_hi",
            "kind",
            "venue",
            "venue_en",
            "venue_hi",
            "city",
            "location",
            "start_date",
            "end_date",
            "organiser",
            "nodal_officer",
            "objectives",
            "objectives_en",
            "objectives_hi",
            "status",
        ]
        read_only_fields = ["status"]


class FairStatusSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=Fair.Status.choices)


class SpaceSerializer(ValidatedModelSerializer):
    name = BilingualNameField()

    class Meta:
        model = Space
        fields = [
            "id",
            "fair",
            "name",
            "name_en",
            "name_hi",
            "measure",
            "is_odop",
            "capacity_units",
            "capacity_area",
            "charge",
            "charge_gst_percent",
            "allocation_method",
            "retention_editions",
            "rotation_editions",
            "coverage_first",
            "stall_count",
            "allotted_units",
            "allotted_area",
            "allocated_units",
            "allocated_area",
        ]
        read_only_fields = [
            "allocation_method",
            "retention_editions",
            "rotation_editions",
            "coverage_first",
            "stall_count",
            "allotted_units",
            "allotted_area",
            "allocated_units",
            "allocated_area",
        ]


class ActivitySerializer(ValidatedModelSerializer):
    title = serializers.CharField(read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "fair",
            "kind",
            "title",
            "title_en",
            "title_hi",
            "date",
            "start_time",
            "end_time",
            "place",
            "responsible_officer",
            "is_ready",
        ]


class RecipientSerializer(ValidatedModelSerializer):
    class Meta:
        model = Recipient
        fields = ["id", "activity", "exhibitor", "name", "district", "given"]
