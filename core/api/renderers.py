"""The browsable API without its forms.

DRF's HTML view renders a form for each allowed method and django-filter's filter form, with a
select of every related record (every allocation, every fair…): one query per option label and
tens of thousands of options at ten years of data. People read the API in the browser and try
calls in the Swagger UI (/api/docs/), so the HTML view shows the response only.
"""

from rest_framework.renderers import BrowsableAPIRenderer


class ResponseOnlyBrowsableAPIRenderer(BrowsableAPIRenderer):
    def show_form_for_method(self, view, method, request, obj):
        return False

    def get_rendered_html_form(self, data, view, method, request):
        return None

    def get_raw_data_form(self, data, view, method, request):
        return None

    def get_filter_form(self, data, view, request):
        return None
