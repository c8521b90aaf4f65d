"""The signed MoU and its annexes: PDF files kept outside the web root."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import LineField
from core.scoping import StatewideQuerySet

PDF_HEAD = b"%PDF-"
PDF_TAIL = b"%%EOF"
# Writers append a newline or a little padding after %%EOF; look at the last kilobyte.
PDF_TAIL_WINDOW = 1024


def pdf_check(file) -> None:
    """Refuse anything that is not a PDF by its content, or that is over the size cap.

    The name is not trusted: an HTML page or an image renamed to .pdf is refused because it
    does not start with the PDF header and end with the PDF trailer.
    """
    cap_mb = settings.MOU_DOCUMENT_MAX_MB
    if file.size > cap_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(cap)s MB."),
            code="too_large",
            params={"size": round(file.size / (1024 * 1024), 1), "cap": cap_mb},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(len(PDF_HEAD))
        file.seek(max(file.size - PDF_TAIL_WINDOW, 0))
        tail = file.read()
    finally:
        file.seek(position)
    if head != PDF_HEAD or PDF_TAIL not in tail:
        raise ValidationError(
            _("This file is not a PDF document. Upload the MoU as a PDF."), code="not_pdf"
        )


def document_path(instance, filename: str) -> str:
    # A random name: the uploaded name never reaches the file system.
    return f"mous/{instance.mou_id}/{uuid.uuid4().hex}.pdf"


class MoUDocument(models.Model):
    class Kind(models.TextChoices):
        SIGNED_MOU = "signed_mou", _("Signed MoU")
        ANNEX = "annex", _("Annex")
        DRAFT = "draft", _("Draft")
        OTHER = "other", _("Other")

    mou = models.ForeignKey(
        "mous.MoU", on_delete=models.CASCADE, related_name="documents", verbose_name=_("MoU")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = LineField(_("title"), max_length=200)
    file = models.FileField(
        _("PDF file"),
        upload_to=document_path,
        max_length=200,
        validators=[FileExtensionValidator(["pdf"]), pdf_check],
    )
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mou_documents",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = StatewideQuerySet.as_manager()

    class Meta:
        ordering = ["mou", "kind", "created_at", "pk"]
        verbose_name = _("MoU document")
        verbose_name_plural = _("MoU documents")

    def __str__(self) -> str:
        return self.title

    @property
    def download_name(self) -> str:
        return f"mou-{self.mou_id}-{self.kind}-{self.pk}.pdf"
