"""The code in a letter's QR: a random code, signed with the portal's key.

A code that does not carry the portal's signature was typed wrong or forged, and is told so
without a database read; a signed one is looked up.
"""

import secrets

from django.core import signing

SALT = "passes.credential"


def new_code() -> str:
    return secrets.token_urlsafe(12)


def signed(code: str) -> str:
    return signing.Signer(salt=SALT).sign(code)


def unsigned(token: str) -> str | None:
    """The code inside ``token``, or None when the portal did not sign it."""
    try:
        return signing.Signer(salt=SALT).unsign((token or "").strip())
    except signing.BadSignature:
        return None
