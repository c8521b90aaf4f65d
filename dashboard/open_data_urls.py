"""Open data (namespace "open_data"): no sign-in."""

from django.urls import path

from dashboard.views.open_data import DatasetView, OpenDataView

app_name = "open_data"

urlpatterns = [
    path("", OpenDataView.as_view(), name="index"),
    path("<slug:dataset>.csv", DatasetView.as_view(format="csv"), name="csv"),
    path("<slug:dataset>.json", DatasetView.as_view(format="json"), name="json"),
]
