"""An allocation's allotment letter (A4, Hindi then English) and its pass (A6), in one PDF.

Both carry the QR code of the public verification page (segno draws it as SVG, which
WeasyPrint lays out as it is); fonts and stylesheet are the status report's.
"""

from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from passes.services.credentials import certificate_issue, credential_issue

TEMPLATE = "reports/allotment_letter.html"
PART = "reports/includes/allotment_letter_body.html"


def verify_url(credential) -> str:
    return settings.REPORT_LINK_BASE_URL.rstrip("/") + credential.get_absolute_url()


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, border=2)


def letter_html(*, allocation) -> str:
    credential = credential_issue(allocation=allocation)
    url = verify_url(credential)
    context = {
        "allocation": allocation,
        "credential": credential,
        "exhibitor": allocation.nomination.exhibitor,
        "fair": allocation.fair,
        "space": allocation.space,
        "charge": allocation.space.charge_for(area=allocation.area),
        "url": url,
        "qr": qr_svg(url),
        "generated_at": timezone.now(),
    }
    parts = []
    # Hindi first, then English; the QR code once, beside the Hindi heading.
    for language in ("hi", "en"):
        with translation.override(language):
            part = {**context, "language": language, "show_qr": language == "hi"}
            parts.append(render_to_string(PART, part))
    with translation.override("hi"):
        return render_to_string(TEMPLATE, {**context, "parts": parts})


def letter_pdf(*, allocation) -> bytes:
    from weasyprint import HTML

    base = Path(settings.STATICFILES_DIRS[0])
    return HTML(string=letter_html(allocation=allocation), base_url=f"{base}/").write_pdf()


CERTIFICATE = "reports/certificate.html"


def certificate_html(*, recipient) -> str:
    certificate = certificate_issue(recipient=recipient)
    url = verify_url(certificate)
    context = {
        "certificate": certificate,
        "recipient": recipient,
        "activity": recipient.activity,
        "fair": recipient.activity.fair,
        "url": url,
        "qr": qr_svg(url),
    }
    parts = []
    for language in ("hi", "en"):
        with translation.override(language):
            part = {**context, "language": language}
            parts.append(render_to_string("reports/includes/certificate_body.html", part))
    return render_to_string(CERTIFICATE, {**context, "parts": parts})


def certificate_pdf(*, recipient) -> bytes:
    from weasyprint import HTML

    base = Path(settings.STATICFILES_DIRS[0])
    return HTML(string=certificate_html(recipient=recipient), base_url=f"{base}/").write_pdf()
