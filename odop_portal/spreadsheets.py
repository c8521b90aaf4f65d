"""Reading uploaded spreadsheets and writing exports, for every import and export.

Uploads: XLSX, or CSV as Excel saves it (UTF-8 with or without BOM, or Windows-1252), capped in
size and rows; formula cells are refused, not evaluated. Exports: cells that a spreadsheet
would run as a formula (starting with = + - @, tab or carriage return) are neutralised.
"""

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SpreadsheetError(Exception):
    """The upload as a whole cannot be read; the message says why, in the user's language."""


@dataclass
class Sheet:
    header: list[str]
    rows: list[list]  # cell values; row n of the file is rows[n - 2]


def read_upload(upload) -> Sheet:
    """The first sheet of an uploaded XLSX or CSV file."""
    limit = settings.IMPORT_MAX_MB * 1024 * 1024
    if upload.size > limit:
        raise SpreadsheetError(
            _("The file is larger than %(mb)s MB. Split it and upload the parts.")
            % {"mb": settings.IMPORT_MAX_MB}
        )
    data = upload.read()
    if data[:4] == b"PK\x03\x04":
        sheet = _read_xlsx(data)
    elif b"\x00" in data[:4096]:
        raise SpreadsheetError(_("This file is not a spreadsheet: upload XLSX or CSV."))
    else:
        sheet = _read_csv(data)
    if len(sheet.rows) > settings.IMPORT_MAX_ROWS:
        raise SpreadsheetError(
            _("The file has more than %(rows)s rows. Split it and upload the parts.")
            % {"rows": settings.IMPORT_MAX_ROWS}
        )
    return sheet


def _read_xlsx(data: bytes) -> Sheet:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise SpreadsheetError(_("This file is not a spreadsheet: upload XLSX or CSV.")) from None
    from openpyxl.utils import get_column_letter

    rows = []
    try:
        # Values only (no cell objects): with data_only=False a formula comes back as its
        # text, "=…", and is refused.
        for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            for column, value in enumerate(values, start=1):
                if isinstance(value, str) and value.startswith("="):
                    raise SpreadsheetError(
                        _(
                            "Row %(row)s has a formula in cell %(cell)s. Paste values only "
                            "(Paste Special → Values) and upload again."
                        )
                        % {"row": number, "cell": f"{get_column_letter(column)}{number}"}
                    )
            rows.append(list(values))
    finally:
        book.close()
    return _sheet(rows)


def _read_csv(data: bytes) -> Sheet:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SpreadsheetError(
            _("The file's characters cannot be read. Save it as CSV UTF-8 or as XLSX.")
        )
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return _sheet(list(csv.reader(io.StringIO(text), dialect)))


def _sheet(rows: list[list]) -> Sheet:
    rows = [row for row in rows if not all(_blank(v) for v in row)]
    if not rows:
        raise SpreadsheetError(_("The file is empty."))
    header = [str(v or "").strip() for v in rows[0]]
    return Sheet(header=header, rows=[list(row) for row in rows[1:]])


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def safe_cell(value):
    """A value that a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_response(
    *, filename: str, header: list[str], rows: Iterable[list], as_csv: bool
) -> HttpResponse:
    """An XLSX (or CSV, UTF-8 with BOM for Excel) download of the rows, formulas neutralised."""
    if as_csv:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow([safe_cell(v) for v in header])
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])
        extension = "csv"
    else:
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append([safe_cell(v) for v in header])
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
        response = HttpResponse(content_type=XLSX_TYPE)
        book.save(response)
        extension = "xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
