"""District scoping: the one place that decides which rows a user may see or change.

Every district-owned model uses ``ScopedQuerySet`` as its manager and names the path to its
district in ``district_scope``. Admin, pages, forms, API, imports, exports, reports and tasks
all call ``for_user``; nothing else filters by the user's district.
"""

from django.db import models
from django.shortcuts import get_object_or_404


class ScopedQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view"):
        """Rows ``user`` may ``action`` (view, add, change, delete).

        Superusers and state-wide roles get every row they hold the model permission for;
        district staff get their own district's rows; anyone without the permission gets none,
        so an out-of-scope id answers 404 and never reveals that the record exists.
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        opts = self.model._meta
        if not user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
            return self.none()
        if user.is_statewide:
            return self
        if user.district_id is None:
            return self.none()
        return self.filter(**{self.model.district_scope: user.district_id})


def get_scoped_object_or_404(queryset, user, action: str = "view", **lookup):
    """The object matching ``lookup`` inside the user's scope, else Http404."""
    return get_object_or_404(queryset.for_user(user, action), **lookup)
