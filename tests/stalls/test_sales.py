"""Daily sales: entry on the page, the Excel template and the all-or-nothing upload."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.exceptions import ApplicationError
from stalls.models import DailySale
from stalls.sales import COLUMNS, sale_record


@pytest.fixture
def placed(allocation, live_fair):
    """An allocated Lucknow stall in a fair that started ten days ago."""
    from stalls.models import Allocation

    return Allocation.objects.select_related("fair").get(pk=allocation.pk)


def _day(placed, offset):
    return placed.fair.start_date + datetime.timedelta(days=offset)


def test_district_staff_enter_a_days_sales_on_the_page(personas, placed):
    client = personas["lucknow_staff"]
    url = reverse("stalls:sales", args=[placed.fair_id])
    day = _day(placed, 2)
    page = client.get(url, {"date": day.isoformat()})
    assert placed.nomination.exhibitor.name in page.content.decode()
    response = client.post(
        url,
        {
            "date": day.isoformat(),
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-allocation": placed.pk,
            "form-0-amount": "12500.50",
            "form-0-enquiries": "7",
            "form-0-export_leads": "1",
        },
    )
    assert response.status_code == 302
    sale = DailySale.objects.get()
    assert (sale.amount, sale.enquiries, sale.export_leads, sale.date) == (
        Decimal("12500.50"),
        7,
        1,
        day,
    )
    assert sale.district_id == placed.district_id


def test_sales_for_another_districts_place_answer_404(personas, placed):
    response = personas["varanasi_staff"].post(
        reverse("stalls:sales", args=[placed.fair_id]),
        {
            "date": _day(placed, 1).isoformat(),
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-allocation": placed.pk,
            "form-0-amount": "100",
        },
    )
    assert response.status_code == 404
    assert not DailySale.objects.exists()


def test_a_day_outside_the_fair_is_refused(placed, lucknow_staff):
    with pytest.raises(ApplicationError) as error:
        sale_record(
            user=lucknow_staff, allocation=placed, date=_day(placed, -1), amount=Decimal(10)
        )
    assert error.value.field == "date"
    with pytest.raises(ApplicationError) as error:
        sale_record(
            user=lucknow_staff,
            allocation=placed,
            date=datetime.date.today() + datetime.timedelta(days=1),
            amount=Decimal(10),
        )
    assert "not come yet" in error.value.message
    assert not DailySale.objects.exists()


def test_negative_sales_are_refused(placed, lucknow_staff):
    with pytest.raises(ApplicationError) as error:
        sale_record(user=lucknow_staff, allocation=placed, date=_day(placed, 0), amount=Decimal(-5))
    assert error.value.field == "amount"


def test_entering_the_same_day_again_corrects_it(placed, lucknow_staff):
    sale_record(user=lucknow_staff, allocation=placed, date=_day(placed, 0), amount=Decimal(10))
    sale_record(user=lucknow_staff, allocation=placed, date=_day(placed, 0), amount=Decimal(20))
    assert DailySale.objects.get().amount == Decimal(20)


def test_the_odop_product_is_copied_to_the_allocation_and_its_sales(placed, lucknow_staff):
    """Coverage and sales by product read the copies, so they must match the exhibitor's."""
    product = placed.nomination.exhibitor.product
    assert product is not None
    assert placed.product == product
    sale = sale_record(
        user=lucknow_staff, allocation=placed, date=_day(placed, 0), amount=Decimal(10)
    )
    assert sale.product == product


# --- Template and upload ---------------------------------------------------------------------


