from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from core.fragments import CachedBodyMixin
from notifications.selectors import notice_list
from notifications.services import notice_mark_read, notices_mark_all_read


class NoticeListView(CachedBodyMixin, LoginRequiredMixin, ListView):
    """The user's notices, newest first; each rendered in the user's language (a cached body:
    marking one read is a write, so the page after it is rendered fresh)."""

    template_name = "notifications/notice_list.html"
    body_template = "notifications/includes/notice_list_body.html"
    context_object_name = "notices"
    paginate_by = 50

    def get_queryset(self):
        return notice_list(user=self.request.user)


class NoticeReadView(LoginRequiredMixin, View):
    """Mark a notice read and open what it is about."""

    def post(self, request, pk):
        notice = get_object_or_404(notice_list(user=request.user), pk=pk)
        notice_mark_read(notice=notice, user=request.user)
        if notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None):
            return redirect(notice.link)
        return redirect("notifications:list")


class NoticeReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        changed = notices_mark_all_read(user=request.user)
        if changed:
            messages.success(request, _("All notices are marked read."))
        return redirect("notifications:list")
