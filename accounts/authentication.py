"""API authentication with expiring, revocable tokens: ``Authorization: Token <key>``.

Tokens are read from the header only, never from the URL; only a SHA-256 of each is stored.
"""

import datetime
import hashlib

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from accounts.models import ApiToken

# Recording every use would write on every request; once in a while is enough to audit.
LAST_USED_EVERY = datetime.timedelta(minutes=5)


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ExpiringTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as: Authorization: Token <key>.")
            )
        key = header[1].decode(errors="replace")
        token = (
            ApiToken.objects.select_related("user__district")
            .filter(key_hash=token_hash(key))
            .first()
        )
        now = timezone.now()
        if token is None or token.revoked_at or token.expires_at <= now or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is unknown, expired or revoked."))
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return "Token"


class ExpiringTokenScheme(OpenApiAuthenticationExtension):
    """Describes the token header in the OpenAPI schema."""

    target_class = "accounts.authentication.ExpiringTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token from POST /api/v1/auth/token/, sent as `Token <key>`.",
        }
