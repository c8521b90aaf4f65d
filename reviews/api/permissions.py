from rest_framework.exceptions import NotFound

from core.api.permissions import ModelPermissions


class ReviewPermissions(ModelPermissions):
    """Model permissions, as everywhere, with two additions the review pages have too.

    - ``hidden_without_view``: a signed-in user without the view permission of the model
      (district staff on meetings and reports) gets 404, never a hint that the records exist.
    - ``action_permissions``: a workflow action needs its own permission (report compliance,
      request a report, approve one), not the one of its HTTP method on the viewset's model.
    """

    def has_permission(self, request, view):
        user = request.user
        hidden = getattr(view, "hidden_without_view", False)
        # A method the view does not answer is 405 for everyone: it says nothing of records.
        answers = request.method.lower() in view.http_method_names and hasattr(
            view, request.method.lower()
        )
        if user and user.is_authenticated and hidden and answers:
            opts = view.queryset.model._meta
            if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
                raise NotFound
        needed = getattr(view, "action_permissions", {}).get(getattr(view, "action", None))
        if needed is not None:
            return bool(user and user.is_authenticated and user.has_perms(needed))
        return super().has_permission(request, view)
