"""Uploaded files on local disk, with the disk's faults turned into clear answers."""

import errno
import logging

from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _

from core.exceptions import StorageUnavailable

logger = logging.getLogger(__name__)

FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def storage_error(error: OSError) -> StorageUnavailable:
    """The answer to a failed write: 507 when the disk is full, 503 otherwise."""
    logger.error(
        "document store cannot be written",
        extra={"event": "storage_unavailable", "errno": error.errno, "error": str(error)},
    )
    if error.errno in FULL:
        return StorageUnavailable(
            _("The document store is full, so nothing was saved. Try again later."),
            code="storage_full",
            status=507,
        )
    return StorageUnavailable(
        _(
            "The document store cannot be written at the moment, so nothing was saved. "
            "Try again later."
        ),
        code="storage_unavailable",
        status=503,
    )


class MediaStorage(FileSystemStorage):
    """FileSystemStorage whose writes raise ``StorageUnavailable`` instead of ``OSError``."""

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError as error:
            raise storage_error(error) from error

    def delete(self, name):
        try:
            return super().delete(name)
        except OSError as error:
            raise storage_error(error) from error
