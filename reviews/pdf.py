"""The status report as a PDF: a Django template laid out by WeasyPrint.

Fonts come from static/fonts (Noto Sans for Latin, Noto Sans Devanagari for Hindi, under the
SIL Open Font Licence in static/fonts/OFL.txt), so the worker needs no system fonts and
Devanagari is shaped the same on every machine.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.exceptions import ApplicationError
from reviews.selectors import report_context

TEMPLATE = "reports/status_report.html"


def static_root() -> Path:
    """The folder the report's stylesheet and fonts are read from."""
    return Path(settings.STATICFILES_DIRS[0])


def report_html(*, meeting, user, language: str, cutoff) -> str:
    """The report as HTML in ``language``, with the data read as of ``cutoff``."""
    with translation.override(language):
        context = report_context(meeting=meeting, user=user, cutoff=cutoff)
        context["language"] = language
        context["generated_at"] = timezone.now()
        return render_to_string(TEMPLATE, context)


def pdf_render(*, html: str) -> tuple[bytes, int]:
    """Lay the HTML out and write the PDF; refuse it when it has more pages than the cap.

    The page count is known after layout and before the PDF is written, so an oversized
    report costs its layout but never the memory of writing it out.
    """
    from weasyprint import HTML

    document = HTML(string=html, base_url=f"{static_root()}/").render()
    pages = len(document.pages)
    cap = settings.REPORT_PAGE_CAP
    if pages > cap:
        raise ApplicationError(
            _("The report would have %(pages)s pages, more than the limit of %(cap)s.")
            % {"pages": pages, "cap": cap},
            code="page_cap",
        )
    return document.write_pdf(), pages
