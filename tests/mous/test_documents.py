"""MoU documents: PDFs by content, size-capped, downloaded only by permitted users."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from mous.models import MoUDocument
from tests.mous import builders

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script>%%EOF</body></html>"


def _upload(client, mou, content: bytes, name: str = "mou.pdf"):
    return client.post(
        reverse("admin:mous_moudocument_add"),
        {
            "mou": mou.pk,
            "kind": MoUDocument.Kind.SIGNED_MOU,
            "title": "Signed MoU",
            "file": builders.pdf_upload(content, name),
        },
    )


def test_a_real_pdf_is_accepted_and_downloaded_as_an_attachment(personas, mou):
    from weasyprint import HTML as WeasyHTML

    real_pdf = WeasyHTML(string="<h1>Memorandum of Understanding</h1>").write_pdf()
    response = _upload(personas["cell_officer"], mou, real_pdf)
    assert response.status_code == 302
    document = MoUDocument.objects.get()
    assert document.size == len(real_pdf)
    assert document.uploaded_by == personas["cell_officer"].user
    assert document.file.name.startswith(f"mous/{mou.pk}/") and "mou.pdf" not in document.file.name

    for persona in ("cell_officer", "principal_secretary"):
        response = personas[persona].get(reverse("mous:document_download", args=[document.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == real_pdf


@pytest.mark.parametrize(
    ("content", "name"),
    [(HTML, "mou.pdf"), (PNG, "mou.pdf"), (b"%PDF-1.4 truncated", "mou.pdf"), (HTML, "mou.html")],
)
def test_a_disguised_or_broken_file_is_refused_at_the_field(personas, mou, content, name):
    response = _upload(personas["cell_officer"], mou, content, name)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert errors
    assert not MoUDocument.objects.exists()


def test_the_refusal_says_what_is_wrong(mou, cell_officer):
    with pytest.raises(ValidationError) as error:
        builders.document(mou_obj=mou, officer=cell_officer, content=HTML)
    assert error.value.message_dict["file"] == [
        "This file is not a PDF document. Upload the MoU as a PDF."
    ]


def test_a_50_mb_file_is_refused_with_the_limit_in_the_message(personas, mou):
    big = builders.PDF_BYTES[:-7] + b"0" * (50 * 1024 * 1024) + b"\n%%EOF\n"
    response = _upload(personas["cell_officer"], mou, big)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"] == [
        "The file is 50.0 MB; the limit is 10 MB."
    ]
    assert not MoUDocument.objects.exists()


@override_settings(MOU_DOCUMENT_MAX_MB=1)
def test_the_cap_comes_from_settings(mou, cell_officer):
    content = builders.PDF_BYTES + b" " * (1024 * 1024)
    with pytest.raises(ValidationError):
        builders.document(mou_obj=mou, officer=cell_officer, content=content + b"%%EOF")


@pytest.mark.parametrize("persona", ["principal_secretary", "lucknow_staff"])
def test_only_cell_officers_upload(personas, mou, persona):
    response = _upload(personas[persona], mou, builders.PDF_BYTES)
    assert response.status_code == 302 and "login" in response["Location"]
    assert not MoUDocument.objects.exists()


def test_district_staff_cannot_download(personas, mou_document):
    url = reverse("mous:document_download", args=[mou_document.pk])
    assert personas["varanasi_staff"].get(url).status_code == 403
    assert personas["anonymous"].get(url).status_code == 302


def test_an_unknown_document_is_404(personas):
    url = reverse("mous:document_download", args=[999999])
    assert personas["cell_officer"].get(url).status_code == 404
