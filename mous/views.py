from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from core.fragments import CachedBodyMixin
from core.views import FormPageMixin, add_service_error
from mous.filtersets import MoUFilterSet
from mous.forms import KEEP_STAGE, TEXT_FIELDS, ProgressCorrectionForm, StageMoveForm
from mous.models import MoU, Stage, Staleness
from mous.selectors import (
    mou_details,
    mou_document_get,
    mou_find,
    mou_get,
    mou_list,
    progress_entry_get,
    since_default,
)
from mous.services import mou_note_add, mou_stage_move, progress_entry_correct
from mous.templatetags.mous_format import outcome


class MoUListView(CachedBodyMixin, LoginRequiredMixin, PermissionRequiredMixin, ListView):
    """The meeting's page: where each MoU stands, since when, what changed since a date."""

    permission_required = "mous.view_mou"
    template_name = "mous/mou_list.html"
    body_template = "mous/includes/mou_list_body.html"
    context_object_name = "mous"

    def get_queryset(self):
        data = self.request.GET.copy()
        # The form always shows the date the "changes since" column uses.
        data.setdefault("since", since_default().isoformat())
        self.filterset = MoUFilterSet(data, queryset=MoU.objects.none())
        # A bad value shows the unfiltered list, with the message at its field.
        valid = self.filterset.is_valid()
        self.since = (valid and self.filterset.form.cleaned_data.get("since")) or since_default()
        self.filterset.queryset = mou_list(user=self.request.user, since=self.since)
        return self.filterset.qs if valid else self.filterset.queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filterset=self.filterset, since=self.since, Staleness=Staleness, **kwargs
        )


class MoUDetailView(CachedBodyMixin, LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    permission_required = "mous.view_mou"
    template_name = "mous/mou_detail.html"
    body_template = "mous/includes/mou_detail_body.html"
    context_object_name = "mou"

    def get_object(self, queryset=None):
        # The access check (404 out of scope) and the page's title; the timeline,
        # deliverables and documents are read for the body when it is rendered.
        return mou_find(user=self.request.user, pk=self.kwargs["pk"])

    def get_body_context(self, context):
        mou_details(self.object)
        return context


class MoUStageMoveView(FormPageMixin, LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Change an MoU's stage, or add a note; both always ask for a note."""

    permission_required = "mous.change_mou"
    template_name = "mous/mou_stage_move.html"
    form_class = StageMoveForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.mou = mou_get(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mou": self.mou}

    def get_context_data(self, **kwargs):
        return super().get_context_data(mou=self.mou, allowed=self.mou.allowed_stages, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        texts = {name: data[name] for name in TEXT_FIELDS}
        try:
            if data["to_stage"] == KEEP_STAGE:
                mou_note_add(mou=self.mou, user=self.request.user, **texts)
                messages.success(self.request, _("The note is recorded."))
            else:
                moved = mou_stage_move(
                    mou=self.mou,
                    to_stage=data["to_stage"],
                    reason=data["reason"],
                    user=self.request.user,
                    **texts,
                )
                messages.success(
                    self.request,
                    _("The MoU is now at the stage “%(stage)s”.")
                    % {"stage": Stage(moved.stage).label},
                )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        return redirect(self.mou.get_absolute_url())


class ProgressCorrectView(FormPageMixin, LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Correct a progress entry with a reason; the earlier value stays in the history."""

    permission_required = "mous.correct_progressentry"
    template_name = "mous/progress_correct.html"
    form_class = ProgressCorrectionForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.entry = progress_entry_get(user=request.user, pk=kwargs["pk"], action="correct")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"value": self.entry.value, "note": self.entry.note}

    def get_context_data(self, **kwargs):
        entry = self.entry
        return super().get_context_data(
            entry=entry, deliverable=entry.deliverable, mou=entry.deliverable.mou, **kwargs
        )

    def form_valid(self, form):
        try:
            correction = progress_entry_correct(
                entry=self.entry, user=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        deliverable = self.entry.deliverable
        messages.success(
            self.request,
            _("The entry of %(date)s is corrected from %(from)s to %(to)s.")
            % {
                "date": date_format(correction.on, "j M Y"),
                "from": outcome(self.entry.value, deliverable),
                "to": outcome(correction.value, deliverable),
            },
        )
        return redirect(deliverable.mou.get_absolute_url() + "#progress-heading")


class MoUDocumentDownloadView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """Hand a document to a permitted user as a download, never as a page to render."""

    permission_required = "mous.view_moudocument"

    def get(self, request, pk):
        document = mou_document_get(user=request.user, pk=pk)
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.download_name,
            content_type="application/pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
