"""The gate's check-in page in a real browser on a phone-sized screen: a photo of a pass's QR
code (a generated image) is read by the page's script, sent, and answered green; the same pass
again is amber; a forged code is red. A district's letters are prepared and downloaded."""

import pytest
import segno
from playwright.sync_api import expect

from passes.models import Attendance
from passes.services import credential_issue
from stalls.models import Allocation
from tests.browser import records
from tests.browser.conftest import PHONE, screenshot, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_cell_checks_a_pass_in_at_the_gate_from_a_photo_of_its_qr_code(open_page, tmp_path):
    fair = records.live_dilli_haat()
    place = Allocation.objects.active().filter(fair=fair).order_by("pk").first()
    credential = credential_issue(allocation=place)
    photo = tmp_path / "pass.png"
    segno.make(f"https://odop.example{credential.get_absolute_url()}", error="m").save(
        photo, kind="png", scale=8, border=4
    )
    page = open_page(viewport=PHONE)
    sign_in(page, "cell.officer")
    page.goto(f"/fairs/{fair.pk}/check-in/")
    page.set_input_files("#scanner-file", str(photo))
    result = page.locator("#check-result")
    expect(result).to_have_attribute("data-code", "checked_in")
    expect(result).to_contain_text("May enter")
    expect(result).to_contain_text(place.nomination.exhibitor.name)
    screenshot(page, "check-in-green-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert Attendance.objects.filter(credential=credential).count() == 1

    page.set_input_files("#scanner-file", str(photo))
    expect(page.locator("#check-result")).to_have_attribute("data-code", "already_today")
    assert Attendance.objects.filter(credential=credential).count() == 1

    page.fill("#id_code", "forged-code:AAAA")
    page.get_by_role("button", name="Check in").click()
    expect(page.locator("#check-result")).to_have_attribute("data-code", "unknown")
    screenshot(page, "check-in-red-phone")


def test_district_staff_prepare_and_download_their_letters(open_page):
    fair = records.live_dilli_haat()
    page = open_page(viewport=PHONE)
    sign_in(page, "lucknow.staff")
    page.goto(f"/fairs/{fair.pk}/letters/")
    page.locator("form.button-row button").click()
    link = page.get_by_role("link", name="Download the ZIP")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".zip")
