from django.urls import path

from exhibitors import views

app_name = "exhibitors"

urlpatterns = [
    path("", views.ExhibitorListView.as_view(), name="list"),
    path("new/", views.ExhibitorFormView.as_view(), name="create"),
    path("import/", views.ExhibitorImportView.as_view(), name="import"),
    path("import/template/", views.ExhibitorImportTemplateView.as_view(), name="import_template"),
    path("<int:pk>/", views.ExhibitorDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ExhibitorFormView.as_view(), name="update"),
    path("<int:pk>/priority/", views.ExhibitorPriorityView.as_view(), name="priority"),
]
