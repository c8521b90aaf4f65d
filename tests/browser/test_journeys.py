"""Three real-browser journeys, one per role, each ending with one thing the role must not do."""

import re

import openpyxl
import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from exhibitors.models import Exhibitor
from stalls.models import Allocation, DailySale, Nomination
from tests.browser import records
from tests.browser.conftest import PHONE, screenshot, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_district_staff_nominates_on_a_phone_and_uploads_sales(open_page, tmp_path):
    surajkund = records.lucknow_room_at_surajkund()
    dilli_haat = records.live_dilli_haat()
    page = open_page(viewport=PHONE)
    sign_in(page, "lucknow.staff")

    # Register an exhibitor of Lucknow.
    page.goto("/exhibitors/new/")
    page.select_option("#id_kind", "artisan")
    page.fill("#id_name", "Fatima Chikan Kari")
    page.select_option("#id_product", index=1)
    page.fill("#id_contact_person", "Fatima Begum")
    page.fill("#id_mobile", "+91 98765 01234")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fatima Chikan Kari")
    exhibitor = Exhibitor.objects.get(mobile="9876501234")

    # Nominate it for Surajkund and see it listed as submitted.
    page.goto(f"/fairs/{surajkund.pk}/")
    page.get_by_role("link", name="Nominate an exhibitor").click()
    expect(page.locator("#id_space")).to_have_value(str(surajkund.spaces.get().pk))
    expect(page.locator("#id_area_requested")).to_have_count(0)
    page.select_option("#id_exhibitor", label="Fatima Chikan Kari · 9876501234")
    page.get_by_role("button", name="Nominate").click()
    expect(page).to_have_url(re.compile(rf"/fairs/{surajkund.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text("Fatima Chikan Kari is nominated")
    row = page.get_by_role("row").filter(has_text="Fatima Chikan Kari")
    expect(row).to_contain_text("Submitted")
    screenshot(page, "district-staff-nominated")
    nomination = Nomination.objects.get(exhibitor=exhibitor)
    assert (nomination.status, nomination.fair_id) == (Nomination.Status.SUBMITTED, surajkund.pk)

    # Download the sales template of a live fair, fill it in, upload it, preview and save.
    page.goto(f"/fairs/{dilli_haat.pk}/sales/upload/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the Excel template").click()
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)
    assert template.suffix == ".xlsx"
    book = openpyxl.load_workbook(template)
    sheet = book.active
    today = timezone.localdate()
    filled = 0
    for row_cells in sheet.iter_rows(min_row=2):
        if row_cells[3].value.date() == today:  # a date cell
            row_cells[4].value = 12500 + filled
            row_cells[5].value = 7
            row_cells[6].value = 1
            filled += 1
    assert filled == 2  # Lucknow's two shops at Dilli Haat
    book.save(template)

    page.set_input_files("#id_file", str(template))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Preview")).to_be_visible()
    expect(page.get_by_text("2 new rows: nothing is saved for their places")).to_be_visible()
    screenshot(page, "district-staff-sales-preview")
    page.get_by_role("button", name="Save new and changed rows").click()
    expect(page.get_by_role("status")).to_contain_text("2 rows of sales saved.")
    assert DailySale.objects.filter(fair=dilli_haat, date=timezone.localdate()).count() == 2

    # Forbidden: another district's exhibitor answers 404.
    varanasi = Exhibitor.objects.filter(district__name_en="Varanasi").order_by("pk").first()
    response = page.goto(f"/exhibitors/{varanasi.pk}/")
    assert response.status == 404
    expect(page.get_by_text(varanasi.name)).to_have_count(0)


def test_cell_officer_allocates_a_stall_and_requests_a_status_report(open_page):
    nomination = records.approved_nomination_at_surajkund()
    fair = records.surajkund()
    meeting = records.demo_meeting()
    page = open_page()
    sign_in(page, "cell.officer")

    # The stall board: allocate the first free stall to the approved nomination.
    page.goto(f"/fairs/{fair.pk}/")
    page.get_by_role("link", name="Stall board").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stall board")
    free = page.get_by_role("link", name=re.compile(r"Allocate stall ")).first
    number = free.locator(".stall-number").inner_text()
    free.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Allocate stall {number}")
    page.get_by_label("Nomination").select_option(str(nomination.pk))
    page.get_by_role("button", name="Allocate").click()
    expect(page).to_have_url(re.compile(rf"/fairs/{fair.pk}/board/$"))
    expect(page.get_by_role("status")).to_contain_text(
        f"{nomination.exhibitor.name} is allocated {number}."
    )
    stall = page.locator("li.stall-taken").filter(has_text=re.compile(rf"^\s*{number}\b"))
    expect(stall).to_contain_text(nomination.exhibitor.name)
    screenshot(page, "cell-officer-stall-board")
    allocation = Allocation.objects.get(nomination=nomination, status=Allocation.Status.ACTIVE)
    assert allocation.stall.number == number

    # A review meeting: request the Hindi status report; Celery runs it at once in tests.
    page.goto("/reviews/")
    page.get_by_role("link", name=meeting.title_en).click()
    page.get_by_label("Language of the report").select_option("hi")
    page.get_by_role("button", name="Prepare the status report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Status report")
    expect(page.locator(".status[role=status]")).to_have_text("Ready", timeout=60_000)
    link = page.get_by_role("link", name="Download PDF")
    expect(link).to_be_visible()
    screenshot(page, "cell-officer-status-report")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # Forbidden: only superusers manage groups.
    response = page.goto("/admin/auth/group/add/")
    assert response.status == 403


def test_principal_secretary_reads_the_dashboard_in_hindi_and_downloads_the_report(open_page):
    job = records.approved_demo_report()
    page = open_page()
    sign_in(page, "principal.secretary")

    page.get_by_role("button", name="हिन्दी").click()
    expect(page.locator("html")).to_have_attribute("lang", "hi")
    with translation.override("hi"):
        heading = translation.gettext("ODOP programme dashboard")
    assert re.search(r"[\u0900-\u097f]", heading)  # translated into Devanagari
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("button", name="हिन्दी")).to_have_attribute("aria-pressed", "true")
    screenshot(page, "principal-secretary-dashboard-hi")

    page.goto(f"/reviews/reports/{job.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "hi")
    download_link = page.locator(f"a[href='/reviews/reports/{job.pk}/download/']")
    with page.expect_download() as download:
        download_link.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    # No approve button for the Principal Secretary.
    expect(page.locator(f"form[action='/reviews/reports/{job.pk}/approve/']")).to_have_count(0)
    screenshot(page, "principal-secretary-report")

    # Forbidden: a forged POST to approve, with a valid CSRF token from the page, is refused.
    with page.expect_navigation() as navigation:
        page.evaluate(
            """(action) => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = action;
                const token = document.querySelector('input[name=csrfmiddlewaretoken]');
                form.appendChild(token.cloneNode());
                document.body.appendChild(form);
                form.submit();
            }""",
            f"/reviews/reports/{job.pk}/approve/",
        )
    assert navigation.value.status == 403
    job.refresh_from_db()
    assert job.approved_by.username == "cell.officer"
