from core.api.serializers import BilingualNameField, ModelSerializer
from districts.models import District, Division, Product


class DivisionSerializer(ModelSerializer):
    name = BilingualNameField()

    class Meta:
        model = Division
        fields = ["id", "name", "name_en", "name_hi"]


class ProductSerializer(ModelSerializer):
    name = BilingualNameField()

    class Meta:
        model = Product
        fields = ["id", "district", "name", "name_en", "name_hi", "is_original"]


class DistrictSerializer(ModelSerializer):
    name = BilingualNameField()
    products = ProductSerializer(many=True, read_only=True)

    class Meta:
        model = District
        fields = [
            "id",
            "name",
            "name_en",
            "name_hi",
            "division",
            "lgd_code",
            "hq_town_en",
            "hq_town_hi",
            "latitude",
            "longitude",
            "products",
        ]
