"""Pages of review meetings: meetings, action points with compliance, status reports.

Meeting pages and reports are state-level: anyone who may not see them (district staff)
gets 404, never a hint that they exist. Writes call one service each.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from core.exceptions import ApplicationError
from core.views import FormPageMixin, add_service_error, message_service_error
from reviews.forms import ComplianceUpdateForm, ReportRequestForm
from reviews.models import ActionPoint, Meeting, ReportJob
from reviews.selectors import (
    action_point_get,
    action_point_list,
    live_numbers,
    meeting_get,
    meeting_list,
    report_archive,
    report_job_get,
    report_waits_for_queue,
)
from reviews.services.meetings import compliance_update_add
from reviews.services.reports import report_approve, report_request


class NotFoundWithoutPermissionMixin(LoginRequiredMixin):
    """Pages about meetings answer 404 to a signed-in user lacking ``permission_required``."""

    permission_required = ""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not user.has_perm(self.permission_required):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class MeetingListView(NotFoundWithoutPermissionMixin, ListView):
    permission_required = "reviews.view_meeting"
    template_name = "reviews/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 50  # newest first; ten years hold about 200 meetings

    def get_queryset(self):
        return meeting_list(user=self.request.user)


class MeetingDetailView(NotFoundWithoutPermissionMixin, DetailView):
    permission_required = "reviews.view_meeting"
    template_name = "reviews/meeting_detail.html"
    context_object_name = "meeting"

    def get_object(self, queryset=None):
        return meeting_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(request_form=ReportRequestForm(), **kwargs)


class ReportRequestView(NotFoundWithoutPermissionMixin, View):
    """Ask for a report from the meeting page, then follow its progress."""

    permission_required = "reviews.view_meeting"

    def post(self, request, pk):
        meeting = get_object_or_404(Meeting.objects.for_user(request.user), pk=pk)
        if not request.user.has_perm("reviews.add_reportjob"):
            raise PermissionDenied
        form = ReportRequestForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose the language of the report."))
            return redirect(meeting.get_absolute_url())
        try:
            job, created = report_request(
                meeting=meeting, language=form.cleaned_data["language"], user=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(meeting.get_absolute_url())
        if not created:
            messages.info(
                request, _("A report in this language is already being prepared; here it is.")
            )
        return redirect(job.get_absolute_url())


QUEUE_UNAVAILABLE = gettext_lazy(
    "The task queue is unavailable at the moment. The report is kept and starts by itself as "
    "soon as the queue is back."
)


class ReportStatusView(NotFoundWithoutPermissionMixin, DetailView):
    """The progress of a report (the page refreshes itself), then its download."""

    permission_required = "reviews.view_reportjob"
    template_name = "reviews/report_status.html"
    context_object_name = "job"

    def get_object(self, queryset=None):
        return report_job_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = context["job"]
        context["queue_unavailable"] = QUEUE_UNAVAILABLE if report_waits_for_queue(job) else ""
        context["max_attempts"] = settings.REPORT_MAX_ATTEMPTS
        return context


class ReportDownloadView(NotFoundWithoutPermissionMixin, View):
    """The PDF, as an attachment, for a finished report the user may see."""

    permission_required = "reviews.view_reportjob"

    def get(self, request, pk):
        job = report_job_get(user=request.user, pk=pk)
        if job.status != ReportJob.Status.SUCCEEDED or not job.file:
            raise Http404
        response = FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=job.download_name,
            content_type="application/pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class ReportApproveView(NotFoundWithoutPermissionMixin, View):
    permission_required = "reviews.view_reportjob"

    def post(self, request, pk):
        job = report_job_get(user=request.user, pk=pk)
        try:
            report_approve(job=job, user=request.user)
        except ApplicationError as error:
            message_service_error(request, error)
        else:
            messages.success(
                request, _("The report is approved; the attendees are sent a link to it.")
            )
        return redirect(job.get_absolute_url())


class ReportArchiveView(NotFoundWithoutPermissionMixin, ListView):
    """Every finished report: version, language, data cut-off, approver."""

    permission_required = "reviews.view_reportjob"
    template_name = "reviews/report_archive.html"
    context_object_name = "jobs"
    paginate_by = 50

    def get_queryset(self):
        return report_archive(user=self.request.user)


class ActionPointListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    """Action points the user may see; district staff see their district's."""

    permission_required = "reviews.view_actionpoint"
    template_name = "reviews/action_point_list.html"
    context_object_name = "points"
    paginate_by = 50

    def get_queryset(self):
        self.status = self.request.GET.get("status", "")
        return action_point_list(user=self.request.user, status=self.status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        live_numbers(user=self.request.user, points=context["points"])
        statuses = [("overdue", _("Past due date")), *ActionPoint.Status.choices]
        return {**context, "status": self.status, "statuses": statuses}


class ActionPointDetailView(FormPageMixin, LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """One action point with its compliance updates; its owner adds an update here."""

    permission_required = "reviews.view_actionpoint"
    template_name = "reviews/action_point_detail.html"
    form_class = ComplianceUpdateForm

    # Looked up in the handlers, after the method, sign-in and permission checks of dispatch.
    def get(self, request, *args, **kwargs):
        self.point = action_point_get(user=request.user, pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.point = action_point_get(user=request.user, pk=kwargs["pk"])
        if not request.user.has_perm("reviews.add_complianceupdate"):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        can_update = self.request.user.has_perm("reviews.add_complianceupdate")
        return super().get_context_data(point=self.point, can_update=can_update, **kwargs)

    def form_valid(self, form):
        try:
            compliance_update_add(
                action_point=self.point, user=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The compliance update is recorded."))
        return redirect(self.point.get_absolute_url())
