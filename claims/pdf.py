"""The sanction order as a PDF: a Django template laid out by WeasyPrint, in one language.

The stylesheet and the bundled Noto fonts are the status report's (static/css/report.css,
static/fonts), so Devanagari is shaped the same on every machine.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from claims.selectors import sanction_order_context

TEMPLATE = "reports/sanction_order.html"


def sanction_order_html(*, sanction, language: str) -> str:
    with translation.override(language):
        context = sanction_order_context(sanction=sanction)
        context["language"] = language
        context["generated_at"] = timezone.now()
        return render_to_string(TEMPLATE, context)


def sanction_order_pdf(*, sanction, language: str) -> tuple[bytes, int]:
    """The order's PDF and its page count."""
    from weasyprint import HTML

    html = sanction_order_html(sanction=sanction, language=language)
    base = Path(settings.STATICFILES_DIRS[0])
    document = HTML(string=html, base_url=f"{base}/").render()
    return document.write_pdf(), len(document.pages)
