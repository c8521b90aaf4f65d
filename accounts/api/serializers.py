from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.serializers import StrictCharField, StrictSerializer


class TokenRequestSerializer(StrictSerializer):
    username = StrictCharField(max_length=150)
    password = StrictCharField(max_length=128, style={"input_type": "password"})
    name = StrictCharField(
        max_length=100, required=False, allow_blank=True, help_text=_("What the token is for.")
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Shown once: keep it safe."))
    expires_at = serializers.DateTimeField()


class UserSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField(source="get_full_name")
    role = serializers.CharField()
    district = serializers.IntegerField(source="district_id", allow_null=True)
