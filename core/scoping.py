"""District scoping: the one place that decides which rows a user may see or change.

Every district-owned model uses ``ScopedQuerySet`` as its manager and names the path to its
district in ``district_scope``. Admin, pages, forms, API, imports, exports, reports and tasks
all call ``for_user``; in-memory lists (the cached master data) go through ``scoped_rows``,
which applies the same ``user_scope``. Nothing else filters by the user's district.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404

NOTHING, EVERYTHING = "nothing", "everything"


def user_scope(user, model, action: str = "view"):
    """What of ``model`` ``user`` may ``action`` (view, add, change, delete): NOTHING,
    EVERYTHING, or the id of the one district whose rows they may.

    Superusers and state-wide roles get every row they hold the model permission for;
    district staff get their own district's rows; anyone without the permission gets none,
    so an out-of-scope id answers 404 and never reveals that the record exists.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    opts = model._meta
    if not user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
        return NOTHING
    if user.is_statewide:
        return EVERYTHING
    return user.district_id if user.district_id is not None else NOTHING


class ScopedQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view"):
        """Rows ``user`` may ``action``, by ``user_scope``."""
        scope = user_scope(user, self.model, action)
        if scope == NOTHING:
            return self.none()
        if scope == EVERYTHING:
            return self
        return self.filter(**{self.model.district_scope: scope})


class StatewideQuerySet(ScopedQuerySet):
    """Scoping for state-level records (partners, MoUs) that no district owns.

    State-wide roles see every row they hold the model permission for; district staff see
    none, even if a permission were granted to them by mistake.
    """

    def for_user(self, user, action: str = "view"):
        if user is None or not user.is_authenticated or user.is_district_staff:
            return self.none()
        return super().for_user(user, action)


def scoped_rows(rows, user, model, action: str = "view") -> list:
    """The rows of an in-memory list (the cached master data) that ``for_user`` would return.
    ``model.district_scope`` must name a field of the row itself (``pk`` or ``district``)."""
    scope = user_scope(user, model, action)
    if scope == NOTHING:
        return []
    if scope == EVERYTHING:
        return list(rows)
    path = model.district_scope
    attribute = "pk" if path in ("pk", "id") else f"{path}_id"
    return [row for row in rows if getattr(row, attribute) == scope]


def get_scoped_object_or_404(queryset, user, action: str = "view", **lookup):
    """The object matching ``lookup`` inside the user's scope, else Http404."""
    return get_object_or_404(queryset.for_user(user, action), **lookup)


def require_permission(user, permission: str) -> None:
    """A service's own guard: PermissionDenied unless an active user holds ``permission``,
    whoever the caller (page, admin, API, task) is."""
    if user is None or not user.is_active or not user.has_perm(permission):
        raise PermissionDenied
