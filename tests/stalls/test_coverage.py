"""Coverage: which of the 75 districts and which ODOP products have a place in a fair."""

from django.urls import reverse

from stalls.selectors import coverage_for_fairs, fair_coverage
from tests.queries import count_queries


def test_a_fair_with_one_allocation_covers_one_district_and_its_product(allocation, lucknow):
    coverage = fair_coverage(fair=allocation.fair)
    assert coverage.districts_covered == [lucknow]
    assert len(coverage.districts_missing) == 74
    assert coverage.products_covered == [allocation.nomination.exhibitor.product]
    assert len(coverage.products_covered) + len(coverage.products_missing) == 100


def test_a_submitted_nomination_does_not_count_as_coverage(nomination):
    assert fair_coverage(fair=nomination.fair).district_count == 0


def test_coverage_of_many_fairs_costs_the_same_queries(allocation):
    from tests import factories

    fairs = [allocation.fair_id] + [factories.fair(name_en=f"Fair {n}").pk for n in range(5)]
    coverage_for_fairs(fairs[:1])  # the first call caches the master data
    assert count_queries(lambda: coverage_for_fairs(fairs[:1])) == count_queries(
        lambda: coverage_for_fairs(fairs)
    )


def test_the_fair_page_and_the_admin_show_the_same_coverage(personas, allocation):
    page = personas["principal_secretary"].get(
        reverse("events:fair_detail", args=[allocation.fair_id])
    )
    assert page.context["coverage"].district_count == 1
    assert "1 of 75 districts have an allocated place." in page.content.decode()
    admin_page = personas["cell_officer"].get(reverse("admin:events_fair_changelist"))
    assert "1 / 75" in admin_page.content.decode()
