"""District staff and the cell register exhibitors from a spreadsheet: template, preview,
matches, all-or-nothing save."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from core.audit.models import AuditEntry
from core.identifiers import gstin_check_character
from exhibitors.forms import ExhibitorForm
from exhibitors.imports.columns import COLUMNS, FIELDS
from exhibitors.models import Exhibitor
from exhibitors.services import exhibitor_update
from tests import factories
from tests.queries import assert_constant_queries

ENGLISH = [en for _key, en, _hi in COLUMNS]
HINDI = [hi for _key, _en, hi in COLUMNS]
IMPORT = reverse("exhibitors:import")
TEMPLATE = reverse("exhibitors:import_template")


def _gstin(serial: int) -> str:
    first14 = f"09AAACH{serial:04d}R1Z"
    return first14 + gstin_check_character(first14)


def _row(n: int, **values) -> list:
    """A good row of a new artisan of Lucknow, by the template's columns."""
    row = {
        "kind": "Individual artisan",
        "name": f"कारीगर {n}",
        "product": "Chikankari",
        "contact_person": "",
        "mobile": f"+91 94152 {n:05d}",
        "email": "",
        "udyam_number": "",
        "gstin": "",
        **values,
    }
    return [row[name] for name in FIELDS]


def _xlsx(rows, header=None, name="register.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header or ENGLISH)
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile(name, data.getvalue())


def _preview(client, upload, **data):
    return client.post(IMPORT, {"file": upload, **data})


def _save(client, preview, **choices):
    return client.post(IMPORT, {"confirm": "1", "token": preview.context["token"], **choices})


def _errors(response) -> list[tuple]:
    return [(e.row, e.column, e.message) for e in response.context["checked"].errors]


# --- The template ----------------------------------------------------------------------------


def test_the_columns_are_the_fields_of_the_registration_form():
    assert [name for name in ExhibitorForm.Meta.fields if name != "district"] == FIELDS


def test_the_template_downloads_with_its_headings_and_the_districts_products(personas, lucknow):
    response = personas["lucknow_staff"].get(TEMPLATE)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    exhibitors, kinds, products = book.worksheets
    assert [cell.value for cell in exhibitors[1]] == ENGLISH
    assert [row[0] for row in kinds.iter_rows(min_row=2, values_only=True)] == [
        str(kind.label) for kind in Exhibitor.Kind
    ]
    listed = [row[1] for row in products.iter_rows(min_row=2, values_only=True)]
    assert sorted(listed) == sorted(lucknow.products.values_list("name_en", flat=True))
    # Drop-down lists of the kinds and of the products in their columns.
    assert {str(dv.sqref) for dv in exhibitors.data_validations.dataValidation} == {
        "A2:A2001",
        "C2:C2001",
    }


def test_the_template_speaks_the_users_language(personas):
    client = personas["lucknow_staff"]
    client.cookies["django_language"] = "hi"
    book = openpyxl.load_workbook(io.BytesIO(client.get(TEMPLATE).content))
    assert [cell.value for cell in book.worksheets[0][1]] == HINDI


def test_an_officer_chooses_the_district_of_the_template(personas, varanasi):
    response = personas["cell_officer"].get(TEMPLATE, {"district": varanasi.pk})
    products = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[2]
    listed = {row[1] for row in products.iter_rows(min_row=2, values_only=True)}
    assert listed == set(varanasi.products.values_list("name_en", flat=True))


def test_the_csv_template_is_as_excel_saves_it(personas):
    response = personas["lucknow_staff"].get(TEMPLATE, {"format": "csv"})
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response.content.decode("utf-8-sig").strip() == ",".join(ENGLISH)


def test_a_filled_template_uploads_back(personas, lucknow):
    client = personas["lucknow_staff"]
    book = openpyxl.load_workbook(io.BytesIO(client.get(TEMPLATE).content))
    row = _row(1)
    row[FIELDS.index("mobile")] = 9415200001  # typed into a number cell
    book.worksheets[0].append(row)
    data = io.BytesIO()
    book.save(data)
    response = _preview(client, SimpleUploadedFile("t.xlsx", data.getvalue()))
    assert response.context["checked"].ok
    assert len(response.context["checked"].new) == 1


# --- New exhibitors --------------------------------------------------------------------------


def test_a_file_of_new_rows_registers_them_all_audited(personas, lucknow):
    client = personas["lucknow_staff"]
    rows = [_row(n) for n in range(1, 6)]
    rows[1] = _row(2, kind="unit", gstin=_gstin(2).lower(), udyam_number="udyam-up-01-0000002")
    preview = _preview(client, _xlsx(rows))
    checked = preview.context["checked"]
    assert checked.ok and len(checked.new) == 5
    assert not Exhibitor.objects.exists()  # the preview saves nothing
    response = _save(client, preview)
    assert response.status_code == 302 and response["Location"] == reverse("exhibitors:list")
    saved = Exhibitor.objects.order_by("mobile")
    assert [e.mobile for e in saved] == [f"94152{n:05d}" for n in range(1, 6)]
    assert {e.district for e in saved} == {lucknow}
    assert {e.created_by for e in saved} == {client.user}
    unit = Exhibitor.objects.get(kind="unit")
    assert unit.gstin == _gstin(2) and unit.udyam_number == "UDYAM-UP-01-0000002"
    entries = AuditEntry.objects.filter(
        content_type__model="exhibitor", object_id__in=[e.pk for e in saved], action="create"
    )
    assert entries.count() == 5
    assert set(entries.values_list("source", flat=True)) == {"import"}
    assert set(entries.values_list("user", flat=True)) == {client.user.pk}


def test_hindi_names_of_kinds_and_products_are_accepted(personas):
    rows = [_row(1, kind="व्यक्तिगत कारीगर", product="चिकनकारी")]
    client = personas["lucknow_staff"]
    client.cookies["django_language"] = "hi"
    preview = _preview(client, _xlsx(rows, header=HINDI))
    checked = preview.context["checked"]
    assert checked.ok, _errors(preview)
    assert checked.new[0].exhibitor.product.name_en == "Chikankari"


@pytest.mark.parametrize(
    "values, column, message",
    [
        (
            {"mobile": "941520000"},
            "Mobile",
            "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9.",
        ),
        (
            {"kind": "unit", "gstin": "09AAACH0003R1ZA"},
            "GSTIN",
            "This GSTIN's check digit is wrong: please check each character.",
        ),
        (
            {"product": "Banarasi silk sarees"},
            "ODOP product",
            "This product is not one of the exhibitor's district's products.",
        ),
        ({"product": ""}, "ODOP product", "Choose the exhibitor's ODOP product."),
        ({"name": ""}, "Name", "This field cannot be blank."),
    ],
)
def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_saved(
    personas, values, column, message
):
    client = personas["lucknow_staff"]
    rows = [_row(1), _row(2), _row(3, **values)]
    preview = _preview(client, _xlsx(rows))
    assert _errors(preview) == [(4, column, message)]
    assert preview.context["token"] == "" and preview.context["confirm_form"] is None
    # A confirmation without a preview kept saves nothing either.
    _save(client, preview)
    assert not Exhibitor.objects.exists()


def test_an_unknown_product_and_kind_are_refused_at_their_columns(personas):
    preview = _preview(
        personas["lucknow_staff"], _xlsx([_row(1, kind="weaver", product="Brassware")])
    )
    assert [(row, column) for row, column, _m in _errors(preview)] == [
        (2, "Kind"),
        (2, "ODOP product"),
    ]
    assert "Brassware" in _errors(preview)[1][2]


def test_row_errors_are_in_the_users_language(personas):
    client = personas["lucknow_staff"]
    client.cookies["django_language"] = "hi"
    preview = _preview(client, _xlsx([_row(1, mobile="941520000")]))
    assert _errors(preview) == [
        (2, "मोबाइल", "6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का भारतीय मोबाइल नंबर दर्ज करें।")
    ]


@pytest.mark.parametrize(
    "later",
    [
        {"mobile": "09415200001"},
        {"kind": "unit", "mobile": "9415200009", "gstin": _gstin(1)},
        {"mobile": "9415200009", "udyam_number": "UDYAM-UP-01-0000001"},
    ],
)
def test_two_rows_of_one_exhibitor_are_an_error_on_the_later_row(personas, later):
    first = _row(1, kind="unit", gstin=_gstin(1), udyam_number="UDYAM-UP-01-0000001")
    preview = _preview(personas["lucknow_staff"], _xlsx([first, _row(5), _row(2, **later)]))
    ((row, _column, message),) = _errors(preview)
    assert row == 4 and message == "The same value is already in row 2."


# --- Matches ---------------------------------------------------------------------------------


def _registered(lucknow, **fields):
    values = {"mobile": "9415300001", "name": "Registered Artisan", **fields}
    return factories.exhibitor(district=lucknow, **values)


@pytest.mark.parametrize(
    "registered, row",
    [
        ({}, {"mobile": "+91 94153 00001"}),
        (
            {"kind": "unit", "udyam_number": "UDYAM-UP-01-0000009"},
            {"kind": "unit", "mobile": "9415399999", "udyam_number": "udyam-up-01-0000009"},
        ),
        (
            {"kind": "unit", "gstin": _gstin(9)},
            {"kind": "unit", "mobile": "9415399999", "gstin": _gstin(9).lower()},
        ),
    ],
    ids=["mobile", "udyam", "gstin"],
)
def test_a_match_by_each_identifier_updates_when_chosen(personas, lucknow, registered, row):
    exhibitor = _registered(lucknow, **registered)
    client = personas["lucknow_staff"]
    preview = _preview(client, _xlsx([_row(1, name="New Name", **row), _row(2)]))
    checked = preview.context["checked"]
    (match,) = checked.matches
    assert match.exhibitor == exhibitor and match.row == 2
    assert ("Name", "Registered Artisan", "New Name") in [
        (c.label, c.old, c.new) for c in match.changes
    ]
    assert len(checked.new) == 1
    response = _save(client, preview, **{"match-2": "update"})
    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert exhibitor.name == "New Name"
    assert Exhibitor.objects.count() == 2  # the match is never registered a second time
    change = AuditEntry.objects.get(
        content_type__model="exhibitor", object_id=exhibitor.pk, action="update"
    )
    assert change.changes["name"] == ["Registered Artisan", "New Name"]
    assert change.source == "import"


def test_a_match_is_skipped_unless_update_is_chosen(personas, lucknow):
    exhibitor = _registered(lucknow)
    client = personas["lucknow_staff"]
    preview = _preview(client, _xlsx([_row(1, mobile="9415300001", name="New Name")]))
    assert preview.context["checked"].matches[0].choice.value() == "skip"
    _save(client, preview)
    exhibitor.refresh_from_db()
    assert exhibitor.name == "Registered Artisan"
    assert Exhibitor.objects.count() == 1
    assert not AuditEntry.objects.filter(
        content_type__model="exhibitor", object_id=exhibitor.pk, action="update"
    ).exists()


def test_empty_cells_of_a_match_keep_what_is_registered(personas, lucknow):
    exhibitor = _registered(lucknow, email="artisan@example.in", contact_person="Ramesh")
    row = _row(1, mobile="9415300001", name="", email="", product="Zari-zardozi")
    client = personas["lucknow_staff"]
    preview = _preview(client, _xlsx([row]))
    (match,) = preview.context["checked"].matches
    assert [(c.label, c.new) for c in match.changes] == [("ODOP product", "Zari-zardozi")]
    _save(client, preview, update_all="on")
    exhibitor.refresh_from_db()
    assert exhibitor.name == "Registered Artisan" and exhibitor.email == "artisan@example.in"
    assert exhibitor.contact_person == "Ramesh"
    assert exhibitor.product.name_en == "Zari-zardozi"


def test_a_row_as_registered_needs_nothing_saved(personas, lucknow):
    exhibitor = _registered(lucknow)
    row = _row(1, mobile=exhibitor.mobile, name=exhibitor.name, product=exhibitor.product.name_en)
    preview = _preview(personas["lucknow_staff"], _xlsx([row]))
    checked = preview.context["checked"]
    assert [m.exhibitor for m in checked.unchanged] == [exhibitor]
    assert not checked.matches and preview.context["token"] == ""


def test_update_all_updates_every_match(personas, lucknow):
    first = _registered(lucknow)
    second = _registered(lucknow, mobile="9415300002", name="Second")
    rows = [_row(1, mobile=first.mobile, name="A"), _row(2, mobile=second.mobile, name="B")]
    client = personas["lucknow_staff"]
    _save(client, _preview(client, _xlsx(rows)), update_all="on")
    assert set(Exhibitor.objects.values_list("name", flat=True)) == {"A", "B"}


def test_a_row_matching_two_registered_exhibitors_is_an_error(personas, lucknow):
    _registered(lucknow)
    _registered(lucknow, mobile="9415300002", kind="unit", gstin=_gstin(7), name="Other Unit")
    row = _row(1, kind="unit", mobile="9415300001", gstin=_gstin(7))
    ((row_number, column, message),) = _errors(_preview(personas["lucknow_staff"], _xlsx([row])))
    assert (row_number, column) == (2, "Mobile")
    assert "Registered Artisan" in message and "Other Unit" in message


def test_two_rows_matching_one_registered_exhibitor_is_an_error_on_the_later(personas, lucknow):
    _registered(lucknow, kind="unit", gstin=_gstin(3))
    rows = [
        _row(1, mobile="9415300001"),
        _row(2, kind="unit", mobile="9415399999", gstin=_gstin(3)),
    ]
    ((row, column, message),) = _errors(_preview(personas["lucknow_staff"], _xlsx(rows)))
    assert (row, column) == (3, "GSTIN")
    assert message == "Row 2 matches the same registered exhibitor, Registered Artisan."


# --- Districts -------------------------------------------------------------------------------


def test_district_staff_import_into_their_own_district_whatever_is_posted(
    personas, lucknow, varanasi
):
    client = personas["lucknow_staff"]
    preview = _preview(client, _xlsx([_row(1)]), district=varanasi.pk)
    assert preview.context["checked"].district == lucknow
    assert "district" not in preview.context["form"].fields
    _save(client, preview)
    assert Exhibitor.objects.get().district == lucknow


def test_another_districts_exhibitor_is_an_error_without_its_details(personas, varanasi):
    factories.exhibitor(district=varanasi, mobile="9415400001", name="Varanasi Weaver")
    client = personas["lucknow_staff"]
    preview = _preview(client, _xlsx([_row(1, mobile="9415400001")]))
    ((row, column, message),) = _errors(preview)
    assert (row, column) == (2, "Mobile")
    assert "another district" in message
    assert "Varanasi" not in preview.content.decode()
    assert Exhibitor.objects.count() == 1


def test_an_officer_imports_into_the_district_chosen(personas, varanasi):
    client = personas["cell_officer"]
    row = _row(1, product="Gulabi (pink) meenakari")
    missing = _preview(client, _xlsx([row]))
    assert "district" in missing.context["form"].errors
    preview = _preview(client, _xlsx([row]), district=varanasi.pk)
    _save(client, preview)
    assert Exhibitor.objects.get().district == varanasi


def test_an_officer_is_told_which_district_holds_a_matching_exhibitor(personas, lucknow, varanasi):
    factories.exhibitor(district=varanasi, mobile="9415400001", name="Varanasi Weaver")
    preview = _preview(
        personas["cell_officer"], _xlsx([_row(1, mobile="9415400001")]), district=lucknow.pk
    )
    ((_row_number, _column, message),) = _errors(preview)
    assert "Varanasi Weaver of Varanasi" in message


# --- Saving once, and only what was previewed ------------------------------------------------


def test_a_stale_preview_is_refused_and_shown_again(personas, lucknow, lucknow_staff):
    exhibitor = _registered(lucknow)
    client = personas["lucknow_staff"]
    preview = _preview(client, _xlsx([_row(1, mobile=exhibitor.mobile, name="Mine"), _row(2)]))
    exhibitor_update(user=lucknow_staff, exhibitor=exhibitor, name="Someone else's change")
    response = _save(client, preview, **{"match-2": "update"})
    assert response.status_code == 200
    assert "after the preview" in response.context["notice"]
    exhibitor.refresh_from_db()
    assert exhibitor.name == "Someone else's change"
    assert Exhibitor.objects.count() == 1  # the new row was not saved either
    # The new preview shows what is registered now, and saves.
    (match,) = response.context["checked"].matches
    assert match.changes[0].old == "Someone else's change"
    _save(client, response, **{"match-2": "update"})
    exhibitor.refresh_from_db()
    assert exhibitor.name == "Mine" and Exhibitor.objects.count() == 2


def test_an_exhibitor_registered_since_the_preview_makes_it_stale(personas, lucknow):
    client = personas["lucknow_staff"]
    preview = _preview(client, _xlsx([_row(1), _row(2)]))
    factories.exhibitor(district=lucknow, mobile="9415200002")
    response = _save(client, preview)
    assert "after the preview" in response.context["notice"]
    assert Exhibitor.objects.count() == 1


def test_a_second_submit_of_the_same_preview_saves_nothing_more(personas):
    client = personas["lucknow_staff"]
    preview = _preview(client, _xlsx([_row(1), _row(2)]))
    _save(client, preview)
    again = _save(client, preview)
    assert again.status_code == 302 and again["Location"] == IMPORT
    assert Exhibitor.objects.count() == 2


def test_a_forged_token_saves_nothing(personas):
    client = personas["lucknow_staff"]
    _preview(client, _xlsx([_row(1)]))
    response = client.post(IMPORT, {"confirm": "1", "token": "forged"})
    assert response.status_code == 302
    assert not Exhibitor.objects.exists()


# --- Files refused as a whole ----------------------------------------------------------------


def _file_error(client, upload) -> str:
    response = _preview(client, upload)
    assert response.status_code == 200 and "checked" not in response.context
    return response.context["form"].errors["file"][0]


@override_settings(IMPORT_MAX_MB=1)
def test_a_file_too_large_is_refused(personas):
    upload = SimpleUploadedFile("register.csv", b"a" * (1024 * 1024 + 1))
    assert "larger than 1 MB" in _file_error(personas["lucknow_staff"], upload)


def test_a_file_that_is_not_a_spreadsheet_is_refused_by_its_content(personas):
    png = SimpleUploadedFile("register.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\0" * 99)
    assert "not a spreadsheet" in _file_error(personas["lucknow_staff"], png)


@override_settings(IMPORT_MAX_ROWS=3)
def test_too_many_rows_are_refused(personas):
    upload = _xlsx([_row(n) for n in range(1, 5)])
    assert "more than 3 rows" in _file_error(personas["lucknow_staff"], upload)


def test_a_missing_column_is_named(personas):
    header = [h for h in ENGLISH if h != "Mobile"]
    upload = _xlsx([_row(1)[:-1]], header=header)
    message = _file_error(personas["lucknow_staff"], upload)
    assert message == "Columns missing: Mobile. Keep the headings of the template."


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "The submitted file is empty."),
        (b"\xef\xbb\xbf\r\n\r\n", "The file is empty."),
        (("\ufeff" + ",".join(ENGLISH) + "\r\n").encode(), "The file has no rows below"),
    ],
)
def test_an_empty_file_is_refused(personas, content, message):
    upload = SimpleUploadedFile("register.csv", content)
    assert _file_error(personas["lucknow_staff"], upload).startswith(message)
    assert not Exhibitor.objects.exists()


