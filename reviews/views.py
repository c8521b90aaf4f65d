"""Pages of review meetings: meetings with their agenda and action points, compliance,
status reports.

Meeting pages and reports are state-level: anyone who may not see them (district staff)
gets 404, never a hint that they exist; a reader without the right to write (the Principal
Secretary) sees no edit control and gets 403 for a write. Writes call one service each.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from core.exceptions import ApplicationError
from core.fragments import CachedBodyMixin, cached_body
from core.views import FormPageMixin, add_service_error, message_service_error
from reviews.forms import (
    ActionPointFormSet,
    ComplianceUpdateForm,
    MeetingPageForms,
    ReportRequestForm,
    RowOptions,
    more_rows,
    put_errors,
)
from reviews.models import ActionPoint, Meeting, ReportJob
from reviews.selectors import (
    action_point_get,
    action_point_list,
    agenda_items,
    live_numbers,
    meeting_choices,
    meeting_details,
    meeting_find,
    meeting_get,
    meeting_list,
    meeting_people,
    report_archive,
    report_job_get,
    report_waits_for_queue,
)
from reviews.services.meeting_rows import RowsRefused, action_points_add, meeting_record
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


class MeetingListView(CachedBodyMixin, NotFoundWithoutPermissionMixin, ListView):
    permission_required = "reviews.view_meeting"
    template_name = "reviews/meeting_list.html"
    body_template = "reviews/includes/meeting_list_body.html"
    context_object_name = "meetings"
    paginate_by = 50  # newest first; ten years hold about 200 meetings

    def get_queryset(self):
        return meeting_list(user=self.request.user)


def _require(user, permission: str) -> None:
    """A reader who may not write (the Principal Secretary) is refused: 403."""
    if not user.has_perm(permission):
        raise PermissionDenied


def _numbers(points) -> str:
    numbers = [point.number for point in points]
    return str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"


class MeetingDetailView(NotFoundWithoutPermissionMixin, View):
    """One meeting with its agenda, action points and reports; officers add action points
    here, several at once (the portal numbers them)."""

    permission_required = "reviews.view_meeting"
    template_name = "reviews/meeting_detail.html"

    body_template = "reviews/includes/meeting_detail_body.html"

    def get(self, request, pk):
        meeting = meeting_find(user=request.user, pk=pk)

        def context():
            formset = None
            if request.user.has_perm("reviews.add_actionpoint"):
                formset = self._formset(None)
            return self._context(meeting_details(user=request.user, meeting=meeting), formset)

        return self._page(meeting, context)

    def post(self, request, pk):
        meeting = meeting_find(user=request.user, pk=pk)
        _require(request.user, "reviews.add_actionpoint")
        if "more_rows" in request.POST:
            data = more_rows(request.POST, "points", ActionPointFormSet)
            return self._render(pk, self._formset(data), False)
        formset = self._formset(request.POST)
        if formset.is_valid():
            rows = [form for form in formset.forms if form.has_changed()]
            try:
                points = action_points_add(
                    meeting=meeting, points=[row.action_point() for row in rows], user=request.user
                )
            except RowsRefused as error:
                for index, errors in error.point_errors.items():
                    put_errors(rows[index], errors, rows[index].FIELDS)
            except ValidationError as error:
                formset.non_form_errors().extend(error.messages)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Action point %(numbers)s is recorded.",
                        "Action points %(numbers)s are recorded.",
                        len(points),
                    )
                    % {"numbers": _numbers(points)},
                )
                return redirect(reverse("reviews:meeting_detail", args=[pk]) + "#points-heading")
        return self._render(pk, formset)

    def _formset(self, data):
        options = RowOptions.build(meeting_choices(user=self.request.user))
        return ActionPointFormSet(data, prefix="points", form_kwargs={"options": options})

    def _render(self, pk, formset, show_errors=True):
        """The page again with the rows sent (a form sent back is never cached)."""
        meeting = meeting_get(user=self.request.user, pk=pk)
        return self._page(meeting, lambda: self._context(meeting, formset, show_errors))

    def _context(self, meeting, formset, show_errors=True) -> dict:
        return {
            "meeting": meeting,
            "request_form": ReportRequestForm(),
            "points_formset": formset,
            "show_errors": show_errors,
        }

    def _page(self, meeting, context):
        """The page around its body, a cached fragment (``context`` is built only to render
        it)."""
        body = cached_body(self, self.body_template, context)
        return render(self.request, self.template_name, {"meeting": meeting, "body": body})


class MeetingFormView(NotFoundWithoutPermissionMixin, View):
    """Record a meeting with its agenda and the action points it decided (``new``), or change
    a meeting and its agenda (``pk``): one page, one transaction."""

    permission_required = "reviews.view_meeting"
    template_name = "reviews/meeting_form.html"

    def _meeting(self):
        pk = self.kwargs.get("pk")
        user = self.request.user
        if pk is None:
            _require(user, "reviews.add_meeting")
            return None
        meeting = get_object_or_404(Meeting.objects.for_user(user), pk=pk)
        _require(user, "reviews.change_meeting")
        return meeting

    def _page(self, meeting, data):
        user = self.request.user
        return MeetingPageForms(
            meeting=meeting,
            data=data,
            user=user,
            people=meeting_people(meeting=meeting),
            options=RowOptions.build(meeting_choices(user=user)),
            items=agenda_items(meeting=meeting) if meeting else [],
        )

    def get(self, request, pk=None):
        meeting = self._meeting()
        return self._render(meeting, self._page(meeting, None))

    def post(self, request, pk=None):
        meeting = self._meeting()
        if "more_rows" in request.POST:
            page = self._page(meeting, MeetingPageForms.more_rows(request.POST))
            return self._render(meeting, page, show_errors=False)
        page = self._page(meeting, request.POST)
        if page.is_valid():
            try:
                saved = meeting_record(user=request.user, **page.arguments())
            except RowsRefused as error:
                page.refused(error)
            else:
                if meeting is None:
                    messages.success(request, _("The meeting is recorded."))
                else:
                    messages.success(request, _("The meeting is saved."))
                return redirect(saved.get_absolute_url())
        return self._render(meeting, page)

    def _render(self, meeting, page, show_errors=True):
        context = {"meeting": meeting, "page": page, "show_errors": show_errors}
        return render(self.request, self.template_name, context)


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
        if self.request.user.has_perm("reviews.approve_reportjob") and not job.is_approved:
            context["recipients"] = job.meeting.report_recipients()
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
            sent = len(job.meeting.report_recipients())
            if sent:
                messages.success(
                    request,
                    ngettext(
                        "The report is approved; %(count)d attendee is sent a link to it.",
                        "The report is approved; %(count)d attendees are sent a link to it.",
                        sent,
                    )
                    % {"count": sent},
                )
            else:
                messages.success(request, _("The report is approved."))
        return redirect(job.get_absolute_url())


class ReportArchiveView(CachedBodyMixin, NotFoundWithoutPermissionMixin, ListView):
    """Every finished report: version, language, data cut-off, approver."""

    permission_required = "reviews.view_reportjob"
    template_name = "reviews/report_archive.html"
    body_template = "reviews/includes/report_archive_body.html"
    context_object_name = "jobs"
    paginate_by = 50

    def get_queryset(self):
        return report_archive(user=self.request.user)


class ActionPointListView(CachedBodyMixin, LoginRequiredMixin, PermissionRequiredMixin, ListView):
    """Action points the user may see; district staff see their district's."""

    permission_required = "reviews.view_actionpoint"
    template_name = "reviews/action_point_list.html"
    body_template = "reviews/includes/action_point_list_body.html"
    context_object_name = "points"
    paginate_by = 50

    def get_queryset(self):
        self.status = self.request.GET.get("status", "")
        return action_point_list(user=self.request.user, status=self.status)

    def get_body_context(self, context):
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
