"""The claims API's shapes: a claim with its lines and checks, its steps, the sanctions.

The account number never leaves the server whole: every answer carries it masked.
"""

from rest_framework import serializers

from claims.models import Budget, Claim, ClaimEvent, Sanction, SanctionOrder, SchemeRule
from claims.services import claim_checks, claim_lines
from core.api.serializers import (
    ModelSerializer,
    StrictModelSerializer,
    StrictSerializer,
    model_field,
)

BIGINT = 2**63 - 1


class SchemeRuleSerializer(ModelSerializer):
    class Meta:
        model = SchemeRule
        fields = [
            "id",
            "location",
            "effective_from",
            "order_reference",
            "stall_share_percent",
            "stall_cap",
            "freight_share_percent",
            "freight_cap",
            "fare_share_percent",
            "fare_cap",
            "min_age",
            "gap_years",
            "requires_registration",
            "requires_sales",
            "requires_attendance",
            "needs_stall_receipt",
            "needs_freight_invoice",
            "needs_fare_ticket",
            "needs_bank_proof",
        ]


class LineSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    paid = serializers.DecimalField(max_digits=12, decimal_places=2)
    admissible = serializers.DecimalField(max_digits=12, decimal_places=2)
    rule = serializers.CharField()


class CheckSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    ok = serializers.BooleanField()
    finding = serializers.CharField()


class ClaimSerializer(ModelSerializer):
    number = serializers.CharField(read_only=True)
    account_number = serializers.CharField(source="account_masked", read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "number",
            "status",
            "allocation",
            "fair",
            "exhibitor",
            "district",
            "rule",
            "applicant_name",
            "applicant_birth_date",
            "dic_registration",
            "no_other_benefit",
            "stall_charge_paid",
            "freight_paid",
            "fare_paid",
            "travel_mode",
            "account_holder",
            "ifsc",
            "account_number",
            "stall_admissible",
            "freight_admissible",
            "fare_admissible",
            "stall_verified",
            "freight_verified",
            "fare_verified",
            "correction_reason",
            "amount",
            "sanction",
            "payment_reference",
            "paid_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ClaimDetailSerializer(ClaimSerializer):
    """One claim with the computation line by line and the eligibility rule by rule."""

    lines = serializers.SerializerMethodField()
    checks = serializers.SerializerMethodField()

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "lines", "checks"]
        read_only_fields = fields

    def get_lines(self, claim) -> list[dict]:
        return LineSerializer(claim_lines(claim), many=True).data

    def get_checks(self, claim) -> list[dict]:
        return CheckSerializer(claim_checks(claim), many=True).data


class ClaimInputSerializer(StrictModelSerializer):
    """What the district types; the fair, district, exhibitor, rule and amounts admitted the
    portal sets from the place."""

    class Meta:
        model = Claim
        fields = [
            "allocation",
            "applicant_name",
            "applicant_birth_date",
            "dic_registration",
            "no_other_benefit",
            "stall_charge_paid",
            "freight_paid",
            "fare_paid",
            "travel_mode",
            "account_holder",
            "ifsc",
            "account_number",
        ]
        # One live claim per exhibitor and fair is checked by claim_create, at the place.
        validators = []


class ClaimUpdateSerializer(ClaimInputSerializer):
    class Meta(ClaimInputSerializer.Meta):
        fields = [f for f in ClaimInputSerializer.Meta.fields if f != "allocation"]


class ClaimEventSerializer(ModelSerializer):
    class Meta:
        model = ClaimEvent
        fields = ["id", "step", "from_status", "to_status", "reason", "by", "at"]


class ClaimNoteSerializer(StrictSerializer):
    note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class ClaimReasonSerializer(StrictSerializer):
    reason = serializers.CharField(max_length=2000)


class VerifySerializer(StrictSerializer):
    stall = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, min_value=0)
    freight = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, min_value=0)
    fare = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, min_value=0)
    reason = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class PaySerializer(StrictSerializer):
    reference = serializers.CharField(max_length=60)
    paid_on = serializers.DateField()


class SanctionInputSerializer(StrictSerializer):
    fair = serializers.IntegerField(min_value=1, max_value=BIGINT)
    claims = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=BIGINT), min_length=1, max_length=500
    )
    number = model_field(Sanction, "number")
    sanctioned_on = serializers.DateField()


class SanctionOrderSerializer(ModelSerializer):
    class Meta:
        model = SanctionOrder
        fields = ["id", "language", "status", "pages", "error", "finished_at"]


class SanctionSerializer(ModelSerializer):
    orders = SanctionOrderSerializer(many=True, read_only=True)

    class Meta:
        model = Sanction
        fields = [
            "id",
            "number",
            "sanctioned_on",
            "budget",
            "fair",
            "total",
            "claim_count",
            "sanctioned_by",
            "created_at",
            "orders",
        ]


class BudgetSerializer(ModelSerializer):
    class Meta:
        model = Budget
        fields = ["id", "financial_year", "allocation", "order_reference"]
