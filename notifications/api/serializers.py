from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.serializers import ModelSerializer
from notifications.models import Notice


class NoticeSerializer(ModelSerializer):
    text = serializers.CharField(read_only=True)
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notice
        fields = ["id", "code", "text", "params", "link", "is_read", "read_at", "created_at"]
        read_only_fields = fields


class ReadAllSerializer(serializers.Serializer):
    changed = serializers.IntegerField(help_text=_("How many notices were unread."))
