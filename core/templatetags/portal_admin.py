"""The admin's long changelists: their table of results as a cached fragment."""

from django import template
from django.contrib.admin.templatetags.admin_list import result_list
from django.template.loader import render_to_string

from core.fragments import cached_fragment

register = template.Library()


@register.simple_tag(takes_context=True)
def cached_result_list(context, cl):
    """Django's ``{% result_list cl %}``, kept under the data version (``core.fragments``) for
    the user, the language and the changelist's URL (its filters, search, order and page):
    rendering 100 rows cell by cell is most of a changelist's time. The counts, filters and
    actions around it are Django's, on every request."""
    request = context["request"]
    return cached_fragment(
        request,
        f"admin-results:{cl.opts.label}",
        lambda: render_to_string(
            "admin/change_list_results.html", result_list(cl), request=request
        ),
        parts=[request.get_full_path()],
    )
