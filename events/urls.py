from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.FairListView.as_view(), name="fair_list"),
    path("<int:pk>/", views.FairDetailView.as_view(), name="fair_detail"),
]
