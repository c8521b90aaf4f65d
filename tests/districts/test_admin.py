"""The admin for cell officers: 75 districts and 18 divisions with products in both languages."""

from django.urls import reverse

from districts.models import District, Product
from tests.queries import assert_constant_queries, assert_num_queries


def test_the_district_changelist_lists_75_districts_with_products_in_both_languages(personas):
    client = personas["cell_officer"]
    response = client.get(reverse("admin:districts_district_changelist"))
    assert response.context["cl"].result_count == 75
    page = response.content.decode()
    assert "Lucknow" in page and "लखनऊ" in page
    assert "Chikankari" in page or "chikan" in page.lower()
    assert "चिकनकारी" in page


def test_the_division_changelist_lists_18_divisions(personas):
    response = personas["cell_officer"].get(reverse("admin:districts_division_changelist"))
    assert response.context["cl"].result_count == 18


def test_the_district_changelist_filters_by_division(personas, lucknow):
    response = personas["cell_officer"].get(
        reverse("admin:districts_district_changelist"), {"division__id__exact": lucknow.division_id}
    )
    names = [d.name_en for d in response.context["cl"].result_list]
    assert "Lucknow" in names and len(names) < 75


def test_the_product_changelist_filters_by_division_and_searches_hindi(personas, lucknow):
    client = personas["cell_officer"]
    response = client.get(
        reverse("admin:districts_product_changelist"),
        {"district__division__id__exact": lucknow.division_id},
    )
    assert {p.district.division_id for p in response.context["cl"].result_list} == {
        lucknow.division_id
    }
    response = client.get(reverse("admin:districts_product_changelist"), {"q": "चिकनकारी"})
    assert [p.district.name_en for p in response.context["cl"].result_list] == ["Lucknow"]


def test_an_officer_corrects_a_hindi_product_name(personas, lucknow):
    product = lucknow.products.get(is_original=True)
    response = personas["cell_officer"].post(
        reverse("admin:districts_product_change", args=[product.pk]),
        {
            "district": lucknow.pk,
            "name_en": product.name_en,
            "name_hi": "चिकनकारी",
            "is_original": "on",
        },
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.name_hi == "चिकनकारी"


def test_a_ten_thousand_character_name_is_refused_at_the_field(personas, lucknow):
    response = personas["cell_officer"].post(
        reverse("admin:districts_product_add"),
        {"district": lucknow.pk, "name_en": "x" * 10_000, "name_hi": "क"},
    )
    assert response.status_code == 200
    assert "name_en" in response.context["adminform"].form.errors
    assert not Product.objects.filter(name_en__startswith="xxx").exists()


def test_the_changelists_run_a_constant_number_of_queries(personas):
    client = personas["cell_officer"]
    made = iter(range(1000))

    def grow():
        district = District.objects.get(name_en="Agra")
        Product.objects.bulk_create(
            Product(district=district, name_en=f"Extra {n}", name_hi=f"अ {n}")
            for n in (next(made) for _ in range(20))
        )

    for name in ("districts_district", "districts_product", "districts_division"):
        url = reverse(f"admin:{name}_changelist")
        assert_constant_queries(lambda url=url: client.get(url), grow)
    client.get(reverse("admin:districts_district_changelist"))
    # user (session from the cache), permissions, division filter choices,
    # filtered count, total count, districts with division, their products
    with assert_num_queries(7):
        client.get(reverse("admin:districts_district_changelist"))
