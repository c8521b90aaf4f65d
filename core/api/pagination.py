from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from core.request_checks import whole_number


class Pagination(PageNumberPagination):
    """50 rows a page; ``page_size`` up to 200. A page or page size that is not a whole
    number in range is a 400 naming it; a page past the last one is a 404."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    # DRF's own "Invalid page." names neither the page nor what is wrong with it.
    invalid_page_message = gettext_lazy("This list has no page {page_number}.")

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param) or "1"
        if raw in self.last_page_strings:
            return paginator.num_pages
        number = whole_number(raw)
        if number is None or number < 1:
            raise ValidationError(
                {self.page_query_param: [_("Give the page as a whole number from 1 up.")]}
            )
        return number

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = whole_number(raw, max_digits=3)
        if size is None or not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Choose a page size from 1 to %(max)s.") % {"max": self.max_page_size}
                    ]
                }
            )
        return size
