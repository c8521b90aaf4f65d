"""Fairs as they are (issue 19): a programme-only fair shows its programme and no stall or
coverage figures; ODOP and non-ODOP area are counted apart on the dashboard and in the report;
the ranking ranks nobody when nobody holds a place; small things people noticed."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Activity, Fair
from reviews.models import AgendaItem
from reviews.pdf import report_html
from reviews.selectors import report_context
from tests import factories

pytestmark = pytest.mark.django_db


def _progress_table(client) -> str:
    text = client.get(reverse("dashboard:home")).content.decode()
    start = text.index('id="fairs-heading"')
    return text[start : text.index("</section>", start)]


@pytest.fixture
def diwas(cell_officer):
    fair = factories.fair(
        name_en="Uttar Pradesh Diwas",
        name_hi="उत्तर प्रदेश दिवस",
        status=Fair.Status.NOMINATIONS_OPEN,
    )
    Activity.objects.create(
        fair=fair,
        kind=Activity.Kind.AWARDS,
        title_en="ODOP awards",
        title_hi="ओडीओपी पुरस्कार",
        date=fair.start_date,
    )
    return fair


@pytest.fixture
def expo(cell_officer):
    fair = factories.fair(name_en="Defence Expo", name_hi="डिफेंस एक्सपो")
    factories.space(fair=fair, measure="area", name_en="ODOP pavilion", capacity_area=1000)
    factories.space(
        fair=fair,
        measure="area",
        name_en="Defence companies pavilion",
        capacity_area=1000,
        is_odop=False,
    )
    return fair


def test_a_programme_only_fair_shows_its_programme_and_no_stall_figures(personas, diwas):
    for persona in ("cell_officer", "lucknow_staff", "principal_secretary"):
        page = personas[persona].get(reverse("events:fair_detail", args=[diwas.pk]))
        text = page.content.decode()
        assert page.status_code == 200
        assert "ODOP awards" in text and "no stalls or area are allocated" in text
        for absent in ("Stall board", "Nominations open", "of 75 districts", "Nominate"):
            assert absent not in text, (persona, absent)
        assert "Upcoming" in text


def test_the_fair_list_and_the_dashboard_show_a_programme_only_fair_without_coverage(
    personas, diwas
):
    listing = personas["principal_secretary"].get(reverse("events:fair_list")).content.decode()
    assert "A programme of activities; no stalls or area." in listing
    assert "Districts represented" not in listing and "Nominations open" not in listing
    progress = _progress_table(personas["principal_secretary"])
    assert "Programme only" in progress and "no places to allocate" in progress
    assert "0 / 75" not in progress and "Nominations open" not in progress


def test_a_fair_without_a_programme_says_so_instead_of_0_of_0(personas, expo):
    progress = _progress_table(personas["principal_secretary"])
    assert "no programme" in progress and "0 / 0" not in progress


def test_odop_and_other_area_are_counted_apart_on_the_dashboard(personas, expo):
    response = personas["principal_secretary"].get(reverse("dashboard:home"))
    assert response.context["area"] == (Decimal(0), Decimal(1000))
    assert response.context["other_area"] == (Decimal(0), Decimal(1000))
    text = response.content.decode()
    assert "0 of 1,000 m²" in text and "2,000" not in text
    assert "m² allocated in spaces not for ODOP" in text


def test_the_report_counts_odop_and_other_area_apart(meeting, expo, cell_officer):
    AgendaItem.objects.create(meeting=meeting, position=1, title_en="Defence Expo", fair=expo)
    now = timezone.now()
    summary = report_context(meeting=meeting, user=cell_officer, cutoff=now)["summary"]
    assert (summary.area_allocated, summary.area_capacity) == (0, 1000)
    assert (summary.other_area_allocated, summary.other_area_capacity) == (0, 1000)
    html = report_html(meeting=meeting, user=cell_officer, language="en", cutoff=now)
    assert "Area allocated to ODOP (m²)" in html and "Area not for ODOP (m²)" in html
    assert "2,000" not in html


def test_nobody_is_ranked_when_nobody_holds_a_place(personas, expo):
    response = personas["principal_secretary"].get(reverse("dashboard:home"))
    assert all(row["rank"] is None for row in response.context["participation"])
    assert "No places yet" in response.content.decode()


def test_a_district_with_a_place_is_ranked_and_the_rest_are_not(personas, allocation):
    rows = personas["principal_secretary"].get(reverse("dashboard:home")).context["participation"]
    assert rows[0]["rank"] == 1 and rows[0]["places"] == 1
    assert all(row["rank"] is None for row in rows[1:])


def test_the_latest_approved_report_comes_before_the_figures(personas, approved_report):
    text = personas["principal_secretary"].get(reverse("dashboard:home")).content.decode()
    link = reverse("reviews:report_download", args=[approved_report.pk])
    assert link in text
    assert text.index(link) < text.index('id="kpi-heading"')


def test_every_page_names_its_icon_and_favicon_ico_points_at_it(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301 and answer["Location"].endswith("img/favicon.svg")
