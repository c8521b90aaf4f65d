"""The fair pages and the stall board (namespace "events"): they show spaces, nominations,
sales, coverage and attendance, which are stalls and passes data, so they live with the other
composed pages."""

from django.urls import path

from dashboard import views

app_name = "events"

urlpatterns = [
    path("", views.FairListView.as_view(), name="fair_list"),
    path("<int:pk>/", views.FairDetailView.as_view(), name="fair_detail"),
    path("<int:pk>/board/", views.StallBoardView.as_view(), name="board"),
]
