"""Documents of a claim: PDFs and photos, checked by their content, never by their name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from claims.models import Claim, ClaimDocument
from claims.models.claims import EDITABLE
from claims.services.claims import _require_in_scope
from core.audit.services import audit_deleted
from core.exceptions import StateConflict
from core.scoping import require_permission

# What a file starts with, for each type we keep.
SIGNATURES = {
    b"%PDF-": "pdf",
    b"\xff\xd8\xff": "jpg",
    b"\x89PNG\r\n\x1a\n": "png",
}


def document_type(file) -> str:
    """ "pdf", "jpg" or "png" from the file's first bytes; refuses anything else, and anything
    over MDA_DOCUMENT_MAX_MB."""
    cap_mb = settings.MDA_DOCUMENT_MAX_MB
    if file.size > cap_mb * 1024 * 1024:
        raise ValidationError(
            {
                "file": _("The file is %(size)s MB; the limit is %(cap)s MB.")
                % {"size": round(file.size / (1024 * 1024), 1), "cap": cap_mb}
            }
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(8)
    finally:
        file.seek(position)
    for signature, extension in SIGNATURES.items():
        if head.startswith(signature):
            return extension
    raise ValidationError(
        {"file": _("Upload a PDF, or a photo as JPEG or PNG; this file is none of them.")}
    )


def _editable(claim: Claim) -> Claim:
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.status not in EDITABLE:
        raise StateConflict(
            _("Documents can change only while the claim is a draft or returned to the district."),
            code="not_editable",
            field="file",
        )
    return claim


def claim_document_add(*, claim: Claim, kind: str, file, user) -> ClaimDocument:
    """Attach a document to a draft or returned claim of the user's district."""
    require_permission(user, "claims.add_claimdocument")
    _require_in_scope(user, claim.district_id, "change")
    extension = document_type(file)
    document = ClaimDocument(
        claim=claim, kind=kind, file=file, extension=extension, size=file.size, uploaded_by=user
    )
    document.full_clean(exclude=["file"])
    with transaction.atomic():
        _editable(claim)
        # The file is written before the row: a full or read-only disk refuses it (503/507)
        # and the transaction leaves nothing behind.
        document.file.field.pre_save(document, add=True)
        document.save()
    return document


def claim_document_remove(*, document: ClaimDocument, user) -> None:
    """Take a document off a draft or returned claim (a wrong file was attached)."""
    require_permission(user, "claims.delete_claimdocument")
    _require_in_scope(user, document.claim.district_id, "change")
    with transaction.atomic():
        _editable(document.claim)
        audit_deleted(document, user=user)
        name, storage = document.file.name, document.file.storage
        document.delete()
        transaction.on_commit(lambda: storage.delete(name))
