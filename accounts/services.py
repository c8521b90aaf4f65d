"""Write workflows for users: creation, role assignment, language preference."""

import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.authentication import token_hash
from accounts.models import ApiToken, User
from accounts.roles import ROLE_GROUPS
from core.audit.services import audit_created, audit_record


def user_sync_role(*, user: User) -> User:
    """Make group membership and admin access follow the user's role.

    Cell officers work in the Django admin; district staff and the Principal Secretary use
    the portal's pages only.
    """
    with transaction.atomic():
        group = Group.objects.get(name=ROLE_GROUPS[user.role])
        user.groups.set([group])
        is_staff = user.is_superuser or user.role == User.Role.CELL_OFFICER
        if user.is_staff != is_staff:
            user.is_staff = is_staff
            user.save(update_fields=["is_staff", "updated_at"])
    return user


def user_create(
    *,
    username: str,
    role: str,
    district=None,
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    designation: str = "",
    by=None,
) -> User:
    """Create a user with a role; raises ValidationError (keyed by field) on bad input.

    ``by`` is who creates the account (None for a command or the demo data), for the audit
    trail.
    """

    user = User(
        username=username,
        role=role,
        district=district,
        email=email,
        first_name=first_name,
        last_name=last_name,
        designation=designation,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    with transaction.atomic():
        user.save()
        user_sync_role(user=user)
        # After the role has set admin access: one audit row with the final values.
        audit_created(user, user=by)
    return user


def user_set_language(*, user: User, language: str) -> User:
    if user.language != language:
        old = user.language
        user.language = language
        with transaction.atomic():
            user.save(update_fields=["language", "updated_at"])
            audit_record(
                user=user, action="update", obj=user, changes={"language": [old, language]}
            )
    return user


def api_token_create(*, user: User, name: str = "") -> tuple[str, ApiToken]:
    """A new API token for the user; the key is returned once and never stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        key_hash=token_hash(key),
        prefix=key[:8],
        expires_at=timezone.now() + timezone.timedelta(days=settings.API_TOKEN_DAYS),
    )
    return key, token


def api_token_revoke(*, token, user: User):
    """Revoke a token of the user's (idempotent)."""
    if token.user_id != user.pk and not user.is_superuser:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
