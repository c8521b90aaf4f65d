from django.urls import path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting_list"),
    path("new/", views.MeetingFormView.as_view(), name="meeting_create"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<int:pk>/edit/", views.MeetingFormView.as_view(), name="meeting_edit"),
    path("<int:pk>/report/", views.ReportRequestView.as_view(), name="report_request"),
    path("reports/", views.ReportArchiveView.as_view(), name="report_archive"),
    path("reports/<int:pk>/", views.ReportStatusView.as_view(), name="report_status"),
    path("reports/<int:pk>/download/", views.ReportDownloadView.as_view(), name="report_download"),
    path("reports/<int:pk>/approve/", views.ReportApproveView.as_view(), name="report_approve"),
    path("action-points/", views.ActionPointListView.as_view(), name="action_point_list"),
    path(
        "action-points/<int:pk>/",
        views.ActionPointDetailView.as_view(),
        name="action_point_detail",
    ),
]
