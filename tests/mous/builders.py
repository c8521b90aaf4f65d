"""Builders for MoU tests, with fixed defaults and keyword overrides."""

from django.core.files.uploadedfile import SimpleUploadedFile

from mous.models import CLOSED_STAGES, TRANSITIONS, MoU, MoUDocument
from mous.services import mou_create, mou_document_add, mou_stage_move
from partners.models import Partner

# The smallest file our check accepts: a PDF header and an end-of-file marker.
PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def partner(*, name_en: str = "Flipkart.com", **extra) -> Partner:
    extra.setdefault("name_hi", "फ्लिपकार्ट.कॉम")
    extra.setdefault("kind", Partner.Kind.MARKETPLACE)
    return Partner.objects.create(name_en=name_en, **extra)


def mou(*, officer, partner_obj=None, stage: str = MoU.Stage.IDENTIFIED, **extra) -> MoU:
    extra.setdefault("title_en", "E-commerce sales of ODOP products")
    extra.setdefault("title_hi", "ई-कॉमर्स से ओडीओपी उत्पादों की बिक्री")
    extra.setdefault("purpose_en", "Sales of ODOP products through e-commerce")
    extra.setdefault("purpose_hi", "ई-कॉमर्स के माध्यम से ओडीओपी उत्पादों की बिक्री")
    closed_at = stage if stage in CLOSED_STAGES else None
    if closed_at:
        # A new MoU starts at an open stage; reach a closed one through an allowed move.
        stage = next(s for s, targets in TRANSITIONS.items() if closed_at in targets)
    record = MoU(partner=partner_obj or partner(), nodal_officer=officer, stage=stage, **extra)
    record = mou_create(mou=record, note_en="Proposed by the ODOP cell.", user=officer)
    if closed_at:
        record = mou_stage_move(
            mou=record, to_stage=closed_at, note_en="Closed.", reason="Closed.", user=officer
        )
    return record


def pdf_upload(content: bytes = PDF_BYTES, name: str = "signed-mou.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def document(*, mou_obj: MoU, officer, content: bytes = PDF_BYTES) -> MoUDocument:
    record = MoUDocument(
        mou=mou_obj, kind=MoUDocument.Kind.SIGNED_MOU, title="Signed MoU", file=pdf_upload(content)
    )
    return mou_document_add(document=record, user=officer)
