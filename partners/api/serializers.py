from core.api.serializers import BilingualNameField, ModelSerializer, ValidatedModelSerializer
from partners.models import ContactPerson, Partner


class ContactPersonSerializer(ValidatedModelSerializer):
    class Meta:
        model = ContactPerson
        fields = ["id", "partner", "name", "designation", "phone", "email", "created_at"]
        read_only_fields = ["created_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and "partner" in fields:
            # Only partners the user may see can be named.
            fields["partner"].queryset = Partner.objects.for_user(request.user)
        return fields


class ContactBriefSerializer(ModelSerializer):
    class Meta:
        model = ContactPerson
        fields = ["id", "name", "designation", "phone", "email"]


class PartnerSerializer(ValidatedModelSerializer):
    name = BilingualNameField()
    contacts = ContactBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Partner
        fields = [
            "id",
            "name",
            "name_en",
            "name_hi",
            "short_name",
            "kind",
            "website",
            "address",
            "contacts",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class PartnerBriefSerializer(ModelSerializer):
    name = BilingualNameField()

    class Meta:
        model = Partner
        fields = ["id", "name", "short_name", "kind"]
