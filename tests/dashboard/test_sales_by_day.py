"""The fair page's day-wise sales: an SVG chart drawn on the server, and the same figures as a
table, adding up to the fair's total, in the user's scope."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from events.models import Fair
from stalls.models import DailySale
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_fair(allocation, daily_sale, cell_officer):
    """The allocation's fair held over three days last month, concluded: 1,000 on the first
    day (the daily_sale fixture), nothing on the second, 2,500 on the third."""
    start = datetime.date.today().replace(day=1) - datetime.timedelta(days=20)
    Fair.objects.filter(pk=allocation.fair_id).update(
        start_date=start, end_date=start + datetime.timedelta(days=2), status="concluded"
    )
    DailySale.objects.filter(pk=daily_sale.pk).update(date=start)
    DailySale.objects.create(
        allocation=allocation,
        district=allocation.district,
        product_id=allocation.product_id,
        fair_id=allocation.fair_id,
        date=start + datetime.timedelta(days=2),
        amount=Decimal(2500),
        enquiries=4,
        entered_by=cell_officer,
    )
    return Fair.objects.get(pk=allocation.fair_id)


def test_the_chart_and_its_table_show_every_day_and_add_up_to_the_total(personas, past_fair):
    response = personas["principal_secretary"].get(
        reverse("events:fair_detail", args=[past_fair.pk])
    )
    days = response.context["sales_days"]
    assert [d["amount"] for d in days] == [1000, 0, 2500]
    assert sum(d["amount"] for d in days) == response.context["sales"].amount
    text = response.content.decode()
    assert '<svg class="bar-chart"' in text and text.count('class="bar-chart-bar"') == 3
    assert "₹2,500" in text and "Sales by day" in text
    heights = [bar.height for bar in response.context["sales_chart"]["bars"]]
    assert heights[1] == 0 and heights[2] > heights[0] > 0


def test_another_district_sees_none_of_these_sales(personas, past_fair):
    response = personas["varanasi_staff"].get(reverse("events:fair_detail", args=[past_fair.pk]))
    assert "sales_days" not in response.context
    assert "bar-chart" not in response.content.decode()


def test_a_fair_still_to_come_has_no_chart(personas, allocation, daily_sale):
    response = personas["cell_officer"].get(
        reverse("events:fair_detail", args=[allocation.fair_id])
    )
    assert "sales_days" not in response.context


def test_the_chart_costs_one_query_whatever_the_days_and_sales(
    personas, past_fair, allocation, cell_officer
):
    client = personas["cell_officer"]
    url = reverse("events:fair_detail", args=[past_fair.pk])
    made = iter(range(1, 100))

    def grow():
        n = next(made)
        Fair.objects.filter(pk=past_fair.pk).update(
            end_date=past_fair.end_date + datetime.timedelta(days=n)
        )

    assert_constant_queries(lambda: client.get(url), grow)
