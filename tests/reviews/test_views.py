"""Review pages: what each role sees, compliance through the page, the report's progress and
download, and constant query counts on every list page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import ReportJob
from tests.queries import assert_constant_queries, assert_num_queries
from tests.reviews import builders


def test_an_officer_requests_a_report_and_follows_it_to_the_download(
    personas, meeting, django_capture_on_commit_callbacks
):
    client = personas["cell_officer"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:report_request", args=[meeting.pk]), {"language": "en"}
        )
    job = ReportJob.objects.get(meeting=meeting)
    assert response["Location"] == reverse("reviews:report_status", args=[job.pk])
    assert job.status == "succeeded"  # eager in tests
    page = client.get(response["Location"])
    assert b'http-equiv="refresh"' not in page.content
    assert reverse("reviews:report_download", args=[job.pk]).encode() in page.content
    download = client.get(reverse("reviews:report_download", args=[job.pk]))
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_progress_page_refreshes_while_the_job_is_queued(personas, meeting, cell_officer):
    job = ReportJob.objects.create(
        meeting=meeting, language="en", trigger="on_demand", requested_by=cell_officer
    )
    page = personas["cell_officer"].get(reverse("reviews:report_status", args=[job.pk]))
    assert b'http-equiv="refresh"' in page.content
    download = personas["cell_officer"].get(reverse("reviews:report_download", args=[job.pk]))
    assert download.status_code == 404


def test_the_principal_secretary_sees_approved_reports_only(
    personas, approved_report, unapproved_report
):
    client = personas["principal_secretary"]
    assert (
        client.get(reverse("reviews:report_status", args=[unapproved_report.pk])).status_code == 404
    )
    assert (
        client.get(reverse("reviews:report_download", args=[unapproved_report.pk])).status_code
        == 404
    )
    page = client.get(reverse("reviews:meeting_detail", args=[approved_report.meeting_id]))
    assert reverse("reviews:report_status", args=[approved_report.pk]).encode() in page.content
    assert (
        reverse("reviews:report_status", args=[unapproved_report.pk]).encode() not in page.content
    )
    assert b"Prepare the status report" not in page.content
    assert b"/admin/" not in page.content.split(b"<main")[1]


def test_district_staff_cannot_request_a_report_of_a_meeting(personas, meeting):
    response = personas["lucknow_staff"].post(
        reverse("reviews:report_request", args=[meeting.pk]), {"language": "en"}
    )
    assert response.status_code == 404
    assert not ReportJob.objects.exists()


def test_approving_from_the_page(personas, unapproved_report):
    client = personas["cell_officer"]
    client.post(reverse("reviews:report_approve", args=[unapproved_report.pk]))
    unapproved_report.refresh_from_db()
    assert unapproved_report.approved_at is not None


def test_approving_a_failed_report_shows_a_message(personas, meeting, cell_officer):
    job = ReportJob.objects.create(
        meeting=meeting,
        language="en",
        trigger="on_demand",
        requested_by=cell_officer,
        status="failed",
        error="Too long.",
    )
    response = personas["cell_officer"].post(
        reverse("reviews:report_approve", args=[job.pk]), follow=True
    )
    assert "Only a finished report can be approved" in response.content.decode()


def test_district_staff_report_compliance_on_their_action_point(
    personas, past_meeting, cell_officer, lucknow
):
    point = builders.action_point(
        meeting_obj=past_meeting,
        officer=cell_officer,
        district=lucknow,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    url = reverse("reviews:action_point_detail", args=[point.pk])
    data = {
        "on": timezone.localdate().isoformat(),
        "status": "in_progress",
        "text_en": "Half done.",
    }
    response = personas["lucknow_staff"].post(url, data)
    assert response.status_code == 200
    assert "give the reason for the delay" in response.context["form"].errors["reason_en"][0]
    assert point.updates.count() == 0
    response = personas["lucknow_staff"].post(url, {**data, "reason_en": "Rain."})
    assert response.status_code == 302
    assert point.updates.get().reason == "Rain."
    assert personas["varanasi_staff"].post(url, {**data, "reason_en": "x"}).status_code == 404
    assert personas["principal_secretary"].post(url, {**data, "reason_en": "x"}).status_code == 403


def test_an_action_point_shows_the_live_numbers_of_its_fair(
    personas, past_meeting, cell_officer, lucknow, allocation
):
    point = builders.action_point(
        meeting_obj=past_meeting, officer=cell_officer, district=lucknow, fair=allocation.fair
    )
    page = personas["lucknow_staff"].get(reverse("reviews:action_point_detail", args=[point.pk]))
    assert "1 of 3 stalls allocated" in page.content.decode()


def test_district_staff_list_only_their_districts_action_points(
    personas, past_meeting, cell_officer, lucknow, varanasi
):
    mine = builders.action_point(meeting_obj=past_meeting, officer=cell_officer, district=lucknow)
    builders.action_point(
        meeting_obj=past_meeting, officer=cell_officer, number=2, district=varanasi
    )
    page = personas["lucknow_staff"].get(reverse("reviews:action_point_list"))
    assert list(page.context["points"]) == [mine]


# --- Query counts ----------------------------------------------------------------------------


@pytest.fixture
def many(past_meeting, meeting, cell_officer, lucknow, fair, mou):
    """A growth step: a meeting with agenda items, action points (some linked to a fair or an
    MoU) and finished reports."""
    counter = iter(range(1, 1000))

    def grow():
        for _ in range(3):
            n = next(counter)
            extra = builders.meeting(officer=cell_officer, title_en=f"Meeting {n}", days_ahead=-n)
            extra.agenda_items.create(position=1, title_en="Fair", fair=fair)
            builders.action_point(
                meeting_obj=extra, officer=cell_officer, district=lucknow, fair=fair
            )
            builders.action_point(meeting_obj=extra, officer=cell_officer, number=2, mou=mou)
            builders.action_point(meeting_obj=past_meeting, officer=cell_officer, number=n + 10)
            builders.finished_job(meeting_obj=extra, officer=cell_officer)
            builders.finished_job(meeting_obj=meeting, officer=cell_officer, language="hi")

    return grow


def _get(client, name, *args):
    def action():
        assert client.get(reverse(name, args=args)).status_code == 200

    return action


def test_the_meeting_list_runs_constant_queries(personas, many):
    many()
    client = personas["cell_officer"]
    warm_up = _get(client, "reviews:meeting_list")
    # user (session from the cache), permissions, count for the pages, 50 meetings with
    # their counts
    warm_up()
    with assert_num_queries(4):
        _get(client, "reviews:meeting_list")()
    assert_constant_queries(_get(client, "reviews:meeting_list"), many)


def test_the_meeting_page_runs_constant_queries(personas, many, meeting):
    many()
    client = personas["cell_officer"]
    warm_up = _get(client, "reviews:meeting_detail", meeting.pk)
    # user (session from the cache), permissions, meeting, attendees, agenda items
    # (with fair, MoU, district), action points, reports; the unread-notice count is cached;
    # the lists of the form adding action points: officers, fairs, MoUs (districts cached)
    warm_up()
    with assert_num_queries(10):
        _get(client, "reviews:meeting_detail", meeting.pk)()
    assert_constant_queries(_get(client, "reviews:meeting_detail", meeting.pk), many)


@pytest.mark.parametrize("persona", ["cell_officer", "lucknow_staff", "principal_secretary"])
def test_the_action_point_list_runs_constant_queries(personas, many, persona):
    many()
    client = personas[persona]
    assert_constant_queries(_get(client, "reviews:action_point_list"), many)


def test_the_action_point_list_query_count(personas, many):
    many()
    warm_up = _get(personas["cell_officer"], "reviews:action_point_list")
    # user, permissions, count for pagination, action points (with meeting, owner, fair, MoU);
    # live numbers of their fairs: spaces, activities; of their MoUs: the stage
    warm_up()
    with assert_num_queries(7):
        _get(personas["cell_officer"], "reviews:action_point_list")()


def test_the_report_archive_runs_constant_queries(personas, many):
    many()
    client = personas["cell_officer"]
    warm_up = _get(client, "reviews:report_archive")
    # user (session from the cache), permissions, count for pagination,
    # reports (with meeting, requester, approver); the unread-notice count is cached
    warm_up()
    with assert_num_queries(4):
        _get(client, "reviews:report_archive")()
    assert_constant_queries(_get(client, "reviews:report_archive"), many)


@pytest.mark.parametrize("model", ["meeting", "actionpoint", "complianceupdate", "reportjob"])
def test_admin_changelists_run_constant_queries(personas, many, model, compliance_update):
    many()
    client = personas["cell_officer"]
    assert_constant_queries(_get(client, f"admin:reviews_{model}_changelist"), many)
