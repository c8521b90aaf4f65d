"""The fair pages (namespace "events"): they show spaces, nominations, sales and coverage, which
are stalls data, so they live with the other composed pages."""

from django.urls import path

from dashboard import views

app_name = "events"

urlpatterns = [
    path("", views.FairListView.as_view(), name="fair_list"),
    path("<int:pk>/", views.FairDetailView.as_view(), name="fair_detail"),
]
