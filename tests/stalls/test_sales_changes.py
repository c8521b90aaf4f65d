"""Daily sales that show their changes: the pre-filled template, the upload preview of new,
changed and unchanged rows, the confirmation to replace saved figures, the refusal of a stale
preview, the same on the day's entry page, and the day the entry page opens on."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.audit.models import AuditEntry
from core.exceptions import ApplicationError
from core.spreadsheets import Sheet
from stalls.models import Allocation, DailySale
from stalls.sales import COLUMNS, OLD_HEADINGS, sale_record, sales_upload_commit
from tests.queries import assert_constant_queries, assert_num_queries
from tests.stalls.test_views import _grow_allocations


@pytest.fixture
def placed(allocation, live_fair):
    """An allocated Lucknow stall in a fair that started ten days ago and ends in five."""
    return Allocation.objects.select_related("fair").get(pk=allocation.pk)


def _day(placed, offset):
    return placed.fair.start_date + datetime.timedelta(days=offset)


def _save(user, placed, offset, amount, enquiries=0, export_leads=0):
    return sale_record(
        user=user,
        allocation=placed,
        date=_day(placed, offset),
        amount=Decimal(amount),
        enquiries=enquiries,
        export_leads=export_leads,
    )


def _figures(placed, offset):
    sale = DailySale.objects.get(allocation=placed, date=_day(placed, offset))
    return (sale.amount, sale.enquiries, sale.export_leads)


def _template(client, placed, **query):
    return client.get(reverse("stalls:sales_template", args=[placed.fair_id]), query)


def _book(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _xlsx(book) -> SimpleUploadedFile:
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("sales.xlsx", data.getvalue())


def _upload_url(placed):
    return reverse("stalls:sales_upload", args=[placed.fair_id])


def _preview(client, placed, upload):
    return client.post(_upload_url(placed), {"file": upload})


def _confirm(client, placed, preview, replace=False):
    data = {"confirm": "1", "token": preview.context["token"]}
    if replace:
        data["replace"] = "on"
    return client.post(_upload_url(placed), data)


def _row_of(sheet, placed, offset):
    """The sheet row (1-based) of the place's day."""
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == placed.pk and row[3].value.date() == _day(placed, offset):
            return row[0].row
    raise AssertionError("no such row")


# --- The template ----------------------------------------------------------------------------


def test_the_template_is_filled_with_the_saved_figures_as_numbers_and_dates(
    personas, placed, lucknow_staff
):
    _save(lucknow_staff, placed, 0, "12500.50", enquiries=7, export_leads=1)
    _save(lucknow_staff, placed, 2, "800", enquiries=3)
    sheet = _book(_template(personas["lucknow_staff"], placed)).active
    assert [c.value for c in sheet[1]] == [en for _key, en, _hi in COLUMNS]
    days = (timezone.localdate() - placed.fair.start_date).days + 1
    assert sheet.max_row == 1 + days  # the days that have come, not the five to come
    first = sheet[_row_of(sheet, placed, 0)]
    assert first[3].is_date and first[3].value.date() == _day(placed, 0)
    assert [(c.data_type, c.value) for c in first[4:7]] == [("n", 12500.5), ("n", 7), ("n", 1)]
    third = sheet[_row_of(sheet, placed, 2)]
    assert [c.value for c in third[4:7]] == [800, 3, 0]
    assert all(isinstance(c.value, int | float) for c in third[4:7])
    empty = sheet[_row_of(sheet, placed, 1)]
    assert empty[3].is_date
    assert [c.value for c in empty[4:7]] == [None, None, None]


