"""The public fair guide (namespace "guide"): no sign-in."""

from django.urls import path

from dashboard.views import guide

app_name = "guide"

urlpatterns = [
    path("", guide.GuideListView.as_view(), name="fair_list"),
    path("<int:pk>/", guide.GuideFairView.as_view(), name="fair"),
    path("<int:pk>/map/", guide.GuideMapView.as_view(), name="map"),
    path("<int:pk>/stalls/<int:stall_pk>/", guide.GuideStallView.as_view(), name="stall"),
    path("<int:pk>/stalls/<int:stall_pk>/poster/", guide.GuidePosterView.as_view(), name="poster"),
]
