"""Reads of a user's notices."""

from django.core.cache import cache
from django.db.models import QuerySet

from notifications.models import Notice
from notifications.services import UNREAD_CACHE_SECONDS, unread_cache_key


def notice_list(*, user) -> QuerySet[Notice]:
    """The user's notices, newest first."""
    return Notice.objects.for_user(user)


def notice_unread_count(*, user) -> int:
    """Unread notices of the user, shown on every page.

    Cached (and forgotten whenever a notice is created or read) so that the navigation bar
    costs no query on most pages.
    """
    if user is None or not user.is_authenticated:
        return 0
    key = unread_cache_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notice.objects.for_user(user).unread().count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count
