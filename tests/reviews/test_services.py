"""Services of review meetings: action points, compliance, requesting and approving reports."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.exceptions import ApplicationError
from reviews.models import ActionPoint, ReportJob
from reviews.services.meetings import compliance_update_add
from reviews.services.reports import report_approve, report_request
from tests.reviews import builders

TODAY = timezone.localdate


def overdue_point(meeting, officer, district):
    return builders.action_point(
        meeting_obj=meeting,
        officer=officer,
        district=district,
        due_on=TODAY() - datetime.timedelta(days=3),
    )


def test_it_records_a_compliance_update_and_moves_the_status(lucknow_point, lucknow_staff):
    update = compliance_update_add(
        action_point=lucknow_point,
        on=TODAY(),
        status="complied",
        text_en="Done.",
        user=lucknow_staff,
    )
    lucknow_point.refresh_from_db()
    assert update.by == lucknow_staff
    assert lucknow_point.status == ActionPoint.Status.COMPLIED
    assert lucknow_point.resolved_on == TODAY()


def test_it_requires_a_reason_when_the_point_is_overdue_and_unresolved(
    past_meeting, cell_officer, lucknow, lucknow_staff
):
    point = overdue_point(past_meeting, cell_officer, lucknow)
    with pytest.raises(ValidationError) as error:
        compliance_update_add(
            action_point=point,
            on=TODAY(),
            status="in_progress",
            text_en="Half.",
            user=lucknow_staff,
        )
    assert "reason_en" in error.value.message_dict
    assert point.updates.count() == 0

    compliance_update_add(
        action_point=point,
        on=TODAY(),
        status="in_progress",
        text_en="Half.",
        reason_en="Registrations pending.",
        user=lucknow_staff,
    )
    point.refresh_from_db()
    assert point.delay_reason == "Registrations pending."


def test_an_overdue_point_complied_late_needs_no_reason(
    past_meeting, cell_officer, lucknow, lucknow_staff
):
    point = overdue_point(past_meeting, cell_officer, lucknow)
    compliance_update_add(
        action_point=point, on=TODAY(), status="complied", text_en="Done.", user=lucknow_staff
    )
    assert point.updates.count() == 1


def test_it_refuses_updates_of_a_closed_point_and_future_dates(lucknow_point, lucknow_staff):
    with pytest.raises(ValidationError) as error:
        compliance_update_add(
            action_point=lucknow_point,
            on=TODAY() + datetime.timedelta(days=1),
            status="in_progress",
            text_en="Planned.",
            user=lucknow_staff,
        )
    assert "on" in error.value.message_dict
    compliance_update_add(
        action_point=lucknow_point,
        on=TODAY(),
        status="complied",
        text_en="Done.",
        user=lucknow_staff,
    )
    with pytest.raises(ValidationError) as error:
        compliance_update_add(
            action_point=lucknow_point,
            on=TODAY(),
            status="open",
            text_en="Again.",
            user=lucknow_staff,
        )
    assert "status" in error.value.message_dict


def test_only_the_cell_drops_an_action_point(lucknow_point, lucknow_staff, cell_officer):
    with pytest.raises(ValidationError) as error:
        compliance_update_add(
            action_point=lucknow_point,
            on=TODAY(),
            status="dropped",
            text_en="No.",
            user=lucknow_staff,
        )
    assert "status" in error.value.message_dict
    compliance_update_add(
        action_point=lucknow_point, on=TODAY(), status="dropped", text_en="Moot.", user=cell_officer
    )


def test_other_districts_and_the_principal_secretary_cannot_report_compliance(
    lucknow_point, varanasi_staff, principal_secretary
):
    for user in (varanasi_staff, principal_secretary):
        with pytest.raises(PermissionDenied):
            compliance_update_add(
                action_point=lucknow_point, on=TODAY(), status="complied", text_en="x", user=user
            )


def test_an_action_point_has_exactly_one_owner(past_meeting, cell_officer, lucknow):
    with pytest.raises(ValidationError) as error:
        builders.action_point(
            meeting_obj=past_meeting,
            officer=cell_officer,
            district=lucknow,
            owner_officer=cell_officer,
        )
    assert error.value.message_dict["owner_officer"] == [
        "Choose one owner: an officer or a district."
    ]


def test_the_report_is_enqueued_only_after_commit(
    meeting, cell_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job, created = report_request(meeting=meeting, language="en", user=cell_officer)
    assert created and len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == ReportJob.Status.QUEUED  # nothing ran before the commit
    callbacks[0]()
    job.refresh_from_db()
    assert job.status == ReportJob.Status.SUCCEEDED


def test_a_second_request_reuses_the_job_being_prepared(
    meeting, cell_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first, created = report_request(meeting=meeting, language="en", user=cell_officer)
        second, created_again = report_request(meeting=meeting, language="en", user=cell_officer)
        other, created_hindi = report_request(meeting=meeting, language="hi", user=cell_officer)
    assert created and not created_again and created_hindi
    assert second.pk == first.pk != other.pk
    assert ReportJob.objects.count() == 2


def test_the_database_refuses_two_active_jobs(meeting, cell_officer):
    ReportJob.objects.create(
        meeting=meeting, language="en", trigger="on_demand", requested_by=cell_officer
    )
    duplicate = ReportJob(
        meeting=meeting, language="en", trigger="on_demand", requested_by=cell_officer
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already being prepared" in str(error.value)


def test_the_principal_secretary_cannot_request_a_report(meeting, principal_secretary):
    with pytest.raises(PermissionDenied):
        report_request(meeting=meeting, language="en", user=principal_secretary)


@pytest.mark.parametrize("status", ["queued", "running", "failed"])
def test_an_unfinished_or_failed_report_cannot_be_approved(meeting, cell_officer, status):
    job = ReportJob.objects.create(
        meeting=meeting,
        language="en",
        trigger="on_demand",
        requested_by=cell_officer,
        status=status,
    )
    with pytest.raises(ApplicationError) as error:
        report_approve(job=job, user=cell_officer)
    assert error.value.code == "not_finished"
    job.refresh_from_db()
    assert job.approved_at is None


def test_approval_e_mails_each_attendee_a_link(
    unapproved_report, cell_officer, principal_secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = report_approve(job=unapproved_report, user=cell_officer)
    assert job.approved_by == cell_officer
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cell_officer.email, principal_secretary.email]
    )
    assert f"/reviews/reports/{job.pk}/" in mail.outbox[0].body
    with pytest.raises(ApplicationError):
        report_approve(job=job, user=cell_officer)


def test_the_principal_secretary_cannot_approve(approved_report, principal_secretary):
    with pytest.raises(PermissionDenied):
        report_approve(job=approved_report, user=principal_secretary)
