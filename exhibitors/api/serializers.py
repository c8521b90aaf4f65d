from rest_framework import serializers

from exhibitors.models import Exhibitor
from exhibitors.validators import clean_gstin, clean_mobile, clean_udyam
from odop_portal.api.serializers import StrictModelSerializer


class ExhibitorSerializer(StrictModelSerializer):
    """District staff's exhibitors are always of their district: ``district`` is set by the
    server for them (and refused if sent); officers name it."""

    class Meta:
        model = Exhibitor
        fields = [
            "id",
            "kind",
            "name",
            "district",
            "product",
            "contact_person",
            "mobile",
            "email",
            "udyam_number",
            "gstin",
            "created_at",
        ]
        read_only_fields = ["created_at"]
        extra_kwargs = {
            "mobile": {"validators": []},
            "udyam_number": {"validators": []},
            "gstin": {"validators": []},
        }

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and getattr(request.user, "is_district_staff", False):
            fields["district"].read_only = True
        return fields

    def validate_mobile(self, value):
        return self._django(clean_mobile, value)

    def validate_udyam_number(self, value):
        return self._django(clean_udyam, value) if value else None

    def validate_gstin(self, value):
        return self._django(clean_gstin, value) if value else None

    @staticmethod
    def _django(check, value):
        from django.core.exceptions import ValidationError

        try:
            return check(value)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from None
