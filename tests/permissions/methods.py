"""Which HTTP methods each URL of the project answers, read from its view.

- A Django class-based view answers the names in ``http_method_names`` it has a handler
  for; HEAD runs ``get`` when the class has no ``head`` of its own (``View.setup``).
- A DRF viewset route answers the methods of its action map (the router builds it from the
  viewset's mixins and ``@action`` methods), HEAD with GET, and OPTIONS (``APIView.options``).
- A function view wrapped in ``require_http_methods`` answers the methods of its list.
- Django's admin views are functions that branch on POST and read anything else as a GET:
  they answer GET, HEAD and POST here; what they do with the other methods is pinned in
  ``tests/permissions/test_methods.py``.
- Any other function answers every method.
"""

import inspect

from django.contrib.admin import AdminSite, ModelAdmin
from django.urls import URLPattern, URLResolver, get_resolver

METHODS = ("get", "head", "options", "post", "put", "patch", "delete")
ADMIN_METHODS = frozenset({"get", "head", "post"})


def url_views(patterns=None, namespace=()) -> dict:
    """URL name → the view callbacks of the patterns of that name."""
    views = {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespace, pattern.namespace) if pattern.namespace else namespace
            for name, callbacks in url_views(pattern.url_patterns, inner).items():
                views.setdefault(name, []).extend(callbacks)
        elif isinstance(pattern, URLPattern) and pattern.name:
            views.setdefault(":".join((*namespace, pattern.name)), []).append(pattern.callback)
    return views


def _with_head(offered: set, allowed) -> frozenset:
    if "get" in offered and "head" in allowed:
        offered = offered | {"head"}
    return frozenset(offered & set(METHODS))


def _unwrapped(callback):
    while True:
        yield callback
        callback = getattr(callback, "__wrapped__", None)
        if callback is None:
            return


def _is_admin(callback) -> bool:
    for function in _unwrapped(callback):
        owner = getattr(function, "__self__", None)
        if isinstance(owner, AdminSite | ModelAdmin):
            return True
        if hasattr(function, "admin_site") or hasattr(function, "model_admin"):
            return True
    return False


def _required_methods(callback) -> set | None:
    for function in _unwrapped(callback):
        if inspect.isfunction(function):
            listed = inspect.getclosurevars(function).nonlocals.get("request_method_list")
            if listed is not None:
                return {method.lower() for method in listed}
    return None


def view_methods(callback) -> frozenset:
    """The methods ``callback`` answers (lower case, out of ``METHODS``)."""
    drf_class = getattr(callback, "cls", None)
    if drf_class is not None:
        allowed = drf_class.http_method_names
        actions = getattr(callback, "actions", None)
        if actions:
            offered = set(actions) | {"options"}
        else:
            offered = {method for method in allowed if hasattr(drf_class, method)}
        return _with_head(offered & set(allowed), allowed)
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        allowed = view_class.http_method_names
        return _with_head({method for method in allowed if hasattr(view_class, method)}, allowed)
    if _is_admin(callback):
        return ADMIN_METHODS
    required = _required_methods(callback)
    return frozenset(METHODS) if required is None else _with_head(required, required)


def url_methods() -> dict[str, frozenset]:
    """URL name → every method one of its patterns answers."""
    return {
        name: frozenset().union(*(view_methods(callback) for callback in callbacks))
        for name, callbacks in url_views().items()
    }
