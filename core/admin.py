"""Admin building blocks shared by every app's admin."""

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.search import search_query


class NormalisedSearchMixin:
    """The admin's search box normalises its term as storage does (``core.search``)."""

    def get_search_results(self, request, queryset, search_term):
        # Names are stored NFC: the term must be too (ड़ typed as one code point or two).
        return super().get_search_results(request, queryset, search_query(search_term).text)


class ScopedAdminMixin(NormalisedSearchMixin):
    """Admin querysets and foreign-key choices pass through the scoping method."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if hasattr(queryset, "for_user"):
            queryset = queryset.for_user(request.user)
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model._default_manager.all()
        if "queryset" not in kwargs and hasattr(related, "for_user"):
            kwargs["queryset"] = related.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PageRows:
    """A changelist page's rows, counted from the paginator: Django's changelist view takes
    ``len()`` of them for its selection note, which would run the page's query even when the
    table of results comes from the cache. Iterating runs the query, as the queryset would."""

    def __init__(self, queryset, count: int):
        self.queryset, self.count = queryset, count

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        return iter(self.queryset)


class LongChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        if (self.show_all and self.can_show_all) or not self.multi_page:
            count = self.result_count
        else:
            page = self.paginator.page(self.page_num)
            count = page.end_index() - page.start_index() + 1 if self.result_count else 0
        self.result_list = PageRows(self.result_list, count)


class LongListAdminMixin:
    """For changelists of many rows: the table of results cached under the data version
    (``core.templatetags.portal_admin``), and the row's action checkbox written directly.

    Django renders the checkbox through the form-widget template engine, about half a
    millisecond a row (a quarter of the allocation list's time at 100 rows); the markup is the
    same.
    """

    change_list_template = "admin/long_list_change_list.html"
    # A filtered list says how many match, without counting the whole table a second time
    # (100,000 exhibitors, 300,000 daily sales at ten years).
    show_full_result_count = False

    def get_changelist(self, request, **kwargs):
        return LongChangeList if not self.list_editable else super().get_changelist(request)

    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), obj),
        )
