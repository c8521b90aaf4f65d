"""Calendar feeds: the public one, a user's private one, and the page that gives its link."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from dashboard.calendars import calendar_feed, calendar_token, calendar_user

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _ics(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


class PublicCalendarView(View):
    """Public fairs and their programme (no sign-in)."""

    http_method_names = ["get", "head", "options"]

    def get(self, request):
        return _ics(calendar_feed(host=request.get_host()), "odop-fairs")


class PrivateCalendarView(View):
    """A user's own feed, reached by its token (a calendar program cannot sign in)."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, token):
        user = calendar_user(token)
        if user is None:
            raise Http404
        return _ics(calendar_feed(host=request.get_host(), user=user), "odop-calendar")


class CalendarPageView(LoginRequiredMixin, TemplateView):
    """The two feeds' addresses, to add to a phone's or an office's calendar."""

    template_name = "guide/calendar.html"

    def get_context_data(self, **kwargs):
        private = reverse("calendar:private", args=[calendar_token(self.request.user)])
        return super().get_context_data(
            public_url=self.request.build_absolute_uri(reverse("calendar:public")),
            private_url=self.request.build_absolute_uri(private),
            **kwargs,
        )
