"""Calendar feeds (namespace "calendar")."""

from django.urls import path

from dashboard.views.calendars import CalendarPageView, PrivateCalendarView, PublicCalendarView

app_name = "calendar"

urlpatterns = [
    path("", CalendarPageView.as_view(), name="page"),
    path("fairs.ics", PublicCalendarView.as_view(), name="public"),
    path("<str:token>.ics", PrivateCalendarView.as_view(), name="private"),
]
