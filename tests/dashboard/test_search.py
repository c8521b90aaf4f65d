"""The header's search box: every kind of record, in both scripts, through each one's scope."""

import pytest
from django.urls import reverse

from tests import factories
from tests.queries import assert_constant_queries, assert_num_queries

pytestmark = pytest.mark.django_db


def _search(client, q):
    response = client.get(reverse("dashboard:search"), {"q": q})
    assert response.status_code == 200
    return {group.key: group.rows for group in response.context["results"].groups}


@pytest.fixture
def artisan(lucknow):
    return factories.exhibitor(district=lucknow, mobile="9415012345", name="Rahul Chikan Works")


def test_district_staff_find_their_own_exhibitors_only(personas, artisan):
    assert _search(personas["lucknow_staff"], "Chikan Works")["exhibitors"] == [artisan]
    assert _search(personas["varanasi_staff"], "Chikan Works")["exhibitors"] == []
    assert _search(personas["lucknow_staff"], "+91 94150 12345")["exhibitors"] == [artisan]


def test_fairs_are_found_by_their_hindi_or_english_name(personas):
    fair = factories.fair()
    for query in ("सूरजकुंड", "surajkund", "Faridabad"):
        assert _search(personas["varanasi_staff"], query)["fairs"] == [fair], query


def test_districts_are_found_by_name_in_both_scripts_and_by_their_odop_product(personas, lucknow):
    product = lucknow.products.first()
    for query in ("लखनऊ", "LUCKNOW", product.name_en[:6]):
        found = _search(personas["principal_secretary"], query)["districts"]
        assert lucknow.pk in [d.pk for d in found], query
    assert [d.pk for d in _search(personas["varanasi_staff"], "Lucknow")["districts"]] == []


def test_mous_and_meetings_are_for_the_statewide_roles(personas, mou, meeting):
    for persona in ("cell_officer", "principal_secretary"):
        found = _search(personas[persona], mou.partner.name_en[:5])
        assert found["mous"] == [mou]
        assert _search(personas[persona], meeting.title_en[:8])["meetings"] == [meeting]
    staff = _search(personas["lucknow_staff"], mou.partner.name_en[:5])
    assert staff["mous"] == [] and staff["meetings"] == []


def test_an_empty_or_overlong_query_finds_nothing_and_breaks_nothing(personas, artisan):
    client = personas["cell_officer"]
    assert client.get(reverse("dashboard:search")).context["results"].groups == []
    long = client.get(reverse("dashboard:search"), {"q": "x" * 5000})
    assert long.status_code == 200 and len(long.context["results"].query.text) == 100


def test_the_page_says_how_many_and_links_each_record_in_hindi(personas, artisan):
    text = (
        personas["lucknow_staff"]
        .get(reverse("dashboard:search"), {"q": "Chikan"}, HTTP_ACCEPT_LANGUAGE="hi")
        .content.decode()
    )
    assert reverse("exhibitors:detail", args=[artisan.pk]) in text
    assert "results for" not in text and "result for" not in text


def test_every_page_has_the_search_box(personas):
    text = personas["lucknow_staff"].get(reverse("dashboard:home")).content.decode()
    assert 'role="search"' in text and reverse("dashboard:search") in text


def test_the_search_runs_one_query_per_kind_of_record(personas, lucknow, mou, meeting):
    client = personas["cell_officer"]
    made = iter(range(1000))

    def grow():
        for _ in range(15):
            n = next(made)
            factories.exhibitor(district=lucknow, mobile=f"94151{n:05d}", name=f"Zari {n}")
            factories.fair(name_en=f"Zari fair {n}")

    client.get(reverse("dashboard:search"), {"q": "zari"})
    # user (session from the cache), permissions, exhibitors, fairs, MoUs, meetings
    with assert_num_queries(6):
        client.get(reverse("dashboard:search"), {"q": "zari"})
    assert_constant_queries(lambda: client.get(reverse("dashboard:search"), {"q": "zari"}), grow)
