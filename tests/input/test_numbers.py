"""Numbers out of their bounds: a field-level 4xx on the API, a form error on the pages, a
named row in the upload, and nothing saved. The bound is the model field's, read everywhere."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.fields import field_bounds
from stalls.models import Allotment, DailySale
from stalls.sales import COLUMNS
from tests.api.clients import api_client, assert_error

# (field, value) a day's sales must refuse: beyond the bound, or below it, or not a number.
SALE_VALUES = [
    ("enquiries", 10**12),
    ("enquiries", 2**31),
    ("enquiries", 100_001),
    ("enquiries", -1),
    ("export_leads", 10_001),
    ("export_leads", 10**40),
    ("amount", "1e20"),
    ("amount", "100000000.01"),
    ("amount", "-5"),
    ("amount", "NaN"),
    ("amount", "Infinity"),
]


def _sale(placed, **values):
    return {
        "allocation": placed.pk,
        "date": str(placed.fair.start_date),
        "amount": "100.00",
        **values,
    }


@pytest.mark.parametrize(("name", "value"), SALE_VALUES)
def test_the_api_refuses_a_sale_figure_out_of_bounds_at_its_field(
    lucknow_staff, placed, name, value
):
    response = api_client(lucknow_staff).post(
        "/api/v1/daily-sales/", _sale(placed, **{name: value}), format="json"
    )
    body = assert_error(response, 400, "invalid")
    assert list(body["fields"]) == [name]
    assert DailySale.objects.count() == 0


@pytest.mark.parametrize(("name", "value"), SALE_VALUES)
def test_the_sales_page_refuses_a_figure_out_of_bounds_at_its_field(personas, placed, name, value):
    values = {"amount": "100", "enquiries": "0", "export_leads": "0", name: str(value)}
    response = personas["lucknow_staff"].post(
        reverse("stalls:sales", args=[placed.fair_id]),
        {
            "date": placed.fair.start_date.isoformat(),
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-allocation": placed.pk,
            **{f"form-0-{key}": item for key, item in values.items()},
        },
    )
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors[name]
    assert DailySale.objects.count() == 0


def _csv(placed, **values) -> SimpleUploadedFile:
    day = placed.fair.start_date.strftime("%d-%m-%Y")
    row = {"ref": placed.pk, "place": "S1", "exhibitor": "x", "date": day, "amount": "100"}
    row.update({"enquiries": "0", "export_leads": "0", **values})
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([en for _key, en, _hi in COLUMNS])
    writer.writerow([row[key] for key, _en, _hi in COLUMNS])
    return SimpleUploadedFile("sales.csv", text.getvalue().encode())


@pytest.mark.parametrize(("name", "value"), SALE_VALUES)
def test_the_upload_names_the_row_of_a_figure_out_of_bounds_and_saves_nothing(
    personas, placed, name, value
):
    response = personas["lucknow_staff"].post(
        reverse("stalls:sales_upload", args=[placed.fair_id]),
        {"file": _csv(placed, **{name: value})},
    )
    checked = response.context["checked"]
    assert not checked.ok and [number for number, _ in checked.errors] == [2]
    assert DailySale.objects.count() == 0


def test_a_row_the_preview_calls_ready_saves_at_the_bounds(personas, placed):
    client = personas["lucknow_staff"]
    upper = {name: field_bounds(DailySale, name)["max_value"] for name in ("enquiries", "amount")}
    response = client.post(
        reverse("stalls:sales_upload", args=[placed.fair_id]),
        {"file": _csv(placed, export_leads=10_000, **upper)},
    )
    assert response.context["checked"].ok
    client.post(
        reverse("stalls:sales_upload", args=[placed.fair_id]),
        {"confirm": "1", "token": response.context["token"]},
    )
    sale = DailySale.objects.get()
    assert (sale.enquiries, sale.export_leads) == (100_000, 10_000)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"units": 10**6}, "units"),
        ({"units": -1}, "units"),
        ({"area": "1000000"}, "area"),
        ({"area": "-1"}, "area"),
        ({"district": 10**30}, "district"),
    ],
)
def test_an_allotment_out_of_bounds_is_refused_at_its_field(
    cell_officer, units_space, lucknow, payload, field
):
    body = {"space": units_space.pk, "district": lucknow.pk, **payload}
    response = api_client(cell_officer).post("/api/v1/allotments/", body, format="json")
    assert list(assert_error(response, 400, "invalid")["fields"]) == [field]
    assert Allotment.objects.count() == 0


def test_the_admin_refuses_an_allotment_beyond_the_bound(personas, units_space, lucknow):
    response = personas["cell_officer"].post(
        reverse("admin:stalls_allotment_add"),
        {"space": units_space.pk, "district": lucknow.pk, "units": 10**7, "area": "0"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["units"]
    assert Allotment.objects.count() == 0


def test_a_space_of_absurd_capacity_is_refused(cell_officer, fair):
    response = api_client(cell_officer).post(
        "/api/v1/spaces/",
        {"fair": fair.pk, "name_en": "Hall", "name_hi": "हॉल", "measure": "units"}
        | {"capacity_units": 10**9},
        format="json",
    )
    assert "capacity_units" in assert_error(response, 400, "invalid")["fields"]


def test_the_day_of_a_sale_must_be_a_real_calendar_day(lucknow_staff, placed):
    response = api_client(lucknow_staff).post(
        "/api/v1/daily-sales/", _sale(placed, date="2026-02-30"), format="json"
    )
    assert list(assert_error(response, 400, "invalid")["fields"]) == ["date"]


def test_the_bounds_are_the_same_for_every_entry_point():
    from stalls.api.serializers import DailySaleRecordSerializer
    from stalls.forms import SaleRowForm

    api = DailySaleRecordSerializer().fields
    page = SaleRowForm().fields
    for name in ("amount", "enquiries", "export_leads"):
        model = field_bounds(DailySale, name)
        assert (api[name].max_value, page[name].max_value) == (model["max_value"],) * 2, name
