from core.api.serializers import StrictModelSerializer
from exhibitors.models import Exhibitor


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
        # A duplicate is refused by exhibitor_create as 409 naming the exhibitor, not as a
        # unique-field 400: the identifiers keep the model's own checks only.
        extra_kwargs = {
            name: {"validators": Exhibitor._meta.get_field(name).validators}
            for name in ("mobile", "udyam_number", "gstin")
        }

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and getattr(request.user, "is_district_staff", False):
            fields["district"].read_only = True
        return fields