def test_the_template_lists_every_place_and_day_so_far(personas, placed):
    response = personas["lucknow_staff"].get(
        reverse("stalls:sales_template", args=[placed.fair_id])
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [en for _key, en, _hi in COLUMNS]
    # The fair started ten days ago: today and the ten days before, not the days to come.
    assert len(rows) == 1 + 11
    assert rows[1][0] == placed.pk


def _xlsx(rows, header=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header or [en for _key, en, _hi in COLUMNS])
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("sales.xlsx", data.getvalue())


def _row(placed, offset, amount):
    day = placed.fair.start_date + datetime.timedelta(days=offset)
    return [placed.pk, "S1", "x", day.strftime("%d-%m-%Y"), amount, 2, 0]


def _upload(client, placed, upload):
    return client.post(reverse("stalls:sales_upload", args=[placed.fair_id]), {"file": upload})


def test_an_upload_is_previewed_then_saved_all_at_once(personas, placed):
    client = personas["lucknow_staff"]
    response = _upload(client, placed, _xlsx([_row(placed, n, 1000 + n) for n in range(5)]))
    checked = response.context["checked"]
    assert checked.ok and len(checked.rows) == 5
    assert not DailySale.objects.exists()  # the preview saves nothing
    response = client.post(
        reverse("stalls:sales_upload", args=[placed.fair_id]),
        {"confirm": "1", "token": response.context["token"]},
    )
    assert response.status_code == 302
    assert DailySale.objects.count() == 5
    assert set(DailySale.objects.values_list("product", flat=True)) == {placed.product_id}


def test_one_bad_row_of_500_saves_nothing_and_names_the_row(
    personas, placed, lucknow, cell_officer
):
    from stalls.models import Allocation
    from tests.stalls.test_views import _grow_allocations

    _grow_allocations(placed.fair, lucknow, cell_officer, 45)  # 46 places × 11 days so far
    places = list(Allocation.objects.filter(fair=placed.fair).order_by("pk"))
    rows = [_row(place, day, 1000 + day) for place in places for day in range(11)][:500]
    rows[298] = _row(places[27], 1, "twelve thousand")  # file row 300 (the header is row 1)
    response = _upload(personas["lucknow_staff"], placed, _xlsx(rows))
    checked = response.context["checked"]
    assert not checked.ok
    assert checked.errors == [(300, "sales: Enter the sales in rupees, for example 12500.")]
    assert len(checked.rows) == 499
    assert response.context["token"] == ""
    assert not DailySale.objects.exists()


def test_a_row_for_another_districts_place_is_named(personas, placed):
    response = _upload(personas["varanasi_staff"], placed, _xlsx([_row(placed, 0, 10)]))
    assert response.context["checked"].errors[0][0] == 2
    assert not DailySale.objects.exists()


def test_formula_cells_are_refused(personas, placed):
    response = _upload(personas["lucknow_staff"], placed, _xlsx([_row(placed, 0, "=SUM(1,2)")]))
    assert "formula in cell E2" in response.context["form"].errors["file"][0]


def test_a_file_that_is_not_a_spreadsheet_is_refused(personas, placed):
    upload = SimpleUploadedFile(
        "sales.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100
    )
    response = _upload(personas["lucknow_staff"], placed, upload)
    assert "not a spreadsheet" in response.context["form"].errors["file"][0]
    fake_zip = SimpleUploadedFile("sales.xlsx", b"PK\x03\x04" + b"garbage" * 10)
    response = _upload(personas["lucknow_staff"], placed, fake_zip)
    assert "not a spreadsheet" in response.context["form"].errors["file"][0]


def test_a_50_mb_file_is_refused(personas, placed):
    upload = SimpleUploadedFile("sales.csv", b"a" * (50 * 1024 * 1024))
    response = _upload(personas["lucknow_staff"], placed, upload)
    assert "larger than 5 MB" in response.context["form"].errors["file"][0]


def _csv(placed, encoding, bom=False):
    header = ",".join(en for _key, en, _hi in COLUMNS)
    line = f'{placed.pk},S1,रामेश्वर,{_day(placed, 1).strftime("%d-%m-%Y")},"1,250",3,1'
    text = f"{header}\r\n{line}\r\n"
    data = text.encode(encoding, errors="replace")
    return SimpleUploadedFile("sales.csv", (b"\xef\xbb\xbf" if bom else b"") + data)


@pytest.mark.parametrize("encoding, bom", [("utf-8", False), ("utf-8", True), ("cp1252", False)])
def test_csv_as_excel_saves_it_is_read(personas, placed, encoding, bom):
    response = _upload(personas["lucknow_staff"], placed, _csv(placed, encoding, bom))
    checked = response.context["checked"]
    assert checked.ok, checked.errors
    assert checked.rows[0]["amount"] == Decimal(1250)


def test_hindi_headings_are_accepted(personas, placed):
    header = [hi for _key, _en, hi in COLUMNS]
    response = _upload(
        personas["lucknow_staff"], placed, _xlsx([_row(placed, 0, 10)], header=header)
    )
    assert response.context["checked"].ok


def test_an_unreadable_encoding_is_refused(personas, placed):
    # Bytes that are neither UTF-8 nor Windows-1252 (0x81 and 0x8D are unused in 1252).
    upload = SimpleUploadedFile("sales.csv", b"Ref,Date\r\n\x81\x8d\x8f,\x90\x9d\r\n")
    response = _upload(personas["lucknow_staff"], placed, upload)
    assert "cannot be read" in response.context["form"].errors["file"][0]


def test_a_stale_confirmation_saves_nothing(personas, placed):
    response = personas["lucknow_staff"].post(
        reverse("stalls:sales_upload", args=[placed.fair_id]), {"confirm": "1", "token": "forged"}
    )
    assert response.status_code == 302
    assert not DailySale.objects.exists()


def test_totals_by_district_and_product_match_the_records(
    personas, placed, lucknow_staff, varanasi_staff
):
    from stalls.selectors import sales_totals

    sale_record(
        user=lucknow_staff,
        allocation=placed,
        date=_day(placed, 0),
        amount=Decimal(1500),
        enquiries=4,
        export_leads=1,
    )
    sale_record(
        user=lucknow_staff,
        allocation=placed,
        date=_day(placed, 1),
        amount=Decimal(2500),
        enquiries=2,
    )
    totals = sales_totals(user=personas["principal_secretary"].user, fair_ids=[placed.fair_id])
    assert (totals.amount, totals.enquiries, totals.export_leads) == (Decimal(4000), 6, 1)
    assert [(r["district"].name_en, r["amount"]) for r in totals.by_district] == [
        ("Lucknow", Decimal(4000))
    ]
    assert [r["product"] for r in totals.by_product] == [placed.nomination.exhibitor.product]
    assert sales_totals(user=varanasi_staff, fair_ids=[placed.fair_id]).amount == 0
    page = personas["principal_secretary"].get(reverse("events:fair_detail", args=[placed.fair_id]))
    assert "₹4,000 sold, 6 enquiries and 1 export leads so far." in page.content.decode()
