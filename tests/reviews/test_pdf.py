"""One real WeasyPrint rendering: a PDF with the summary, fairs, MoUs and action points."""

import re
import zlib

from django.utils import timezone

from reviews.models import AgendaItem
from reviews.pdf import pdf_render, report_html


def test_weasyprint_renders_the_report_in_hindi_with_page_numbers(
    meeting, past_meeting, fair, units_space, allocation, mou, cell_officer
):
    AgendaItem.objects.create(meeting=meeting, position=1, title_en="Surajkund", fair=fair)
    html = report_html(meeting=meeting, user=cell_officer, language="hi", cutoff=timezone.now())
    pdf, pages = pdf_render(html=html)
    assert pdf.startswith(b"%PDF")
    # A summary page, then fairs, MoUs and action points, each from a new page.
    assert pages == 4
    text = _inflated(pdf)
    assert re.search(rb"/Count 4\b", text)
    # The bundled Devanagari font (its @font-face family in report.css) is embedded, not a
    # system fallback.
    assert b"+Report-Devanagari" in text


def _inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated, to look for objects inside them."""
    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)
