"""Reading uploads: zip bombs refused before openpyxl inflates them, row limits enforced while
reading, CSV in every encoding Excel saves, and a clear message for anything else."""

import codecs
import functools
import io
import struct
import time
import zipfile
import zlib
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.spreadsheets import SpreadsheetError, read_upload
from stalls.models import Allocation, DailySale
from stalls.sales import sale_record

SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row><c t="inlineStr"><is><t>Ref</t></is></c><c t="inlineStr"><is><t>Sales</t></is></c>'
    b"</row>"
)
SHEET_END = b"</sheetData></worksheet>"
ROW = '<row><c t="inlineStr"><is><t>बिक्री</t></is></c><c><v>1250</v></c></row>'.encode()
ROWS_PER_MB = 1024 * 1024 // len(ROW)
MB = 1024 * 1024
ENTRY = (20, 0, 8, 0, 0x21)  # zip version 2.0, no flags, deflate, 1 Jan 1980


def _upload(data: bytes, name: str = "sales.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@functools.cache
def _deflate(parts: tuple[tuple[bytes, int], ...]) -> tuple[bytes, int, int]:
    """Raw deflate of each text repeated its number of times, with the CRC and size of the
    whole, without building the whole: after a full flush the compressor's output for the same
    text is the same bytes, so one compressed copy is repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    pieces, crc, size = [], 0, 0
    for text, times in parts:
        pieces.append((compressor.compress(text) + compressor.flush(zlib.Z_FULL_FLUSH)) * times)
        for _ in range(times):
            crc = zlib.crc32(text, crc)
        size += len(text) * times
    pieces.append(compressor.flush())
    return b"".join(pieces), crc, size


def _zip(members: list[tuple[str, tuple, int | None]]) -> bytes:
    """A zip of (name, deflate parts, declared size or None for the true one), written by hand
    so that a member can hold hundreds of MB and declare any size."""
    out, directory = io.BytesIO(), []
    for name, parts, declared in members:
        data, crc, size = _deflate(parts)
        sizes = (crc, len(data), size if declared is None else declared)
        offset, encoded = out.tell(), name.encode()
        local = struct.pack("<4s5H3L2H", b"PK\x03\x04", *ENTRY, *sizes, len(encoded), 0)
        out.write(local + encoded + data)
        # made by, the same fields, then no extra, comment, disk or attributes
        central = struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, *ENTRY, *sizes, len(encoded), *(0,) * 5, offset
        )
        directory.append(central + encoded)
    start, listing = out.tell(), b"".join(directory)
    out.write(listing)
    count = len(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(listing), start, 0))
    return out.getvalue()


@functools.cache
def _workbook_parts() -> tuple[tuple[str, bytes], ...]:
    """The parts of a workbook as openpyxl saves it, its sheet to be replaced."""
    saved = io.BytesIO()
    openpyxl.Workbook().save(saved)
    with zipfile.ZipFile(saved) as archive:
        return tuple((name, archive.read(name)) for name in archive.namelist() if name != SHEET)


def _xlsx(rows: int, *, declared: int | None = None, extra=()) -> bytes:
    """A workbook whose sheet is a header and `rows` rows of ROW, declaring its true size or
    `declared`; `extra` adds parts."""
    megabytes, single = divmod(rows, ROWS_PER_MB)
    body = ((SHEET_HEAD, 1), (ROW * ROWS_PER_MB, megabytes), (ROW, single), (SHEET_END, 1))
    members = [(name, ((data, 1),), None) for name, data in _workbook_parts()]
    return _zip([*members, (SHEET, body, declared), *extra])


def _refusal(data: bytes, name: str = "sales.xlsx") -> tuple[str, float]:
    started = time.monotonic()
    with pytest.raises(SpreadsheetError) as error:
        read_upload(_upload(data, name))
    return str(error.value), time.monotonic() - started


def test_the_hand_made_workbook_is_one_openpyxl_reads():
    sheet = read_upload(_upload(_xlsx(3)))
    assert sheet.header == ["Ref", "Sales"]
    assert sheet.rows == [["बिक्री", 1250]] * 3


# (what, workbook, the refusal says). 200 MB of sheet XML zips to about 700 KB, as in the
# outside test's 572 KB file.
BOMBS = [
    ("200 MB of rows", lambda: _xlsx(200 * ROWS_PER_MB), "expands to more than 20 MB"),
    (
        "a bomb in another part",
        lambda: _xlsx(1, extra=[("xl/sharedStrings.xml", ((b"<si/>" * (MB // 5), 40),), None)]),
        "expands to more than 20 MB",
    ),
    ("10 MB of rows, packed 290 : 1", lambda: _xlsx(10 * ROWS_PER_MB), "packed far more tightly"),
    # The zip says the sheet is 1 KB: zipfile stops there and finds the checksum wrong.
    ("sizes lie: 1 KB", lambda: _xlsx(200 * ROWS_PER_MB, declared=1024), "not a spreadsheet"),
    # A believable 3 MB: counting what comes out finds the rows long before its end.
    ("sizes lie: 3 MB", lambda: _xlsx(200 * ROWS_PER_MB, declared=3 * MB), "more than 20000 rows"),
]


@pytest.mark.parametrize(("what", "build", "says"), BOMBS, ids=[bomb[0] for bomb in BOMBS])
def test_a_zip_bomb_is_refused_within_a_second(what, build, says):
    data = build()
    assert len(data) < 5 * MB
    message, seconds = _refusal(data)
    assert says in message
    assert seconds < 1, f"{what}: refused after {seconds:.2f} s"


def test_a_zip_of_thousands_of_parts_is_refused_before_it_is_listed():
    data = _zip([(f"{number}", (), None) for number in range(40_000)])
    assert len(data) < 5 * MB
    message, seconds = _refusal(data)
    assert "more than 1000 parts" in message
    assert seconds < 1


def test_a_sheet_whose_row_numbers_jump_is_stopped_while_reading():
    # Two row elements, but openpyxl yields an empty row for every number in between.
    body = (
        (SHEET_HEAD.replace(b"<row>", b'<row r="1">'), 1),
        (b'<row r="999999999"><c><v>1</v></c></row>', 1),
        (SHEET_END, 1),
    )
    members = [(name, ((data, 1),), None) for name, data in _workbook_parts()]
    message, _seconds = _refusal(_zip([*members, (SHEET, body, None)]))
    assert "more than 20000 rows" in message


def _openpyxl_file(rows: int) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Ref", "Sales"])
    for number in range(rows):
        book.active.append([number, 10])
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def _csv_file(rows: int) -> bytes:
    return ("Ref,Sales\r\n" + "".join(f"{n},10\r\n" for n in range(rows))).encode()


# (format, build, data rows, read?) with IMPORT_MAX_ROWS at 5.
ROW_LIMITS = [
    ("xlsx", _openpyxl_file, 5, True),
    ("xlsx", _openpyxl_file, 6, False),
    ("csv", _csv_file, 5, True),
    ("csv", _csv_file, 6, False),
]


@pytest.mark.parametrize(("kind", "build", "rows", "read"), ROW_LIMITS)
def test_the_row_limit_holds_for_both_formats(settings, kind, build, rows, read):
    settings.IMPORT_MAX_ROWS = 5
    upload = _upload(build(rows), f"sales.{kind}")
    if read:
        assert len(read_upload(upload).rows) == rows
    else:
        with pytest.raises(SpreadsheetError, match="more than 5 rows"):
            read_upload(upload)


def test_blank_lines_of_a_csv_do_not_count_as_rows(settings):
    settings.IMPORT_MAX_ROWS = 5
    data = _csv_file(5) + b",\r\n" * 100
    assert len(read_upload(_upload(data, "sales.csv")).rows) == 5


# Devanagari as typed: ड़ precomposed (U+095C) and as ड + nukta, फ़ precomposed, ख़ as ख + nukta.
HINDI = [
    ["Ref", "Exhibitor", "Sales (Rs)"],
    ["12", "स\u095cक उद्योग", "1,250"],
    ["13", "स\u0921\u093cक कला", "900"],
    ["14", "\u095eर्रुख\u093cाबाद ज़री", "40"],
]
LATIN = [["Ref", "Exhibitor", "Sales (Rs)"], ["12", "Crème Brûlée & Café", "1,250"]]


def _text(rows: list[list[str]], delimiter: str) -> str:
    def field(value):
        return f'"{value}"' if delimiter in value else value

    return "".join(delimiter.join(field(v) for v in row) + "\r\n" for row in rows)


# (what, rows, the bytes of the file)
ENCODINGS = [
    ("UTF-8", HINDI, lambda rows: _text(rows, ",").encode("utf-8")),
    ("UTF-8 with BOM", HINDI, lambda rows: _text(rows, ",").encode("utf-8-sig")),
    ("cp1252", LATIN, lambda rows: _text(rows, ",").encode("cp1252")),
    *(
        (
            f"UTF-16 {order} {name}",
            HINDI,
            lambda rows, bom=bom, codec=codec, sep=sep: bom + _text(rows, sep).encode(codec),
        )
        for order, bom, codec in (
            ("LE", codecs.BOM_UTF16_LE, "utf-16-le"),
            ("BE", codecs.BOM_UTF16_BE, "utf-16-be"),
        )
        for name, sep in (("tab", "\t"), ("comma", ","))
    ),
]


@pytest.mark.parametrize(("what", "rows", "encode"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_csv_in_each_encoding_reads_to_the_rows_of_the_utf8_file(what, rows, encode):
    sheet = read_upload(_upload(encode(rows), "sales.csv"))
    utf8 = read_upload(_upload(_text(rows, ",").encode(), "sales.csv"))
    assert [sheet.header, *sheet.rows] == [utf8.header, *utf8.rows] == rows


# (what, file, the refusal says)
UNREADABLE = [
    ("neither UTF-8 nor cp1252", b"Ref,Date\r\n\x81\x8d\x8f,\x90\x9d\r\n", "cannot be read"),
    ("UTF-16 with a lone surrogate", codecs.BOM_UTF16_LE + b"R\x00\x00\xd8a\x00", "cannot be read"),
    ("a PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "not a spreadsheet"),
    ("an old .xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "not a spreadsheet"),
    ("UTF-16 without a BOM", "Ref,Date\r\n1,2\r\n".encode("utf-16-le"), "not a spreadsheet"),
    ("UTF-32", "Ref,Date\r\n1,2\r\n".encode("utf-32"), "not a spreadsheet"),
    ("a zip header and garbage", b"PK\x03\x04" + b"garbage" * 10, "not a spreadsheet"),
    ("a zip of text", _zip([("readme.txt", ((b"hello", 1),), None)]), "not a spreadsheet"),
    ("nothing", b"", "empty"),
]


@pytest.mark.parametrize(("what", "data", "says"), UNREADABLE, ids=[u[0] for u in UNREADABLE])
def test_a_file_that_cannot_be_read_gets_a_clear_message(what, data, says):
    message, _seconds = _refusal(data, "sales.csv")
    assert says in message


def test_formula_cells_are_still_refused():
    book = openpyxl.Workbook()
    book.active.append(["Ref", "Sales"])
    book.active.append([1, "=SUM(1,2)"])
    saved = io.BytesIO()
    book.save(saved)
    message, _seconds = _refusal(saved.getvalue())
    assert "formula in cell B2" in message


@pytest.mark.parametrize(("what", "build", "says"), [BOMBS[0], BOMBS[4]], ids=["bomb", "lying"])
def test_the_sales_upload_page_refuses_a_bomb_and_saves_nothing(
    personas, lucknow_staff, allocation, live_fair, what, build, says
):
    placed = Allocation.objects.select_related("fair").get(pk=allocation.pk)
    sale_record(
        user=lucknow_staff, allocation=placed, date=placed.fair.start_date, amount=Decimal(10)
    )
    before = DailySale.objects.count()
    response = personas["lucknow_staff"].post(
        reverse("stalls:sales_upload", args=[placed.fair_id]),
        {"file": _upload(build())},
    )
    assert response.status_code == 200
    assert says in response.context["form"].errors["file"][0]
    assert "checked" not in response.context
    assert DailySale.objects.count() == before == 1
