from django.contrib import admin
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from core.admin import NormalisedSearchMixin, ScopedAdminMixin
from districts.models import District, Division, Product


@admin.register(Division)
class DivisionAdmin(NormalisedSearchMixin, admin.ModelAdmin):
    list_display = ["name_en", "name_hi", "district_count"]
    search_fields = ["name_en", "name_hi"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(district_count=Count("districts"))

    @admin.display(description=_("districts"), ordering="district_count")
    def district_count(self, obj):
        return obj.district_count


class ProductInline(admin.TabularInline):
    model = Product
    fields = ["name_en", "name_hi", "is_original"]
    extra = 0


@admin.register(District)
class DistrictAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name_en", "name_hi", "division", "lgd_code", "products_en", "products_hi"]
    list_filter = ["division"]
    list_select_related = ["division"]
    search_fields = ["name_en", "name_hi", "lgd_code", "products__name_en", "products__name_hi"]
    fields = [
        "division",
        ("name_en", "name_hi"),
        "lgd_code",
        ("hq_town_en", "hq_town_hi"),
        ("latitude", "longitude"),
    ]
    inlines = [ProductInline]
    list_per_page = 100

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "products", queryset=Product.objects.order_by("-is_original", "name_en", "pk")
                )
            )
        )

    @admin.display(description=_("ODOP products (English)"))
    def products_en(self, obj):
        return "; ".join(product.name_en for product in obj.products.all())

    @admin.display(description=_("ODOP products (Hindi)"))
    def products_hi(self, obj):
        return "; ".join(product.name_hi for product in obj.products.all())


@admin.register(Product)
class ProductAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name_en", "name_hi", "district", "division", "is_original"]
    list_filter = [("district__division", admin.RelatedOnlyFieldListFilter), "is_original"]
    list_select_related = ["district__division"]
    search_fields = ["name_en", "name_hi", "district__name_en", "district__name_hi"]
    autocomplete_fields = ["district"]
    list_per_page = 100

    @admin.display(description=_("division"), ordering="district__division__name_en")
    def division(self, obj):
        return obj.district.division
