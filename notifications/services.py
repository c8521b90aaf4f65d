"""Write workflows for notices: create, mark read."""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from notifications.models import Notice

UNREAD_CACHE_SECONDS = 300


def unread_cache_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def _forget_unread_count(user_id: int) -> None:
    transaction.on_commit(lambda: cache.delete(unread_cache_key(user_id)))


def notice_create(*, recipient, code: str, params: dict, link: str = "") -> Notice:
    """Leave a notice for ``recipient``; its text is rendered in their language when read."""
    notice = Notice(recipient=recipient, code=code, params=params, link=link)
    notice.full_clean()
    notice.save()
    _forget_unread_count(recipient.pk)
    return notice


def notice_mark_read(*, notice: Notice, user) -> Notice:
    """Mark one of the user's own notices read (the caller has scoped it to the user)."""
    if notice.recipient_id != user.pk:
        raise PermissionDenied
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
        _forget_unread_count(user.pk)
    return notice


def notices_mark_all_read(*, user) -> int:
    """Mark all the user's unread notices read; returns how many changed."""
    changed = Notice.objects.for_user(user).unread().update(read_at=timezone.now())
    if changed:
        _forget_unread_count(user.pk)
    return changed
