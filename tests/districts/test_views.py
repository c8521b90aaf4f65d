"""District pages: scoped to the user, filterable, a constant number of queries."""

from django.urls import reverse

from districts.models import District, Product
from tests.queries import assert_constant_queries, assert_num_queries


def test_statewide_roles_list_all_75_districts(personas):
    for persona in ("cell_officer", "principal_secretary"):
        response = personas[persona].get(reverse("districts:list"))
        assert len(response.context["districts"]) == 75


def test_district_staff_list_only_their_own_district(personas, lucknow):
    response = personas["lucknow_staff"].get(reverse("districts:list"))
    assert list(response.context["districts"]) == [lucknow]


def test_the_list_filters_by_division(personas, lucknow):
    response = personas["principal_secretary"].get(
        reverse("districts:list"), {"division": lucknow.division_id}
    )
    districts = response.context["districts"]
    assert lucknow in districts
    assert {d.division_id for d in districts} == {lucknow.division_id}


def test_the_list_searches_english_and_hindi_names_and_products(personas):
    client = personas["principal_secretary"]
    assert [d.name_en for d in client.get("/districts/?q=लखनऊ").context["districts"]] == ["Lucknow"]
    found = client.get("/districts/?q=chikan").context["districts"]
    assert [d.name_en for d in found] == ["Lucknow"]


def test_an_unknown_division_shows_the_unfiltered_list_with_a_message(personas):
    response = personas["principal_secretary"].get("/districts/?division=999999")
    assert response.status_code == 200
    assert len(response.context["districts"]) == 75
    assert response.context["filterset"].form.errors["division"]


def test_a_malformed_division_never_breaks_the_page(personas):
    response = personas["lucknow_staff"].get("/districts/?division=abc")
    assert response.status_code == 200
    assert len(response.context["districts"]) == 1


def test_the_detail_page_shows_products_in_the_active_language(personas, lucknow):
    client = personas["lucknow_staff"]
    url = reverse("districts:detail", args=[lucknow.pk])
    product = lucknow.products.get(is_original=True)
    assert product.name_en in client.get(url).content.decode()
    client.cookies["django_language"] = "hi"
    page = client.get(url).content.decode()
    assert product.name_hi in page
    assert "जनपद लखनऊ" in page


def test_another_districts_page_answers_404(personas, varanasi):
    response = personas["lucknow_staff"].get(reverse("districts:detail", args=[varanasi.pk]))
    assert response.status_code == 404


def test_the_principal_secretary_sees_no_edit_control(personas, lucknow):
    page = personas["principal_secretary"].get(reverse("districts:detail", args=[lucknow.pk]))
    assert "/admin/" not in page.content.decode()
    officer_page = personas["cell_officer"].get(reverse("districts:detail", args=[lucknow.pk]))
    assert f"/admin/districts/district/{lucknow.pk}/change/" in officer_page.content.decode()


def _add_products(n=20):
    district = District.objects.get(name_en="Agra")
    Product.objects.bulk_create(
        Product(district=district, name_en=f"Extra {i}", name_hi=f"अतिरिक्त {i}") for i in range(n)
    )


def test_the_list_runs_a_constant_number_of_queries(personas):
    client = personas["principal_secretary"]
    client.get(reverse("districts:list"))
    # user with district (session from the cache), permissions, division choices,
    # districts with division, their products
    with assert_num_queries(5):
        client.get(reverse("districts:list"))
    assert_constant_queries(lambda: client.get(reverse("districts:list")), _add_products)


def test_the_detail_page_runs_a_constant_number_of_queries(personas, lucknow):
    client = personas["cell_officer"]
    url = reverse("districts:detail", args=[lucknow.pk])
    client.get(url)
    # user with district (session from the cache), permissions, district with
    # division, products, last update of exhibitors, nominations and sales (3), nominations
    # and sales per fair (2), district staff (no fair to load: Lucknow has no record here),
    # the district's MDA claims at each step
    with assert_num_queries(11):
        client.get(url)


def test_the_detail_page_shows_the_fair_history_25_at_a_time(personas, lucknow, cell_officer):
    """Ten years hold hundreds of fairs for a district: the newest 25 a page."""
    import datetime
    import random

    from demo.synthetic import places_create
    from tests import factories
    from tests.queries import count_queries

    fairs = [
        factories.fair(
            name_en=f"Haat {n}",
            start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=30 * n),
            end_date=datetime.date(2020, 1, 5) + datetime.timedelta(days=30 * n),
        )
        for n in range(27)
    ]
    exhibitors = [
        factories.exhibitor(district=lucknow, mobile=str(9415000000 + n)) for n in range(3)
    ]
    places_create(
        fairs=fairs,
        exhibitors=exhibitors,
        stalls=1,
        officer=cell_officer,
        rng=random.Random(1),  # noqa: S311
    )
    client = personas["principal_secretary"]
    url = reverse("districts:detail", args=[lucknow.pk])
    first = client.get(url)
    assert [row["fair"] for row in first.context["history"]] == fairs[::-1][:25]
    assert first.context["is_paginated"]
    second = client.get(url, {"page": 2})
    assert [row["fair"] for row in second.context["history"]] == fairs[1::-1]
    assert count_queries(lambda: client.get(url)) == count_queries(
        lambda: client.get(url, {"page": 2})
    )
