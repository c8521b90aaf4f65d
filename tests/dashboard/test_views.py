"""The dashboard: the Principal Secretary's (and officers') view of the whole programme, and
district staff's view of their own district."""

import re

from django.urls import reverse

from reviews.selectors import fair_progress_list
from stalls.selectors import sales_totals
from tests import factories
from tests.queries import assert_constant_queries, assert_num_queries


def test_the_dashboard_shows_fair_progress_from_the_report_selector(personas, allocation):
    response = personas["principal_secretary"].get(reverse("dashboard:home"))
    rows = {row.fair.pk: row for row in response.context["current"]}
    report = fair_progress_list(user=personas["principal_secretary"].user, fairs=[allocation.fair])[
        0
    ]
    row = rows[allocation.fair_id]
    assert (
        (row.allocated_units, row.capacity_units, row.coverage.district_count)
        == (
            report.allocated_units,
            report.capacity_units,
            report.coverage.district_count,
        )
        == (1, 3, 1)
    )
    page = response.content.decode()
    assert "1 of 3 stalls" in page and "1 / 75" in page


def test_every_number_links_to_the_records_behind_it(personas, allocation):
    page = personas["principal_secretary"].get(reverse("dashboard:home")).content.decode()
    fair_url = reverse("events:fair_detail", args=[allocation.fair_id])
    assert f'href="{fair_url}#coverage-heading"' in page
    assert reverse("events:board", args=[allocation.fair_id]) in page
    assert reverse("mous:list") in page


def test_the_map_draws_all_75_districts_with_names_links_and_a_table(personas, allocation, lucknow):
    response = personas["principal_secretary"].get(reverse("dashboard:home"))
    page = response.content.decode()
    assert len(response.context["map"]) == 75
    assert page.count('class="map-district') == 75
    assert page.count("<use href=") == 75
    lucknow_link = reverse("districts:detail", args=[lucknow.pk])
    assert re.search(
        rf'<a href="{lucknow_link}" class="map-district level-1"[^>]*aria-label="Lucknow: 1 place"',
        page,
    )
    assert "DataMeet community" in page  # the attribution under the map
    assert "The same as a table" in page


def test_sales_of_past_fairs_come_from_the_sales_selector(personas, allocation, cell_officer):
    from decimal import Decimal

    from events.models import Fair
    from stalls.models import DailySale

    Fair.objects.filter(pk=allocation.fair_id).update(status=Fair.Status.CONCLUDED)
    DailySale.objects.create(
        allocation=allocation,
        district=allocation.district,
        product_id=allocation.product_id,
        fair=allocation.fair,
        date=allocation.fair.start_date,
        amount=Decimal(123456),
        entered_by=cell_officer,
    )
    response = personas["principal_secretary"].get(reverse("dashboard:home"))
    totals = sales_totals(user=personas["principal_secretary"].user, fair_ids=[allocation.fair_id])
    assert response.context["sales"].amount == totals.amount == Decimal(123456)
    assert "₹1,23,456" in response.content.decode()


def test_unknown_filters_show_the_unfiltered_view(personas, allocation):
    client = personas["principal_secretary"]
    full = client.get(reverse("dashboard:home"))
    for query in ({"fair": "999999"}, {"year": "abc"}, {"division": "x"}, {"year": "1850"}):
        response = client.get(reverse("dashboard:home"), query)
        assert response.status_code == 200
        assert [r.fair.pk for r in response.context["current"]] == [
            r.fair.pk for r in full.context["current"]
        ]


def test_filters_narrow_the_view(personas, allocation, lucknow, varanasi):
    client = personas["principal_secretary"]
    other = factories.fair(name_en="Another fair")
    response = client.get(reverse("dashboard:home"), {"fair": other.pk})
    assert [r.fair for r in response.context["current"]] == [other]
    response = client.get(reverse("dashboard:home"), {"division": varanasi.division_id})
    assert {row["district"].division_id for row in response.context["participation"]} == {
        varanasi.division_id
    }


def test_the_principal_secretary_sees_no_edit_control(personas, allocation):
    page = personas["principal_secretary"].get(reverse("dashboard:home")).content.decode()
    assert "/admin/" not in page and "/allocate/" not in page


def test_the_cell_officer_gets_links_into_the_admin(personas):
    page = personas["cell_officer"].get(reverse("dashboard:home")).content.decode()
    assert reverse("admin:stalls_nomination_changelist") in page


def test_district_staff_see_only_their_district(personas, allocation, varanasi_exhibitor, lucknow):
    response = personas["varanasi_staff"].get(reverse("dashboard:home"))
    assert response.context["district"].name_en == "Varanasi"
    assert response.context["own"]["places"] == 0
    page = response.content.decode()
    assert "Lucknow" not in page
    response = personas["lucknow_staff"].get(reverse("dashboard:home"))
    assert response.context["own"]["places"] == 1


def test_district_staff_cannot_reach_another_district_through_filters(personas, varanasi):
    response = personas["lucknow_staff"].get(
        reverse("dashboard:home"), {"division": varanasi.division_id}
    )
    assert response.status_code == 200
    assert response.context["district"].name_en == "Lucknow"


def test_the_dashboards_run_a_constant_number_of_queries(
    personas, allocation, lucknow, varanasi, cell_officer
):
    from tests.stalls.test_views import _grow_allocations

    made = iter(range(100))

    def grow():
        _grow_allocations(allocation.fair, lucknow, cell_officer, 5)
        factories.fair(name_en=f"Extra fair {next(made)}")

    for persona in ("principal_secretary", "cell_officer", "lucknow_staff"):
        client = personas[persona]
        assert_constant_queries(lambda client=client: client.get(reverse("dashboard:home")), grow)


def test_the_dashboard_query_count_is_known(personas, allocation):
    client = personas["principal_secretary"]
    client.get(reverse("dashboard:home"))
    # user (the session is read from the cache), permissions (one query), the fairs (filter
    # choices and the fairs in view), sales grouped by fair, district and product (fair
    # progress, ranking, data quality and the sales panel), fair progress (spaces, activities,
    # placed districts and products), participation (nominations, held places), MoU pipeline,
    # action points with their latest update, the latest approved report, MDA claims at each
    # step; districts, divisions and products come from the cached master data.
    with assert_num_queries(13):
        client.get(reverse("dashboard:home"))


def test_the_fair_filter_offers_recent_fairs_and_accepts_any_by_id(personas, allocation):
    import datetime

    from events.models import Fair

    old = factories.fair(
        name_en="Surajkund 2016",
        start_date=datetime.date(2016, 2, 1),
        end_date=datetime.date(2016, 2, 15),
        status=Fair.Status.CONCLUDED,
    )
    client = personas["principal_secretary"]
    choices = dict(
        client.get(reverse("dashboard:home")).context["filter_form"].fields["fair"].choices
    )
    assert allocation.fair_id in choices and old.pk not in choices
    season = client.get(reverse("dashboard:home"), {"year": 2016}).context["filter_form"]
    assert old.pk in dict(season.fields["fair"].choices)
    chosen = client.get(reverse("dashboard:home"), {"fair": old.pk})
    assert not chosen.context["filter_form"].errors
    assert [row.fair for row in chosen.context["past"]] == [old]
