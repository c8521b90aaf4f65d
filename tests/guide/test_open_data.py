"""Open data: aggregates anyone may download, with their licence and date; no personal data;
the same figures as the dashboard's."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from events.models import Fair
from stalls.models import DailySale
from stalls.selectors import sales_totals

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold(allocation, lucknow_staff):
    return DailySale.objects.create(
        allocation=allocation,
        district=allocation.district,
        fair_id=allocation.fair_id,
        product_id=allocation.product_id,
        date=datetime.date(2027, 2, 2),
        amount=Decimal("12500.50"),
        enquiries=7,
        export_leads=2,
        entered_by=lucknow_staff,
    )


def test_the_index_lists_each_dataset_with_its_licence(client):
    text = client.get(reverse("open_data:index")).content.decode()
    for name in ("allocations", "mous", "sales"):
        assert reverse("open_data:csv", args=[name]) in text
    assert "GODL" in text


def test_sales_as_json_equal_the_dashboards_figures(client, sold, cell_officer):
    body = client.get(reverse("open_data:json", args=["sales"])).json()
    assert body["licence"].startswith("Government Open Data License")
    assert body["generated_at"]
    (row,) = body["rows"]
    totals = sales_totals(user=cell_officer, fair_ids=[sold.fair_id])
    assert Decimal(row["sales_inr"]) == totals.amount == Decimal("12500.50")
    assert (row["enquiries"], row["export_leads"]) == (7, 2)


def test_places_per_district_and_product_as_csv_without_names_or_mobiles(client, allocation):
    answer = client.get(reverse("open_data:csv", args=["allocations"]))
    text = answer.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["district_en"], r["stalls"]) for r in rows] == [(allocation.district.name_en, "1")]
    exhibitor = allocation.nomination.exhibitor
    assert exhibitor.name not in text and exhibitor.mobile not in text


@pytest.mark.parametrize("status", [Fair.Status.PLANNING, Fair.Status.CANCELLED])
def test_drafts_and_cancelled_fairs_are_left_out(client, sold, status):
    Fair.objects.filter(pk=sold.fair_id).update(status=status)
    for dataset in ("allocations", "sales"):
        assert client.get(reverse("open_data:json", args=[dataset])).json()["rows"] == []


def test_an_unknown_dataset_is_404(client):
    assert client.get(reverse("open_data:csv", args=["exhibitors"])).status_code == 404
