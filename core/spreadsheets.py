"""Reading uploaded spreadsheets and writing exports, for every import and export.

Uploads: XLSX, or CSV as Excel saves it (UTF-8 with or without BOM, Windows-1252, or UTF-16 with
BOM, comma or tab separated), capped in size and rows; formula cells are refused, not evaluated.
An XLSX is a zip, so it is also checked on what it expands to before openpyxl opens it: a small
upload must not hold a worker for minutes inflating hundreds of megabytes of sheet XML.
Exports: cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage
return) are neutralised.
"""

import codecs
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What an XLSX may expand to. A full sales template (20,000 rows × 7 columns) is about 6 MB of
# sheet XML, 12-15 times its zipped size; four times IMPORT_MAX_MB leaves room for wider sheets
# and Excel's styles while keeping openpyxl's work to seconds. Deflate reaches about 1,000 : 1,
# so a bomb is far past the ratio; parts under a megabyte may be as repetitive as they like.
EXPANSION = 4
MAX_RATIO = 100
RATIO_GRACE = 1024 * 1024
# A workbook has a dozen parts plus a few per sheet or picture.
MAX_PARTS = 1000
CHUNK = 64 * 1024
# A row element, with or without a namespace prefix (x:row); not rowBreaks or rowFields.
ROW_TAG = re.compile(rb"<(?:\w{1,32}:)?row[\s/>]")
ROW_TAG_TAIL = 37  # the longest match less one byte, carried over between chunks
UNREADABLE_XLSX = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,  # compressed data cut short
    KeyError,  # a part the workbook names is missing
    IndexError,  # no worksheet
    NotImplementedError,  # a compression zipfile does not know
    RuntimeError,  # an encrypted part
    ValueError,
    OSError,
    ParseError,
)


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
    rows = _read_xlsx(data) if data[:4] == b"PK\x03\x04" else _read_csv(data)
    return _sheet(rows)


def _read_xlsx(data: bytes) -> list[list]:
    import openpyxl

    try:
        _check_xlsx(data)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            # Blank rows count here: openpyxl yields one for every row number a sheet skips, so
            # a sheet that jumps to row 999,999,999 must be stopped, not read to the end.
            return _collect(_values(book.worksheets[0]), count_blank=True)
        finally:
            book.close()
    except UNREADABLE_XLSX:
        raise _not_a_spreadsheet() from None


def _values(sheet) -> Iterable[tuple]:
    from openpyxl.utils import get_column_letter

    # Values only (no cell objects): with data_only=False a formula comes back as its text, "=…",
    # and is refused.
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and value.startswith("="):
                raise SpreadsheetError(
                    _(
                        "Row %(row)s has a formula in cell %(cell)s. Paste values only "
                        "(Paste Special → Values) and upload again."
                    )
                    % {"row": number, "cell": f"{get_column_letter(column)}{number}"}
                )
        yield values


def _check_xlsx(data: bytes) -> None:
    """Refuse a zip bomb before openpyxl inflates anything: too many parts, too large or too
    tightly packed once expanded, or a sheet with too many rows."""
    # zipfile reads every directory record before it can count them (60,000 fit in 5 MB and take
    # most of a second); counting their signature in the raw bytes is an upper bound, at once.
    if data.count(b"PK\x01\x02") > MAX_PARTS:
        raise SpreadsheetError(
            _(
                "The spreadsheet has more than %(parts)s parts (sheets, pictures and the like). "
                "Copy the sheet to upload into a new workbook and upload that."
            )
            % {"parts": MAX_PARTS}
        )
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = archive.infolist()
    if sum(member.file_size for member in members) > _expanded_limit():
        raise _expands()
    for member in members:
        _check_ratio(member.file_size, member)
    # The sizes above are the zip's own word; what comes out of the decompressor decides.
    left = _expanded_limit()
    for member in members:
        left -= _inflate(archive, member, left)


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, left: int) -> int:
    """The part's real size, read in chunks and refused as soon as it passes `left` bytes, the
    ratio or, counting its row elements, the rows an upload may have."""
    size, rows, tail = 0, 0, b""
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > left:
                raise _expands()
            _check_ratio(size, member)
            window = tail + chunk
            rows += sum(1 for tag in ROW_TAG.finditer(window) if tag.end() > len(tail))
            if rows > settings.IMPORT_MAX_ROWS + 1:
                raise _too_many_rows()
            tail = window[-ROW_TAG_TAIL:]
    return size


def _check_ratio(size: int, member: zipfile.ZipInfo) -> None:
    # compress_size is what zipfile really reads from the upload, so size : compress_size is the
    # true ratio when size is counted rather than declared.
    if size > RATIO_GRACE and size > MAX_RATIO * member.compress_size:
        raise SpreadsheetError(
            _(
                "The spreadsheet is packed far more tightly than a normal one, so it is not "
                "opened. Save it as CSV UTF-8 and upload that."
            )
        )


def _expanded_limit() -> int:
    return EXPANSION * settings.IMPORT_MAX_MB * 1024 * 1024


def _expands() -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The spreadsheet expands to more than %(mb)s MB when opened. Delete unused sheets "
            "and pictures, or split it and upload the parts."
        )
        % {"mb": EXPANSION * settings.IMPORT_MAX_MB}
    )


def _too_many_rows() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file has more than %(rows)s rows. Split it and upload the parts.")
        % {"rows": settings.IMPORT_MAX_ROWS}
    )


def _not_a_spreadsheet() -> SpreadsheetError:
    return SpreadsheetError(_("This file is not a spreadsheet: upload XLSX or CSV."))


def _read_csv(data: bytes) -> list[list]:
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return _collect(csv.reader(io.StringIO(text), dialect), count_blank=False)
    except csv.Error:  # a NUL further on, or a field past csv's size limit
        raise _not_a_spreadsheet() from None


def _decode(data: bytes) -> str:
    """The text of a CSV: UTF-16 by its BOM (Excel's "Unicode Text"), else UTF-8 with or without
    BOM, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    elif b"\x00" in data[:4096]:
        # NUL bytes without a UTF-16 BOM: an image, a PDF, an old .xls; not text.
        raise _not_a_spreadsheet()
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text[:4096]:  # UTF-32 starts with the bytes of a UTF-16 BOM
            raise _not_a_spreadsheet()
        return text
    raise SpreadsheetError(
        _("The file's characters cannot be read. Save it as CSV UTF-8 or as XLSX.")
    )


def _collect(rows: Iterable, *, count_blank: bool) -> list[list]:
    """The non-blank rows, refused as soon as they pass the header and IMPORT_MAX_ROWS, so an
    oversized file is never read to its end."""
    limit, counted, kept = settings.IMPORT_MAX_ROWS + 1, 0, []
    for row in rows:
        blank = all(_blank(v) for v in row)
        if count_blank or not blank:
            counted += 1
        if counted > limit:
            raise _too_many_rows()
        if not blank:
            kept.append(list(row))
    return kept


def _sheet(rows: list[list]) -> Sheet:
    if not rows:
        raise SpreadsheetError(_("The file is empty."))
    header = [str(v or "").strip() for v in rows[0]]
    return Sheet(header=header, rows=rows[1:])


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
        return _attachment(response, f"{filename}.csv")
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([safe_cell(v) for v in header])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    return workbook_response(book, filename=filename)


def workbook_response(book, *, filename: str) -> HttpResponse:
    """An XLSX download of a workbook the caller built (several sheets, drop-down lists);
    the caller passes its cells through ``safe_cell``."""
    response = HttpResponse(content_type=XLSX_TYPE)
    book.save(response)
    return _attachment(response, f"{filename}.xlsx")


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
