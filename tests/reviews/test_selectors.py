"""The report's numbers equal the records, and the selectors' query counts stay constant."""

import datetime
from decimal import Decimal

from django.utils import timezone

from events.models import Activity
from mous.models import Deliverable
from mous.services import progress_entry_add
from reviews.models import ActionPoint, AgendaItem
from reviews.pdf import report_html
from reviews.selectors import (
    action_point_summary,
    fair_progress_list,
    mou_status_list,
    report_context,
)
from stalls.selectors import sales_totals
from tests import factories
from tests.mous import builders as mou_builders
from tests.queries import assert_constant_queries
from tests.reviews import builders


def test_fair_progress_equals_the_records(
    fair, units_space, area_space, allocation, daily_sale, activity, cell_officer
):
    Activity.objects.create(
        fair=fair,
        kind="cultural",
        title_en="Evening",
        title_hi="संध्या",
        date=fair.start_date,
        is_ready=True,
    )
    [row] = fair_progress_list(user=cell_officer, fairs=[fair])
    assert (row.capacity_units, row.allocated_units) == (3, 1)
    assert (row.capacity_area, row.allocated_area) == (Decimal(100), Decimal(0))
    assert (row.activities_ready, row.activities_total) == (1, 2)
    assert row.coverage.district_count == 1
    assert row.district_total == 75
    assert [d.name_en for d in row.coverage.districts_covered] == ["Lucknow"]
    assert row.sales == sales_totals(user=cell_officer, fair_ids=[fair.pk]).amount == 1000


def test_district_staff_see_their_own_sales_only(fair, daily_sale, lucknow_staff, varanasi_staff):
    assert fair_progress_list(user=lucknow_staff, fairs=[fair])[0].sales == 1000
    assert fair_progress_list(user=varanasi_staff, fairs=[fair])[0].sales == 0


def test_fair_progress_runs_constant_queries(cell_officer):
    counter = iter(range(100))

    def grow():
        for _ in range(5):
            n = next(counter)
            f = factories.fair(name_en=f"Fair {n}", name_hi=f"मेला {n}")
            factories.space(fair=f, capacity_units=5)
            Activity.objects.create(
                fair=f, kind="awards", title_en="A", title_hi="अ", date=f.start_date
            )

    grow()
    from events.models import Fair

    assert_constant_queries(
        lambda: fair_progress_list(user=cell_officer, fairs=Fair.objects.all()), grow
    )


def test_mou_status_has_deliverables_with_achievement(mou, mou_deliverable, cell_officer):
    progress_entry_add(
        deliverable=mou_deliverable, on=timezone.localdate(), value=125, user=cell_officer
    )
    [row] = mou_status_list(user=cell_officer, since=timezone.localdate())
    assert row.stage == mou.stage and row.days_in_stage == 0
    [target] = row.targets
    assert (target.achieved, target.target, target.percent_achieved) == (125, 500, 25)


def test_mou_status_runs_constant_queries(cell_officer):
    names = iter(range(100))

    def grow():
        for _ in range(4):
            n = next(names)
            record = mou_builders.mou(
                officer=cell_officer,
                partner_obj=mou_builders.partner(name_en=f"Partner {n}"),
            )
            Deliverable.objects.create(mou=record, kind="orders", target=10)

    grow()
    assert_constant_queries(
        lambda: mou_status_list(user=cell_officer, since=timezone.localdate()), grow
    )


def test_action_points_of_earlier_meetings_are_sorted_by_outcome(
    meeting, past_meeting, cell_officer, lucknow, lucknow_staff
):
    today = timezone.localdate()
    late = builders.action_point(
        meeting_obj=past_meeting,
        officer=cell_officer,
        number=1,
        district=lucknow,
        due_on=today - datetime.timedelta(days=2),
        delay_reason_en="Waiting for funds.",
    )
    due = builders.action_point(meeting_obj=past_meeting, officer=cell_officer, number=2)
    done = builders.action_point(meeting_obj=past_meeting, officer=cell_officer, number=3)
    done.status = "complied"
    done.save()
    builders.action_point(meeting_obj=meeting, officer=cell_officer, number=1)  # not earlier
    summary = action_point_summary(user=cell_officer, before=meeting.held_at)
    assert (summary.overdue, summary.open, summary.complied) == ([late], [due], [done])
    assert summary.overdue_without_reason == 0
    # District staff see only their district's.
    mine = action_point_summary(user=lucknow_staff, before=meeting.held_at)
    assert (mine.overdue, mine.open, mine.complied) == ([late], [], [])


