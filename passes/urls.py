from django.urls import path

from passes import views

app_name = "passes"

urlpatterns = [
    path("verify/<str:token>/", views.VerifyView.as_view(), name="verify"),
    path("fairs/<int:pk>/check-in/", views.CheckInView.as_view(), name="check_in"),
    path("fairs/<int:pk>/letters/", views.LettersView.as_view(), name="letters"),
    path("letters/<int:pk>/", views.PrintJobView.as_view(), name="job"),
    path("certificates/<int:pk>/", views.CertificateView.as_view(), name="certificate"),
    path("letters/<int:pk>/download/", views.PrintJobDownloadView.as_view(), name="job_download"),
]
