"""Open data pages (no sign-in): the list of datasets, and each as CSV or JSON."""

import datetime
import decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, JsonResponse
from django.views import View
from django.views.generic import TemplateView

from core.spreadsheets import export_response
from dashboard.open_data import DATASETS, LICENCE, open_dataset


class OpenDataView(TemplateView):
    template_name = "guide/open_data.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        datasets = [(name, title) for name, (title, _read) in DATASETS.items()]
        return super().get_context_data(datasets=datasets, licence=LICENCE, **kwargs)


class DatasetView(View):
    """One dataset; ``format`` (csv or json) comes from the URL."""

    format = "csv"
    http_method_names = ["get", "head", "options"]

    def get(self, request, dataset):
        if dataset not in DATASETS:
            raise Http404
        data = open_dataset(dataset)
        if self.format == "json":
            body = {
                **{k: data[k] for k in ("dataset", "title", "licence", "generated_at")},
                "rows": [dict(zip(data["header"], row, strict=True)) for row in data["rows"]],
            }
            return JsonResponse(body, encoder=_Encoder, json_dumps_params={"ensure_ascii": False})
        return export_response(
            filename=f"odop-{dataset}-{datetime.date.today().isoformat()}",
            header=data["header"],
            rows=data["rows"],
            as_csv=True,
        )


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, decimal.Decimal):
            return str(o)
        return super().default(o)
