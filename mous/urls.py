from django.urls import path

from mous import views

app_name = "mous"

urlpatterns = [
    path("", views.MoUListView.as_view(), name="list"),
    path("<int:pk>/", views.MoUDetailView.as_view(), name="detail"),
    path("<int:pk>/stage/", views.MoUStageMoveView.as_view(), name="stage_move"),
    path(
        "progress/<int:pk>/correct/", views.ProgressCorrectView.as_view(), name="progress_correct"
    ),
    path("documents/<int:pk>/", views.MoUDocumentDownloadView.as_view(), name="document_download"),
]