def test_the_csv_template_has_iso_dates_and_the_saved_figures(personas, placed, lucknow_staff):
    _save(lucknow_staff, placed, 0, "12500.50", enquiries=7, export_leads=1)
    response = _template(personas["lucknow_staff"], placed, format="csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][3:] == [_day(placed, 0).isoformat(), "12500.50", "7", "1"]
    assert rows[2][3:] == [_day(placed, 1).isoformat(), "", "", ""]


def test_the_csv_template_uploaded_back_is_all_unchanged(personas, placed, lucknow_staff):
    _save(lucknow_staff, placed, 0, "12500.50", enquiries=7, export_leads=1)
    client = personas["lucknow_staff"]
    data = _template(client, placed, format="csv").content
    response = _preview(client, placed, SimpleUploadedFile("sales.csv", data))
    changes = response.context["checked"].changes
    assert (len(changes.new), len(changes.changed), len(changes.unchanged)) == (0, 0, 1)


def test_the_template_shows_only_the_users_district(personas, placed, lucknow_staff):
    _save(lucknow_staff, placed, 0, "100")
    sheet = _book(_template(personas["varanasi_staff"], placed)).active
    assert sheet.max_row == 1


# --- The upload preview ----------------------------------------------------------------------


def test_the_unchanged_template_uploaded_back_changes_nothing(personas, placed, lucknow_staff):
    _save(lucknow_staff, placed, 0, "12500.50", enquiries=7, export_leads=1)
    _save(lucknow_staff, placed, 2, "800", enquiries=3)
    client = personas["lucknow_staff"]
    stamps = list(DailySale.objects.order_by("pk").values_list("updated_at", flat=True))
    audit_rows = AuditEntry.objects.count()
    response = _preview(client, placed, _xlsx(_book(_template(client, placed))))
    checked = response.context["checked"]
    assert checked.ok, checked.errors
    changes = checked.changes
    assert (len(changes.new), len(changes.changed), len(changes.unchanged)) == (0, 0, 2)
    assert checked.skipped == (timezone.localdate() - placed.fair.start_date).days + 1 - 2
    assert response.context["token"] == "" and response.context["confirm_form"] is None
    assert "Nothing to save" in response.content.decode()
    assert list(DailySale.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    assert AuditEntry.objects.count() == audit_rows


def test_a_changed_figure_is_shown_old_to_new_and_needs_confirmation(
    personas, placed, lucknow_staff
):
    _save(lucknow_staff, placed, 0, "1000", enquiries=2)
    client = personas["lucknow_staff"]
    book = _book(_template(client, placed))
    sheet = book.active
    sheet.cell(row=_row_of(sheet, placed, 0), column=5, value=1500)
    sheet.cell(row=_row_of(sheet, placed, 0), column=6, value=4)
    preview = _preview(client, placed, _xlsx(book))
    changes = preview.context["checked"].changes
    assert len(changes.changed) == 1 and changes.replacing == 2
    assert [(c.name, c.old, c.new) for c in changes.changed[0]["differences"]] == [
        ("amount", Decimal("1000.00"), Decimal("1500.00")),
        ("enquiries", 2, 4),
    ]
    page = preview.content.decode()
    assert "₹1,000 → <strong>₹1,500</strong>" in page
    assert "I confirm replacing 2 saved figures" in page

    refused = _confirm(client, placed, preview)
    assert refused.status_code == 200
    assert "Tick the box" in refused.context["confirm_form"].errors["replace"][0]
    assert _figures(placed, 0) == (Decimal("1000.00"), 2, 0)

    saved = _confirm(client, placed, preview, replace=True)  # the file was kept
    assert saved.status_code == 302
    assert _figures(placed, 0) == (Decimal("1500.00"), 4, 0)
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.action, entry.source) == ("update", "import")
    assert entry.changes == {"amount": ["1000.00", "1500.00"], "enquiries": [2, 4]}


def test_new_rows_save_without_confirmation_and_unchanged_rows_are_not_written(
    personas, placed, lucknow_staff
):
    kept = _save(lucknow_staff, placed, 0, "1000")
    client = personas["lucknow_staff"]
    book = _book(_template(client, placed))
    sheet = book.active
    sheet.cell(row=_row_of(sheet, placed, 1), column=5, value=250)
    preview = _preview(client, placed, _xlsx(book))
    changes = preview.context["checked"].changes
    assert (len(changes.new), len(changes.changed), len(changes.unchanged)) == (1, 0, 1)
    assert "I confirm replacing" not in preview.content.decode()
    assert _confirm(client, placed, preview).status_code == 302
    assert _figures(placed, 1) == (Decimal("250.00"), 0, 0)
    assert DailySale.objects.get(pk=kept.pk).updated_at == kept.updated_at


def test_a_file_with_a_new_and_a_changed_row_saves_nothing_without_confirmation(
    personas, placed, lucknow_staff
):
    _save(lucknow_staff, placed, 0, "1000")
    client = personas["lucknow_staff"]
    book = _book(_template(client, placed))
    sheet = book.active
    sheet.cell(row=_row_of(sheet, placed, 0), column=5, value=900)
    sheet.cell(row=_row_of(sheet, placed, 1), column=5, value=250)
    preview = _preview(client, placed, _xlsx(book))
    assert _confirm(client, placed, preview).status_code == 200
    assert DailySale.objects.count() == 1
    assert _figures(placed, 0) == (Decimal("1000.00"), 0, 0)


def test_dates_are_read_as_date_cells_and_as_text(personas, placed):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([en for _key, en, _hi in COLUMNS])
    sheet.append([placed.pk, "S1", "x", _day(placed, 0), 10, 0, 0])
    sheet.append([placed.pk, "S1", "x", _day(placed, 1).strftime("%d-%m-%Y"), 20, 0, 0])
    sheet.append([placed.pk, "S1", "x", _day(placed, 2).strftime("%d/%m/%Y"), 30, 0, 0])
    sheet.append([placed.pk, "S1", "x", _day(placed, 3).isoformat(), 40, 0, 0])
    checked = _preview(personas["lucknow_staff"], placed, _xlsx(book)).context["checked"]
    assert checked.ok, checked.errors
    assert [row["date"] for row in checked.changes.new] == [_day(placed, n) for n in range(4)]


def test_a_template_downloaded_before_keeps_its_date_heading(personas, placed):
    header = [en for _key, en, _hi in COLUMNS]
    header[3] = OLD_HEADINGS[0][1]
    book = openpyxl.Workbook()
    book.active.append(header)
    book.active.append([placed.pk, "S1", "x", _day(placed, 0).strftime("%d-%m-%Y"), 10, 0, 0])
    checked = _preview(personas["lucknow_staff"], placed, _xlsx(book)).context["checked"]
    assert checked.ok and len(checked.changes.new) == 1


def test_bad_rows_are_still_named_and_nothing_is_listed_as_ready(personas, placed):
    book = openpyxl.Workbook()
    book.active.append([en for _key, en, _hi in COLUMNS])
    book.active.append([placed.pk, "S1", "x", _day(placed, 0), 10, 0, 0])
    book.active.append([placed.pk, "S1", "x", _day(placed, 14), 10, 0, 0])  # to come
    response = _preview(personas["lucknow_staff"], placed, _xlsx(book))
    checked = response.context["checked"]
    assert checked.errors == [(3, "date: Sales cannot be entered for a day that has not come yet.")]
    assert checked.changes is None and response.context["token"] == ""


# --- A preview gone stale --------------------------------------------------------------------


def test_a_day_saved_on_the_page_after_the_preview_refuses_the_upload(
    personas, placed, lucknow_staff
):
    client = personas["lucknow_staff"]
    book = _book(_template(client, placed))
    sheet = book.active
    sheet.cell(row=_row_of(sheet, placed, 3), column=5, value=700)
    preview = _preview(client, placed, _xlsx(book))
    assert len(preview.context["checked"].changes.new) == 1  # nothing to confirm
    _save(lucknow_staff, placed, 3, "650")  # someone saves the day's entry meanwhile

    refused = _confirm(client, placed, preview)
    assert refused.status_code == 200
    assert "saved after the preview" in refused.context["notice"]
    assert _figures(placed, 3) == (Decimal("650.00"), 0, 0)
    # The new preview shows the figure now saved, and asks for the confirmation.
    changes = refused.context["checked"].changes
    assert [(c.old, c.new) for c in changes.changed[0]["differences"]] == [
        (Decimal("650.00"), Decimal("700.00"))
    ]
    assert _confirm(client, placed, refused, replace=True).status_code == 302
    assert _figures(placed, 3) == (Decimal("700.00"), 0, 0)


def test_a_confirmed_replacement_is_refused_when_the_figure_changed_since(
    personas, placed, lucknow_staff
):
    _save(lucknow_staff, placed, 0, "1000")
    client = personas["lucknow_staff"]
    book = _book(_template(client, placed))
    sheet = book.active
    sheet.cell(row=_row_of(sheet, placed, 0), column=5, value=1500)
    preview = _preview(client, placed, _xlsx(book))
    _save(lucknow_staff, placed, 0, "1200")  # what the preview did not show
    refused = _confirm(client, placed, preview, replace=True)
    assert refused.status_code == 200 and refused.context["notice"]
    assert _figures(placed, 0) == (Decimal("1200.00"), 0, 0)
    assert not refused.context["confirm_form"]["replace"].value()  # unticked again


def test_the_service_refuses_a_save_whose_preview_fingerprint_is_out_of_date(placed, lucknow_staff):
    sheet = Sheet(
        header=["Ref", "Date", "Sales (Rs)"],
        rows=[[placed.pk, _day(placed, 0), 10], [placed.pk, _day(placed, 1), 20]],
    )
    with pytest.raises(ApplicationError) as error:
        sales_upload_commit(user=lucknow_staff, fair=placed.fair, sheet=sheet, fingerprint="0")
    assert error.value.code == "stale"
    assert not DailySale.objects.exists()


def test_the_service_refuses_to_replace_without_confirmation(placed, lucknow_staff):
    _save(lucknow_staff, placed, 0, "5")
    sheet = Sheet(
        header=["Ref", "Date", "Sales (Rs)"],
        rows=[[placed.pk, _day(placed, 0), 10], [placed.pk, _day(placed, 1), 20]],
    )
    with pytest.raises(ApplicationError) as error:
        sales_upload_commit(user=lucknow_staff, fair=placed.fair, sheet=sheet)
    assert (error.value.code, error.value.field) == ("confirm_replace", "replace")
    assert DailySale.objects.count() == 1
    assert sales_upload_commit(user=lucknow_staff, fair=placed.fair, sheet=sheet, replace=True) == 2


# --- The day's entry page --------------------------------------------------------------------


def _sales_url(placed):
    return reverse("stalls:sales", args=[placed.fair_id])


def _entry(client, placed, offset, seen, replace=False, **figures):
    data = {
        "date": _day(placed, offset).isoformat(),
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-allocation": placed.pk,
        "form-0-seen": seen,
        **{f"form-0-{name}": value for name, value in figures.items()},
    }
    if replace:
        data["replace"] = "on"
    return client.post(_sales_url(placed), data)


def _seen(page):
    return page.context["formset"].forms[0].initial["seen"]


def test_the_entry_page_shows_the_saved_figures_beside_the_inputs(personas, placed, lucknow_staff):
    _save(lucknow_staff, placed, 1, "1000", enquiries=2)
    page = personas["lucknow_staff"].get(_sales_url(placed), {"date": _day(placed, 1)})
    html = page.content.decode()
    assert "Saved: ₹1,000" in html and "Saved: 2" in html
    assert "I confirm replacing" not in html  # nothing to confirm before a figure changes


def test_changing_a_saved_figure_on_the_page_needs_confirmation(personas, placed, lucknow_staff):
    _save(lucknow_staff, placed, 1, "1000", enquiries=2)
    client = personas["lucknow_staff"]
    seen = _seen(client.get(_sales_url(placed), {"date": _day(placed, 1)}))
    refused = _entry(client, placed, 1, seen, amount="1200", enquiries="2", export_leads="0")
    assert refused.status_code == 200
    assert "Tick the box" in refused.context["confirm_form"].errors["replace"][0]
    html = refused.content.decode()
    assert "₹1,000 → ₹1,200" in html and "I confirm replacing 1 saved figure" in html
    assert _figures(placed, 1) == (Decimal("1000.00"), 2, 0)

    saved = _entry(
        client, placed, 1, seen, replace=True, amount="1200", enquiries="2", export_leads="0"
    )
    assert saved.status_code == 302
    assert _figures(placed, 1) == (Decimal("1200.00"), 2, 0)


def test_a_new_figure_on_the_page_saves_without_confirmation(personas, placed):
    client = personas["lucknow_staff"]
    seen = _seen(client.get(_sales_url(placed), {"date": _day(placed, 4)}))
    response = _entry(client, placed, 4, seen, amount="300", enquiries="1", export_leads="0")
    assert response.status_code == 302
    assert _figures(placed, 4) == (Decimal("300.00"), 1, 0)


def test_the_unchanged_entry_page_saved_again_writes_nothing(personas, placed, lucknow_staff):
    sale = _save(lucknow_staff, placed, 1, "1000", enquiries=2)
    client = personas["lucknow_staff"]
    seen = _seen(client.get(_sales_url(placed), {"date": _day(placed, 1)}))
    response = _entry(client, placed, 1, seen, amount="1000.00", enquiries="2", export_leads="0")
    assert response.status_code == 302
    assert DailySale.objects.get().updated_at == sale.updated_at


def test_the_entry_page_refuses_a_save_over_figures_saved_since_it_was_opened(
    personas, placed, lucknow_staff
):
    _save(lucknow_staff, placed, 1, "1000")
    client = personas["lucknow_staff"]
    seen = _seen(client.get(_sales_url(placed), {"date": _day(placed, 1)}))
    _save(lucknow_staff, placed, 1, "1100")  # someone else, meanwhile
    refused = _entry(
        client, placed, 1, seen, replace=True, amount="1500", enquiries="0", export_leads="0"
    )
    assert refused.status_code == 200
    assert "saved by someone else" in refused.context["formset"].non_form_errors()[0]
    assert _figures(placed, 1) == (Decimal("1100.00"), 0, 0)
    html = refused.content.decode()
    assert "₹1,100 → ₹1,500" in html
    form = refused.context["formset"].forms[0]
    assert form["amount"].value() == "1500"  # what was typed stays
    assert form["seen"].value() != seen  # the fingerprint of what is shown now
    assert refused.context["confirm_form"]["replace"].value() is False
    again = _entry(
        client,
        placed,
        1,
        form["seen"].value(),
        replace=True,
        amount="1500",
        enquiries="0",
        export_leads="0",
    )
    assert again.status_code == 302
    assert _figures(placed, 1) == (Decimal("1500.00"), 0, 0)


# --- The day the entry page opens on ---------------------------------------------------------


def _opens_on(client, placed):
    page = client.get(_sales_url(placed))
    return page, page.context["day"]


def test_the_entry_page_opens_on_today_while_the_fair_runs(personas, placed):
    page, day = _opens_on(personas["lucknow_staff"], placed)
    assert day == timezone.localdate()
    assert page.context["day_error"] is None


def test_the_entry_page_opens_on_the_last_day_of_a_fair_that_has_ended(
    personas, placed, lucknow_staff
):
    fair = placed.fair
    today = timezone.localdate()
    fair.start_date, fair.end_date = (
        today - datetime.timedelta(days=9),
        today - datetime.timedelta(days=2),
    )
    fair.save()
    client = personas["lucknow_staff"]
    page, day = _opens_on(client, placed)
    assert day == fair.end_date and page.context["day_error"] is None
    response = _entry(client, placed, 7, _seen(page), amount="100", enquiries="0", export_leads="0")
    assert response.status_code == 302  # the default day can be saved
    assert DailySale.objects.get().date == fair.end_date


def test_the_entry_page_says_when_no_day_of_the_fair_has_come(personas, placed):
    fair = placed.fair
    today = timezone.localdate()
    fair.start_date, fair.end_date = (
        today + datetime.timedelta(days=3),
        today + datetime.timedelta(days=9),
    )
    fair.save()
    page, day = _opens_on(personas["lucknow_staff"], placed)
    assert day == fair.start_date
    assert "not come yet" in page.context["day_error"]
    assert 'name="form-0-amount"' not in page.content.decode()


# --- Query counts ----------------------------------------------------------------------------


def _grow_with_sales(placed, lucknow, cell_officer, lucknow_staff, count):
    """``count`` more allocated places in the fair, each with two days of sales saved."""
    if count:
        _grow_allocations(placed.fair, lucknow, cell_officer, count)
    for place in Allocation.objects.filter(fair=placed.fair).select_related("fair"):
        if not place.sales.exists():
            _save(lucknow_staff, place, 0, "100")
            _save(lucknow_staff, place, 1, "200")


def test_the_template_download_runs_a_constant_number_of_queries(
    personas, placed, lucknow, cell_officer, lucknow_staff
):
    client = personas["lucknow_staff"]
    _save(lucknow_staff, placed, 0, "100")
    client.get(reverse("stalls:sales_template", args=[placed.fair_id]))
    # session user, permissions, fair, the district's active places, their saved sales
    with assert_num_queries(5):
        _template(client, placed)
    assert_constant_queries(
        lambda: _template(client, placed),
        lambda: _grow_with_sales(placed, lucknow, cell_officer, lucknow_staff, 12),
    )


def _filled_template(placed, sales_by_key) -> bytes:
    """The template for every place so far: the first day as saved, the second changed, the
    third new (built without queries, so the count is the upload's alone)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([en for _key, en, _hi in COLUMNS])
    for pk in sorted({pk for pk, _saved_day in sales_by_key}):
        sheet.append([pk, "S", "x", _day(placed, 0), 100, 0, 0])
        sheet.append([pk, "S", "x", _day(placed, 1), 250, 1, 0])
        sheet.append([pk, "S", "x", _day(placed, 2), 300, 0, 0])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_the_upload_preview_runs_a_constant_number_of_queries(
    personas, placed, lucknow, cell_officer, lucknow_staff
):
    client = personas["lucknow_staff"]
    _grow_with_sales(placed, lucknow, cell_officer, lucknow_staff, 0)
    upload = {}

    def refresh():
        keys = set(DailySale.objects.values_list("allocation_id", "date"))
        upload["data"] = _filled_template(placed, keys)

    def preview():
        response = _preview(client, placed, SimpleUploadedFile("s.xlsx", upload["data"]))
        changes = response.context["checked"].changes
        assert len(changes.changed) == len(changes.unchanged) == len(changes.new) > 0

    refresh()
    preview()
    # session user, permissions, fair, the district's active places, the saved sales of the
    # file's places and days; then the session keeps the stored file's token (savepoint,
    # update, release)
    with assert_num_queries(8):
        preview()
    assert_constant_queries(
        preview,
        lambda: (_grow_with_sales(placed, lucknow, cell_officer, lucknow_staff, 15), refresh()),
    )


def test_the_entry_page_with_saved_figures_runs_a_constant_number_of_queries(
    personas, placed, lucknow, cell_officer, lucknow_staff
):
    client = personas["lucknow_staff"]
    _grow_with_sales(placed, lucknow, cell_officer, lucknow_staff, 0)
    url = _sales_url(placed)
    client.get(url, {"date": _day(placed, 1)})
    # session user, permissions, fair, the district's active places, their sales of the day
    with assert_num_queries(5):
        client.get(url, {"date": _day(placed, 1)})
    assert_constant_queries(
        lambda: client.get(url, {"date": _day(placed, 1)}),
        lambda: _grow_with_sales(placed, lucknow, cell_officer, lucknow_staff, 15),
    )
