"""Every write service leaves exactly one audit row per record it changes, with the right
user, action, source and diff; a rolled-back change leaves none; the rows cannot change."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_set_language
from core.audit.models import AuditEntry
from core.audit.services import MASK
from core.exceptions import ApplicationError
from events.models import Fair, Space
from events.services import fair_set_status, weekend_programmes_create
from exhibitors.services import exhibitor_create, exhibitor_update
from mous.services import mou_stage_move, mou_update
from reviews.models import ReportJob
from reviews.services import reports as review_services
from reviews.services.meetings import compliance_update_add
from reviews.services.reports import report_approve, report_request
from stalls.models import Allocation, DailySale, Nomination
from stalls.sales import sale_record, sales_upload_commit
from stalls.services import (
    allocation_cancel,
    allocation_create,
    allocation_move,
    allotment_set,
    nomination_approve,
    nomination_submit,
    stalls_create,
)
from tests import factories
from tests.audit.helpers import entries, mark, one
from tests.mous import builders as mou_builders
from tests.reviews import builders as review_builders


def test_a_fair_status_change_records_the_old_and_new_status(fair, cell_officer):
    since = mark()
    fair_set_status(fair=fair, status=Fair.Status.ALLOCATION, user=cell_officer)
    entry = one(fair, since)
    assert (entry.action, entry.user, entry.user_repr) == ("update", cell_officer, "officer")
    assert entry.changes == {"status": ["nominations_open", "allocation"]}
    # Outside a request or a task, a write comes from a command (or the shell).
    assert (entry.source, entry.request_id, entry.address) == ("command", "", None)


def test_numbering_stalls_records_one_row_per_stall(fair, cell_officer):
    space = factories.space(fair=fair, capacity_units=4)
    since = mark()
    stalls = stalls_create(space=space, numbers=["A1", "A2"], user=cell_officer)
    for stall in stalls:
        entry = one(stall, since)
        assert entry.action == "create" and entry.user == cell_officer
        assert entry.changes["number"] == [None, stall.number]
    # The space's counters are denormalised sums of audited rows: not audited themselves.
    assert entries(space, since) == []


def test_an_allotment_is_recorded_when_made_and_when_changed(units_space, lucknow, cell_officer):
    since = mark()
    allotment = allotment_set(space=units_space, district=lucknow, units=1, user=cell_officer)
    assert one(allotment, since).changes["units"] == [None, 1]
    since = mark()
    allotment_set(space=units_space, district=lucknow, units=2, user=cell_officer)
    entry = one(allotment, since)
    assert (entry.action, entry.changes) == ("update", {"units": [1, 2]})


def test_a_nomination_is_recorded_for_who_submitted_and_who_decided(
    allotments, units_space, lucknow_exhibitor, lucknow_staff, cell_officer
):
    since = mark()
    nomination = nomination_submit(
        space=units_space, exhibitor=lucknow_exhibitor, user=lucknow_staff
    )
    created = one(nomination, since)
    assert (created.action, created.user) == ("create", lucknow_staff)
    assert created.changes["status"] == [None, "submitted"]
    since = mark()
    nomination_approve(nomination=nomination, user=cell_officer)
    approved = one(nomination, since)
    assert approved.user == cell_officer
    assert approved.changes["status"] == ["submitted", "approved"]
    assert approved.changes["decided_by"] == [None, cell_officer.pk]


def test_an_allocation_records_the_allocation_and_the_nomination_once_each(
    nomination, stall, cell_officer
):
    nomination_approve(nomination=nomination, user=cell_officer)
    since = mark()
    allocation = allocation_create(nomination=nomination, stall=stall, user=cell_officer)
    created = one(allocation, since)
    assert created.changes["stall"] == [None, stall.pk]
    assert one(nomination, since).changes == {"status": ["approved", "allocated"]}
    assert entries(stall.space, since) == []
    assert AuditEntry.objects.filter(pk__gt=since).count() == 2


def test_cancelling_an_allocation_records_it_and_the_withdrawn_nomination(allocation, cell_officer):
    since = mark()
    allocation_cancel(allocation=allocation, reason="Did not come", user=cell_officer)
    cancelled = one(allocation, since)
    assert cancelled.changes["status"] == ["active", "cancelled"]
    assert cancelled.changes["cancelled_reason"] == ["", "Did not come"]
    assert one(allocation.nomination, since).changes["status"] == ["allocated", "withdrawn"]


def test_moving_an_allocation_records_the_old_place_and_the_new(allocation, cell_officer):
    other = allocation.space.stalls.exclude(pk=allocation.stall_id).first()
    since = mark()
    moved = allocation_move(allocation=allocation, stall=other, reason="Wider", user=cell_officer)
    assert one(allocation, since).changes["status"] == ["active", "cancelled"]
    assert one(moved, since).action == "create"


@pytest.fixture
def placed(allocation, live_fair):
    return Allocation.objects.select_related("fair").get(pk=allocation.pk)


def test_a_days_sales_are_recorded_when_entered_and_when_corrected(placed, lucknow_staff):
    day = placed.fair.start_date + datetime.timedelta(days=1)
    since = mark()
    sale = sale_record(user=lucknow_staff, allocation=placed, date=day, amount=Decimal(100))
    assert one(sale, since).changes["amount"] == [None, "100.00"]
    since = mark()
    sale_record(user=lucknow_staff, allocation=placed, date=day, amount=Decimal(250))
    assert one(sale, since).changes == {"amount": ["100.00", "250.00"]}


class _Sheet:
    header = ["Ref", "Date (DD-MM-YYYY)", "Sales (Rs)"]

    def __init__(self, rows):
        self.rows = rows


def test_the_spreadsheet_import_records_one_row_per_sale_saved(placed, lucknow_staff):
    fair = placed.fair
    first, second = fair.start_date, fair.start_date + datetime.timedelta(days=1)
    sale_record(user=lucknow_staff, allocation=placed, date=first, amount=Decimal(10))
    since = mark()
    sheet = _Sheet(
        [
            [placed.pk, first.strftime("%d-%m-%Y"), "15"],
            [placed.pk, second.strftime("%d-%m-%Y"), "20"],
        ]
    )
    # The first day replaces a saved figure, which the import does only when confirmed.
    assert sales_upload_commit(user=lucknow_staff, fair=fair, sheet=sheet, replace=True) == 2
    changed = one(DailySale.objects.get(date=first), since)
    created = one(DailySale.objects.get(date=second), since)
    assert (changed.action, changed.source, changed.changes) == (
        "update",
        "import",
        {"amount": ["10.00", "15.00"]},
    )
    assert (created.action, created.source, created.user) == ("create", "import", lucknow_staff)
    assert AuditEntry.objects.filter(pk__gt=since).count() == 2


def test_an_exhibitor_is_recorded_when_registered_and_when_changed(lucknow, lucknow_staff):
    since = mark()
    exhibitor = exhibitor_create(
        user=lucknow_staff,
        district=lucknow,
        kind="artisan",
        name="Ram Kumar",
        mobile="9415012345",
        product=lucknow.products.order_by("-is_original", "pk").first(),
    )
    assert one(exhibitor, since).changes["name"] == [None, "Ram Kumar"]
    since = mark()
    exhibitor_update(user=lucknow_staff, exhibitor=exhibitor, name="Ram Kumar Maurya")
    assert one(exhibitor, since).changes == {"name": ["Ram Kumar", "Ram Kumar Maurya"]}


def test_mou_changes_are_recorded_with_their_diffs(cell_officer):
    since = mark()
    mou = mou_builders.mou(officer=cell_officer)
    assert one(mou, since).action == "create"
    since = mark()
    moved = mou_stage_move(mou=mou, to_stage="in_talks", note_en="First meeting", user=cell_officer)
    entry = one(moved, since)
    assert entry.changes["stage"] == ["identified", "in_talks"]
    since = mark()
    moved.title_en = "Sales on Flipkart"
    mou_update(mou=moved, user=cell_officer)
    entry = one(moved, since)
    assert entry.changes == {"title_en": ["E-commerce sales of ODOP products", "Sales on Flipkart"]}


def test_meetings_and_action_points_are_recorded(cell_officer, lucknow, lucknow_staff):
    since = mark()
    meeting = review_builders.meeting(officer=cell_officer, days_ahead=-3)
    assert one(meeting, since).action == "create"
    point = review_builders.action_point(meeting_obj=meeting, officer=cell_officer)
    assert one(point, since).changes["status"] == [None, "open"]
    since = mark()
    compliance_update_add(
        action_point=point,
        on=timezone.localdate(),
        status="complied",
        text_en="Done",
        user=cell_officer,
    )
    assert one(point, since).changes["status"] == ["open", "complied"]


def fake_pdf(*, html):
    return b"%PDF-1.7 fake", 3


def test_the_report_task_records_one_row_in_the_requesters_name(
    meeting, cell_officer, django_capture_on_commit_callbacks
):
    since = mark()
    with (
        mock.patch.object(review_services, "pdf_render", side_effect=fake_pdf),
        django_capture_on_commit_callbacks(execute=True),
    ):
        job, _new = report_request(meeting=meeting, language="en", user=cell_officer)
    found = entries(job, since)
    assert [(e.action, e.source, e.user) for e in found] == [
        ("create", "command", cell_officer),
        ("update", "task", cell_officer),
    ]
    assert found[1].changes["status"] == ["queued", "succeeded"]
    assert found[1].request_id  # the task's id
    since = mark()
    report_approve(job=ReportJob.objects.get(pk=job.pk), user=cell_officer)
    assert one(job, since).changes["approved_by"] == [None, cell_officer.pk]


def test_a_user_is_recorded_once_with_the_password_masked(lucknow):
    since = mark()
    user = factories.user(username="newcomer", role=User.Role.DISTRICT_STAFF, district=lucknow)
    entry = one(user, since)
    assert entry.changes["password"] == [None, MASK]
    assert entry.changes["role"] == [None, "district_staff"]
    assert "md5" not in str(entry.changes)
    since = mark()
    user_set_language(user=user, language="hi")
    assert one(user, since).changes == {"language": ["", "hi"]}


def test_weekend_programmes_record_one_row_per_programme(fair, cell_officer):
    since = mark()
    made = weekend_programmes_create(
        fair=fair, title_en="Show", title_hi="कार्यक्रम", user=cell_officer
    )
    assert made and all(one(activity, since).action == "create" for activity in made)


def test_a_rolled_back_change_leaves_no_audit_row(fair, cell_officer):
    since = mark()
    with pytest.raises(RuntimeError), transaction.atomic():
        fair_set_status(fair=fair, status=Fair.Status.ALLOCATION, user=cell_officer)
        raise RuntimeError("something later failed")
    assert entries(fair, since) == []
    fair.refresh_from_db()
    assert fair.status == Fair.Status.NOMINATIONS_OPEN


def test_a_refused_change_leaves_no_audit_row(fair, cell_officer):
    since = mark()
    with pytest.raises(ApplicationError):
        fair_set_status(fair=fair, status=Fair.Status.CONCLUDED, user=cell_officer)
    assert entries(fair, since) == []


def test_the_database_refuses_to_change_an_audit_row(audit_entry):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=audit_entry.pk).update(user_repr="someone else")
    audit_entry.refresh_from_db()
    assert audit_entry.user_repr == "officer"


@pytest.mark.postgres
def test_postgresql_refuses_to_delete_an_audit_row(audit_entry):
    assert connection.vendor == "postgresql"
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=audit_entry.pk).delete()
    assert AuditEntry.objects.filter(pk=audit_entry.pk).exists()


def test_space_counters_move_without_audit_rows_of_their_own(nomination, stall, cell_officer):
    nomination_approve(nomination=nomination, user=cell_officer)
    space = Space.objects.get(pk=stall.space_id)
    since = mark()
    allocation_create(
        nomination=Nomination.objects.get(pk=nomination.pk), stall=stall, user=cell_officer
    )
    space.refresh_from_db()
    assert space.allocated_units == 1
    assert entries(space, since) == []
