"""District staff register and find their district's exhibitors, without duplicates."""

from django.urls import reverse

from exhibitors.models import Exhibitor
from tests import factories
from tests.queries import assert_constant_queries, assert_num_queries


def _form(product, **overrides):
    return {
        "kind": "artisan",
        "name": "रामेश्वर प्रसाद",
        "product": product.pk,
        "contact_person": "",
        "mobile": "+91 94150 77777",
        "email": "",
        "udyam_number": "",
        "gstin": "",
        **overrides,
    }


def test_district_staff_register_an_exhibitor_of_their_district(personas, lucknow):
    product = lucknow.products.first()
    response = personas["lucknow_staff"].post(reverse("exhibitors:create"), _form(product))
    exhibitor = Exhibitor.objects.get(mobile="9415077777")
    assert response["Location"] == reverse("exhibitors:detail", args=[exhibitor.pk])
    assert exhibitor.district == lucknow and exhibitor.name == "रामेश्वर प्रसाद"
    assert exhibitor.created_by == personas["lucknow_staff"].user


def test_a_posted_district_is_ignored_for_district_staff(personas, lucknow, varanasi):
    product = lucknow.products.first()
    personas["lucknow_staff"].post(
        reverse("exhibitors:create"), _form(product, district=varanasi.pk)
    )
    assert Exhibitor.objects.get(mobile="9415077777").district == lucknow


def test_a_product_of_another_district_is_refused_at_the_field(personas, varanasi):
    response = personas["cell_officer"].post(
        reverse("exhibitors:create"),
        _form(varanasi.products.first(), district=personas["lucknow_staff"].user.district_id),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["product"] == [
        "This product is not one of the exhibitor's district's products."
    ]
    assert not Exhibitor.objects.exists()


def test_another_districts_product_is_not_even_offered_to_district_staff(personas, varanasi):
    response = personas["lucknow_staff"].post(
        reverse("exhibitors:create"), _form(varanasi.products.first())
    )
    assert "product" in response.context["form"].errors
    assert not Exhibitor.objects.exists()


def test_a_nine_digit_mobile_is_refused_in_hindi_at_the_field(personas, lucknow):
    client = personas["lucknow_staff"]
    client.cookies["django_language"] = "hi"
    response = client.post(
        reverse("exhibitors:create"), _form(lucknow.products.first(), mobile="941507777")
    )
    assert response.context["form"].errors["mobile"] == [
        "6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का भारतीय मोबाइल नंबर दर्ज करें।"
    ]


def test_a_wrong_gstin_check_digit_is_refused_at_the_field(personas, lucknow):
    response = personas["lucknow_staff"].post(
        reverse("exhibitors:create"),
        _form(lucknow.products.first(), kind="unit", gstin="09AAACH7409R1ZA"),
    )
    assert "check digit" in response.context["form"].errors["gstin"][0]
    assert not Exhibitor.objects.exists()


def test_a_ten_thousand_character_name_is_refused(personas, lucknow):
    response = personas["lucknow_staff"].post(
        reverse("exhibitors:create"), _form(lucknow.products.first(), name="क" * 10_000)
    )
    assert "name" in response.context["form"].errors


def test_the_same_mobile_finds_the_existing_exhibitor(personas, lucknow_exhibitor):
    response = personas["lucknow_staff"].post(
        reverse("exhibitors:create"),
        _form(lucknow_exhibitor.product, mobile=lucknow_exhibitor.mobile, name="Someone else"),
    )
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert f"{lucknow_exhibitor.name} is already registered" in errors[0]
    assert Exhibitor.objects.count() == 1


def test_the_same_gstin_in_another_district_is_refused_without_naming_it(
    personas, varanasi, lucknow
):
    factories.exhibitor(
        district=varanasi, mobile="9415000009", kind="unit", gstin="09AAACH7409R1ZZ"
    )
    response = personas["lucknow_staff"].post(
        reverse("exhibitors:create"),
        _form(lucknow.products.first(), kind="unit", gstin="09AAACH7409R1ZZ"),
    )
    assert "another district" in response.context["form"].non_field_errors()[0]
    assert Exhibitor.objects.count() == 1


def test_district_staff_list_only_their_exhibitors(personas, lucknow_exhibitor, varanasi_exhibitor):
    response = personas["lucknow_staff"].get(reverse("exhibitors:list"))
    assert list(response.context["exhibitors"]) == [lucknow_exhibitor]
    response = personas["lucknow_staff"].get(reverse("exhibitors:list"), {"q": "0002"})
    assert list(response.context["exhibitors"]) == []


def test_another_districts_exhibitor_cannot_be_edited(personas, varanasi_exhibitor):
    url = reverse("exhibitors:update", args=[varanasi_exhibitor.pk])
    response = personas["lucknow_staff"].post(url, _form(varanasi_exhibitor.product))
    assert response.status_code == 404
    varanasi_exhibitor.refresh_from_db()
    assert varanasi_exhibitor.name != "रामेश्वर प्रसाद"


def test_the_list_runs_a_constant_number_of_queries(personas, lucknow):
    client = personas["lucknow_staff"]
    made = iter(range(1000))

    def grow():
        for _ in range(49):
            factories.exhibitor(district=lucknow, mobile=f"94151{next(made):05d}")

    factories.exhibitor(district=lucknow, mobile="9415099999")
    url = reverse("exhibitors:list")
    client.get(url)
    # session, user with district, user permissions, group permissions, count, exhibitors
    # with district and product
    with assert_num_queries(4):
        client.get(url)
    assert_constant_queries(lambda: client.get(url), grow)
