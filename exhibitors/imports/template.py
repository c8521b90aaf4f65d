"""The spreadsheet template of the exhibitor import (exhibitors.imports reads it back): the
columns in the user's language, and the values the kind and product columns accept."""

import re

from django.utils import translation
from django.utils.translation import gettext as _

from core.spreadsheets import safe_cell
from districts.masterdata import master_data
from districts.models import District
from exhibitors.imports.columns import FIELDS, heading
from exhibitors.models import Exhibitor

TEMPLATE_ROWS = 2000  # rows that get the drop-down lists
SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


def import_template_headings() -> list[str]:
    return [heading(name) for name in FIELDS]


def import_template_products(*, district: District | None) -> list:
    """The ODOP products a row may name: the district's, or every district's."""
    products = master_data().products
    if district is None:
        return list(products)
    return [product for product in products if product.district_id == district.pk]


def import_template_kinds() -> list[list[str]]:
    """Each kind as the active language names it, in English and in Hindi."""
    rows = []
    for kind in Exhibitor.Kind:
        labels = {}
        for language in ("en", "hi"):
            with translation.override(language):
                labels[language] = str(kind.label)
        rows.append([str(kind.label), labels["en"], labels["hi"]])
    return rows


def import_template_workbook(*, district: District | None):
    """The template: the headings, drop-down lists of the kinds and of the district's ODOP
    products (every district's are listed, without a drop-down, when none is chosen), and
    those lists on sheets of their own."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _sheet_title(_("Exhibitors"))
    sheet.append([safe_cell(text) for text in import_template_headings()])
    sheet.freeze_panes = "A2"
    for index in range(len(FIELDS)):
        sheet.column_dimensions[chr(ord("A") + index)].width = 24
    kinds = [heading("kind"), _("in English"), _("in Hindi")]
    _add_list(book, sheet, _("Kinds"), kinds, import_template_kinds(), column="kind")
    products = import_template_products(district=district)
    header = [heading("product"), _("in English"), _("in Hindi")]
    rows = [[p.name, p.name_en, p.name_hi] for p in products]
    if district is None:
        header.append(_("District"))
        rows = [[*row, p.district.name] for row, p in zip(rows, products, strict=True)]
    column = "product" if district is not None else None
    _add_list(book, sheet, _("ODOP products"), header, rows, column=column)
    return book


def _add_list(book, sheet, title: str, header: list, rows: list, *, column: str | None):
    """A sheet listing allowed values, and a drop-down of them in ``column`` of ``sheet``."""
    from openpyxl.worksheet.datavalidation import DataValidation

    listing = book.create_sheet(_sheet_title(title))
    listing.append([safe_cell(value) for value in header])
    for row in rows:
        listing.append([safe_cell(value) for value in row])
    if column is None or not rows:
        return
    letter = chr(ord("A") + FIELDS.index(column))
    quoted = listing.title.replace("'", "''")
    choice = DataValidation(
        type="list", formula1=f"'{quoted}'!$A$2:$A${len(rows) + 1}", allow_blank=True
    )
    choice.showErrorMessage = False  # names in the other language are accepted too
    choice.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(choice)


def _sheet_title(text: str) -> str:
    return SHEET_TITLE_FORBIDDEN.sub(" ", text)[:31]
