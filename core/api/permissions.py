from rest_framework.exceptions import MethodNotAllowed
from rest_framework.permissions import DjangoModelPermissions


def view_answers(view, method: str) -> bool:
    """Whether ``view`` has a handler for ``method`` (a viewset: its route's action map)."""
    handler = method.lower()
    return handler in view.http_method_names and hasattr(view, handler)


class ModelPermissions(DjangoModelPermissions):
    """Django model permissions for every method, reads included (view_<model>).

    A method the route does not offer is 405 for a signed-in user, before the permissions are
    looked at: a 403 would say the user lacks a right that nobody has (DELETE where records are
    kept). Without a session or token it is 401, as for any method.
    """

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request, view):
        user = request.user
        if user and user.is_authenticated and not view_answers(view, request.method):
            raise MethodNotAllowed(request.method)
        return super().has_permission(request, view)
