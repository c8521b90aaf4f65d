from django.urls import path

from claims import views

app_name = "claims"

urlpatterns = [
    path("", views.ClaimListView.as_view(), name="list"),
    path("new/", views.ClaimFormView.as_view(), name="create"),
    path("export/", views.ClaimExportView.as_view(), name="export"),
    path("budget/", views.BudgetView.as_view(), name="budget"),
    path("sanctions/export/", views.SanctionExportView.as_view(), name="sanction_export"),
    path("sanction/", views.SanctionCreateView.as_view(), name="sanction_create"),
    path("sanctions/<int:pk>/", views.SanctionDetailView.as_view(), name="sanction"),
    path("orders/<int:pk>/", views.SanctionOrderView.as_view(), name="order"),
    path("documents/<int:pk>/", views.ClaimDocumentDownloadView.as_view(), name="document"),
    path("<int:pk>/", views.ClaimDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ClaimFormView.as_view(), name="update"),
    path("<int:pk>/documents/", views.ClaimDocumentView.as_view(), name="documents"),
    path("<int:pk>/<slug:step>/", views.ClaimStepView.as_view(), name="step"),
]