def test_csv_saved_by_excel_with_a_bom_and_semicolons_is_read(personas):
    lines = [";".join(ENGLISH), ";".join(str(v) for v in _row(1, name="रामेश्वर; प्रसाद"))]
    lines[1] = lines[1].replace("रामेश्वर; प्रसाद", '"रामेश्वर; प्रसाद"')
    content = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    client = personas["lucknow_staff"]
    preview = _preview(client, SimpleUploadedFile("register.csv", content))
    assert preview.context["checked"].ok, _errors(preview)
    _save(client, preview)
    assert Exhibitor.objects.get().name == "रामेश्वर; प्रसाद"


# --- Pages -----------------------------------------------------------------------------------


def test_the_list_links_the_import_for_those_who_may_add(personas):
    link = IMPORT.encode()
    assert link in personas["lucknow_staff"].get(reverse("exhibitors:list")).content
    assert link not in personas["principal_secretary"].get(reverse("exhibitors:list")).content


def test_the_preview_runs_a_constant_number_of_queries(personas, lucknow):
    client = personas["lucknow_staff"]
    for n in range(1, 51):
        factories.exhibitor(district=lucknow, mobile=f"94152{n:05d}", name=f"Old {n}")
    size = {"rows": 5}

    def preview():
        # Half the rows match registered exhibitors (and change their names), half are new.
        rows = [_row(n, name=f"Name {n}") for n in range(1, size["rows"] + 1)]
        rows += [_row(n) for n in range(1001, 1001 + size["rows"])]
        response = _preview(client, _xlsx(rows))
        assert len(response.context["checked"].matches) == size["rows"]

    def grow():
        size["rows"] = 50

    # user with district, permissions, the district in scope, the registered exhibitors
    # matching the file (with district and product), the session keeping the file (savepoint,
    # update, release); the products come from the cached master data.
    assert assert_constant_queries(preview, grow) == 7


