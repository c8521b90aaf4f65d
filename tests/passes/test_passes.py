"""Letters, passes and check-in: what a QR code proves, the gate's answers, the print jobs."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.exceptions import ApplicationError
from events.models import Fair
from passes.models import Attendance, Certificate, Credential, PrintJob
from passes.pdf import letter_html
from passes.services import (
    check_in,
    credential_issue,
    print_job_render,
    print_job_request,
    signed,
)
from stalls.models import Allocation
from stalls.services import allocation_cancel, allocation_move
from tests import factories
from tests.queries import assert_num_queries

pytestmark = pytest.mark.django_db


def verify_url(credential) -> str:
    return reverse("passes:verify", args=[signed(credential.code)])


def test_a_place_has_one_credential_however_often_its_letter_is_printed(allocation):
    first = credential_issue(allocation=allocation)
    assert credential_issue(allocation=allocation) == first
    assert Credential.objects.count() == 1
    assert (first.place, first.district_id) == ("S1", allocation.district_id)
    assert len(first.code) >= 16


def test_the_public_page_shows_a_valid_letter_without_personal_data(client, credential):
    page = client.get(verify_url(credential))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Valid: the place is held." in text
    exhibitor = credential.allocation.nomination.exhibitor
    assert exhibitor.name in text and "S1" in text
    assert exhibitor.mobile not in text


def test_the_public_page_answers_once_with_few_queries(client, credential):
    url = verify_url(credential)
    # the credential with its allocation, exhibitor, stall, district and fair; the place now
    with assert_num_queries(1):
        client.get(url)


@pytest.mark.parametrize("token", ["not-a-code", "abc:def", "x" * 300])
def test_a_forged_or_mistyped_code_answers_404(client, credential, token):
    assert client.get(reverse("passes:verify", args=[token])).status_code == 404


def test_a_code_with_a_forged_signature_answers_404(client, credential):
    forged = f"{credential.code}:{'A' * 27}"
    assert client.get(reverse("passes:verify", args=[forged])).status_code == 404


def test_a_cancelled_place_shows_cancelled(client, credential, cell_officer):
    allocation_cancel(allocation=credential.allocation, reason="Did not come.", user=cell_officer)
    text = client.get(verify_url(credential)).content.decode()
    assert "Cancelled: the place is no longer held." in text


def test_a_moved_place_shows_where_it_went(client, credential, units_space, cell_officer):
    new_stall = units_space.stalls.get(number="S2")
    allocation_move(
        allocation=credential.allocation, stall=new_stall, reason="Wider stall.", user=cell_officer
    )
    text = client.get(verify_url(credential)).content.decode()
    assert "Moved: the exhibitor now holds S2" in text


# --- The gate -------------------------------------------------------------------------------


def test_a_valid_pass_is_checked_in_once_a_day(fair_today, credential, cell_officer):
    first = check_in(fair=fair_today, scanned=signed(credential.code), user=cell_officer)
    assert (first.ok, first.code) == (True, "checked_in")
    again = check_in(fair=fair_today, scanned=signed(credential.code), user=cell_officer)
    assert (again.ok, again.code) == (False, "already_today")
    assert "Already checked in today at" in again.message
    assert Attendance.objects.count() == 1


def test_the_scanned_address_of_the_verification_page_checks_in_too(
    fair_today, credential, cell_officer
):
    scanned = f"https://odop.up.gov.in{credential.get_absolute_url()}"
    assert check_in(fair=fair_today, scanned=scanned, user=cell_officer).ok


@pytest.mark.parametrize("scanned", ["", "hello", "abc:def", "https://example.org/verify/x/"])
def test_a_code_the_portal_did_not_issue_is_refused(fair_today, cell_officer, scanned):
    answer = check_in(fair=fair_today, scanned=scanned, user=cell_officer)
    assert (answer.ok, answer.code) == (False, "unknown")
    assert not Attendance.objects.exists()


def test_a_pass_of_another_fair_is_refused(fair_today, credential, cell_officer):
    other = factories.fair(name_en="Dilli Haat", start_date=fair_today.start_date)
    answer = check_in(fair=other, scanned=signed(credential.code), user=cell_officer)
    assert (answer.ok, answer.code) == (False, "other_fair")
    assert fair_today.name in answer.message
    assert not Attendance.objects.exists()


def test_a_pass_is_refused_on_a_day_the_fair_is_not_on(credential, cell_officer):
    fair = credential.fair  # 1 to 16 February 2027
    answer = check_in(fair=fair, scanned=signed(credential.code), user=cell_officer)
    assert (answer.ok, answer.code) == (False, "not_today")
    assert not Attendance.objects.exists()


def test_a_cancelled_or_moved_pass_is_refused_with_the_reason(
    fair_today, credential, units_space, cell_officer
):
    allocation_move(
        allocation=credential.allocation,
        stall=units_space.stalls.get(number="S2"),
        reason="Wider stall.",
        user=cell_officer,
    )
    moved = check_in(fair=fair_today, scanned=signed(credential.code), user=cell_officer)
    assert (moved.ok, moved.code, moved.place) == (False, "moved", "S2")
    new = Allocation.objects.active().get(nomination=credential.allocation.nomination)
    allocation_cancel(allocation=new, reason="Left the fair.", user=cell_officer)
    cancelled = check_in(fair=fair_today, scanned=signed(credential.code), user=cell_officer)
    assert (cancelled.ok, cancelled.code) == (False, "cancelled")
    assert not Attendance.objects.exists()


def test_only_the_cell_checks_passes_in(fair_today, credential, lucknow_staff):
    with pytest.raises(PermissionDenied):
        check_in(fair=fair_today, scanned=signed(credential.code), user=lucknow_staff)


def test_the_check_in_page_answers_green_then_amber(client, fair_today, credential, cell_officer):
    client.force_login(cell_officer)
    url = reverse("passes:check_in", args=[fair_today.pk])
    page = client.get(url)
    assert "camera=(self)" in page.headers["Permissions-Policy"]
    green = client.post(url, {"code": signed(credential.code)}).content.decode()
    assert "check-ok" in green and "May enter" in green
    again = client.post(url, {"code": signed(credential.code)}).content.decode()
    assert "check-again" in again and "Already checked in today" in again


# --- Letters to print ----------------------------------------------------------------------


def test_the_letter_is_bilingual_with_its_qr_code_and_pass(allocation):
    html = letter_html(allocation=allocation)
    assert "आवंटन पत्र" in html and "Allotment letter" in html
    assert html.count("<svg") == 2  # the QR code on the letter and on the pass
    assert "Exhibitor pass" in html
    assert allocation.nomination.exhibitor.mobile not in html


def test_the_district_prints_its_places_as_a_zip_of_real_pdfs(
    allocation, lucknow_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = print_job_request(fair=allocation.fair, user=lucknow_staff)
    job.refresh_from_db()
    assert (job.status, job.count) == (PrintJob.Status.SUCCEEDED, 1), job.error
    archive = zipfile.ZipFile(io.BytesIO(job.file.open("rb").read()))
    (name,) = archive.namelist()
    assert name == f"letter-{allocation.pk}-S1.pdf"
    assert archive.read(name).startswith(b"%PDF")
    assert print_job_render(job_id=job.pk) is None  # a second delivery does nothing


def test_one_place_prints_as_a_pdf(allocation, cell_officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = print_job_request(fair=allocation.fair, user=cell_officer, allocation=allocation)
    job.refresh_from_db()
    assert job.file.open("rb").read().startswith(b"%PDF")
    assert job.download_name.endswith(".pdf")


def test_a_fair_without_places_has_nothing_to_print(lucknow_staff, varanasi_staff, allocation):
    empty = factories.fair(name_en="Empty fair", status=Fair.Status.NOMINATIONS_OPEN)
    with pytest.raises(ApplicationError) as refused:
        print_job_request(fair=empty, user=lucknow_staff)
    assert refused.value.code == "nothing_to_print"
    # Varanasi holds no place at the fair where Lucknow does.
    with pytest.raises(ApplicationError):
        print_job_request(fair=allocation.fair, user=varanasi_staff)
    assert not PrintJob.objects.exists()


def test_another_districts_place_is_not_printed(client, allocation, varanasi_staff):
    client.force_login(varanasi_staff)
    url = reverse("passes:letters", args=[allocation.fair_id])
    assert allocation.nomination.exhibitor.name not in client.get(url).content.decode()
    assert client.post(url, {"allocation": allocation.pk}).status_code == 404
    assert not PrintJob.objects.exists()


def test_a_job_is_its_requesters(client, print_job, varanasi_staff, cell_officer):
    client.force_login(varanasi_staff)
    assert client.get(reverse("passes:job", args=[print_job.pk])).status_code == 404
    client.force_login(cell_officer)
    download = client.get(reverse("passes:job_download", args=[print_job.pk]))
    assert download.status_code == 200
    assert "attachment" in download.headers["Content-Disposition"]


def test_the_letters_page_lists_places_in_constant_queries(client, allocation, cell_officer):
    from tests.queries import assert_constant_queries

    client.force_login(cell_officer)
    url = reverse("passes:letters", args=[allocation.fair_id])
    made = iter(range(100))

    def grow():
        from stalls.services import allocation_create, nomination_approve, nomination_submit

        fair = allocation.fair
        n = next(made)
        exhibitor = factories.exhibitor(district=allocation.district, mobile=f"94155{n:05d}")
        space = factories.space(fair=fair, measure="area", capacity_area=100, name_en=f"P{n}")
        from stalls.services import allotment_set

        allotment_set(space=space, district=allocation.district, area=10, user=cell_officer)
        nomination = nomination_submit(
            space=space, exhibitor=exhibitor, user=cell_officer, area_requested=10
        )
        nomination = nomination_approve(nomination=nomination, user=cell_officer)
        allocation_create(nomination=nomination, area=10, user=cell_officer)

    assert_constant_queries(lambda: client.get(url), grow)


def test_a_check_in_day_outside_the_fair_is_not_recorded(credential, cell_officer):
    day = datetime.datetime(2027, 2, 3, 10, 0, tzinfo=datetime.UTC)
    answer = check_in(
        fair=credential.fair, scanned=signed(credential.code), user=cell_officer, now=day
    )
    assert answer.ok
    assert Attendance.objects.get().day == datetime.date(2027, 2, 3)


def test_the_fair_page_shows_attendance_by_day(client, fair_today, credential, cell_officer):
    check_in(fair=fair_today, scanned=signed(credential.code), user=cell_officer)
    client.force_login(cell_officer)
    page = client.get(reverse("events:fair_detail", args=[fair_today.pk]))
    assert page.context["attendance"] == [{"day": datetime.date.today(), "passes": 1}]
    assert "Attendance at the gate" in page.content.decode()


# --- Certificates --------------------------------------------------------------------------


def test_a_recipient_gets_one_numbered_bilingual_certificate_with_its_qr_code(recipient):
    from passes.pdf import certificate_html
    from passes.services import certificate_issue

    html = certificate_html(recipient=recipient)
    assert "प्रमाण पत्र" in html and "Certificate" in html
    assert "<svg" in html and recipient.given in html
    certificate = certificate_issue(recipient=recipient)
    assert certificate_issue(recipient=recipient) == certificate
    assert certificate.number in html


def test_a_certificate_waits_for_the_day_of_its_programme(client, recipient, cell_officer):
    from events.models import Activity

    Activity.objects.filter(pk=recipient.activity_id).update(date=recipient.activity.fair.end_date)
    client.force_login(cell_officer)
    answer = client.get(reverse("passes:certificate", args=[recipient.pk]))
    assert answer.status_code == 302
    assert not Certificate.objects.exists()


def test_the_certificate_downloads_as_a_pdf_for_its_district_only(
    client, recipient, lucknow_staff, varanasi_staff
):
    from events.models import Activity, Fair

    today = datetime.date.today()
    # The fair began three days ago (it still runs to its end); the awards were given today.
    Fair.objects.filter(pk=recipient.activity.fair_id).update(
        start_date=today - datetime.timedelta(days=3)
    )
    Activity.objects.filter(pk=recipient.activity_id).update(date=today)
    url = reverse("passes:certificate", args=[recipient.pk])
    client.force_login(lucknow_staff)
    answer = client.get(url)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content).startswith(b"%PDF")
    assert "attachment" in answer.headers["Content-Disposition"]
    client.force_login(varanasi_staff)
    assert client.get(url).status_code == 404


def test_a_certificate_for_someone_not_on_a_recipient_list_does_not_exist(client, cell_officer):
    client.force_login(cell_officer)
    assert client.get(reverse("passes:certificate", args=[999999])).status_code == 404


def test_the_public_page_verifies_a_certificate(client, certificate):
    page = client.get(certificate.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert "Valid: the ODOP cell issued this certificate." in text
    assert certificate.number in text and certificate.recipient.given in text
    assert certificate.recipient.exhibitor.mobile not in text
