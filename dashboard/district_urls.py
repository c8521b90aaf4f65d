"""The district pages (namespace "districts"): they show stalls data, so they live here."""

from django.urls import path

from dashboard import views

app_name = "districts"

urlpatterns = [
    path("", views.DistrictListView.as_view(), name="list"),
    path("<int:pk>/", views.DistrictDetailView.as_view(), name="detail"),
]