def test_many_matches_are_updated_all_together_or_not_at_all(personas, lucknow, monkeypatch):
    from exhibitors import views

    monkeypatch.setattr(views, "MATCH_CHOICES", 1)
    first = _registered(lucknow)
    second = _registered(lucknow, mobile="9415300002", name="Second")
    rows = [_row(1, mobile=first.mobile, name="A"), _row(2, mobile=second.mobile, name="B")]
    client = personas["lucknow_staff"]
    preview = _preview(client, _xlsx(rows))
    assert not preview.context["match_choices"]
    assert b'name="match-2"' not in preview.content
    _save(client, preview, **{"match-2": "update"})  # not offered: ignored
    assert set(Exhibitor.objects.values_list("name", flat=True)) == {"Registered Artisan", "Second"}
    _save(client, _preview(client, _xlsx(rows)), update_all="on")
    assert set(Exhibitor.objects.values_list("name", flat=True)) == {"A", "B"}


@pytest.mark.parametrize("kind", ["artisan", "company"])
@pytest.mark.parametrize("with_product", [True, False])
def test_the_constraint_read_in_memory_agrees_with_the_database(lucknow, kind, with_product):
    from django.core.exceptions import ValidationError

    from exhibitors.imports.model_checks import _constraint_errors

    exhibitor = Exhibitor(
        district=lucknow, kind=kind, product=lucknow.products.first() if with_product else None
    )
    (constraint,) = Exhibitor._meta.constraints
    try:
        constraint.validate(Exhibitor, exhibitor)
        database = {}
    except ValidationError as error:
        database = {name: messages[0] for name, messages in error.message_dict.items()}
    assert _constraint_errors(exhibitor) == database


def test_a_new_upload_replaces_the_preview_of_an_earlier_one(personas):
    client = personas["lucknow_staff"]
    earlier = _preview(client, _xlsx([_row(1)]))
    _preview(client, _xlsx([_row(2, mobile="941520000")]))  # with an error: nothing to save
    _save(client, earlier)
    assert not Exhibitor.objects.exists()
