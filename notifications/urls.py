from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.NoticeListView.as_view(), name="list"),
    path("<int:pk>/read/", views.NoticeReadView.as_view(), name="read"),
    path("read-all/", views.NoticeReadAllView.as_view(), name="read_all"),
]