def test_action_point_summary_runs_constant_queries(meeting, past_meeting, cell_officer):
    numbers = iter(range(1, 100))

    def grow():
        for _ in range(5):
            point = builders.action_point(
                meeting_obj=past_meeting, officer=cell_officer, number=next(numbers)
            )
            point.updates.create(
                on=timezone.localdate(), status="open", text_en="x", by=cell_officer
            )

    grow()
    assert_constant_queries(
        lambda: action_point_summary(user=cell_officer, before=meeting.held_at), grow
    )


def test_the_report_prints_the_numbers_of_the_records(
    meeting, past_meeting, fair, units_space, allocation, daily_sale, activity, mou, cell_officer
):
    AgendaItem.objects.create(meeting=meeting, position=1, title_en="Surajkund", fair=fair)
    now = timezone.now()
    context = report_context(meeting=meeting, user=cell_officer, cutoff=now)
    assert [row.fair for row in context["fairs"]] == [fair]
    summary = context["summary"]
    assert (summary.stalls_capacity, summary.stalls_allocated) == (3, 1)
    assert summary.sales == 1000
    assert (summary.activities_ready, summary.activities_total) == (0, 1)
    assert summary.mous == 1 and summary.mous_by_stage == [("Identified", 1)]
    assert context["previous"] == past_meeting
    assert context["since"] == timezone.localdate(past_meeting.held_at)

    html = report_html(meeting=meeting, user=cell_officer, language="en", cutoff=now)
    assert "1 of 3 allocated (33%)" in html
    assert "₹1,000" in html
    assert "Principal Secretary, MSME and Export Promotion" in html
    assert "Flipkart.com" in html
    assert timezone.localtime(now).strftime("%H:%M") + " IST" in html

    hindi = report_html(meeting=meeting, user=cell_officer, language="hi", cutoff=now)
    assert "सूरजकुंड अंतर्राष्ट्रीय शिल्प मेला" in hindi
    assert "फ्लिपकार्ट.कॉम" in hindi


def test_the_report_lists_every_unresolved_point_and_those_settled_since_the_last_meeting(
    meeting, past_meeting, cell_officer
):
    """Ten years of decisions must not fill the report: what is still open is listed however
    old, what was settled only when it was settled since the previous meeting."""
    today = timezone.localdate()
    older = builders.meeting(officer=cell_officer, days_ahead=-200, status="held")
    forgotten = builders.action_point(
        meeting_obj=older,
        officer=cell_officer,
        number=1,
        due_on=today - datetime.timedelta(days=150),
    )
    forgotten.updates.create(
        on=today - datetime.timedelta(days=140),
        status="in_progress",
        text_en="Awaiting funds.",
        by=cell_officer,
    )
    long_done = builders.action_point(meeting_obj=older, officer=cell_officer, number=2)
    just_done = builders.action_point(meeting_obj=past_meeting, officer=cell_officer, number=1)
    ActionPoint.objects.filter(pk=long_done.pk).update(
        status="complied", resolved_on=today - datetime.timedelta(days=100)
    )
    ActionPoint.objects.filter(pk=just_done.pk).update(
        status="complied", resolved_on=today - datetime.timedelta(days=5)
    )
    context = report_context(meeting=meeting, user=cell_officer, cutoff=timezone.now())
    points = context["points"]
    assert points.overdue == [forgotten]
    assert points.overdue[0].latest_update.text == "Awaiting funds."
    assert points.complied == [just_done]
    # Without the report's cut, every complied point is there (the meeting pages).
    everything = action_point_summary(user=cell_officer, before=meeting.held_at)
    assert set(everything.complied) == {long_done, just_done}
