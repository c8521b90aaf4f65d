from django.urls import path

from stalls.views.draws import DrawDataView, DrawDetailView, DrawListView

app_name = "draws"

urlpatterns = [
    path("", DrawListView.as_view(), name="list"),
    path("<int:pk>/", DrawDetailView.as_view(), name="detail"),
    path("<int:pk>/data.json", DrawDataView.as_view(), name="data"),
]
