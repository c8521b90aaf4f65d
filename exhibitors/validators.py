"""The identifier checks, kept under this name for the migrations that refer to it; the
rules live in core/identifiers.py."""

from core.identifiers import clean_gstin, clean_mobile, clean_udyam

__all__ = ["clean_gstin", "clean_mobile", "clean_udyam"]
