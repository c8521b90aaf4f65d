"""Pages of letters and passes: the public verification page, the gate's check-in page, and
the letters to print (one place's, or the fair's as a ZIP) for the district and the cell."""

import io
from functools import cached_property

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.exceptions import ApplicationError
from core.middleware import PERMISSIONS_POLICY
from core.request_checks import whole_number
from core.scoping import get_scoped_object_or_404
from core.views import FormPageMixin
from events.models import Fair, Recipient
from passes.models import Certificate, Credential, PrintJob
from passes.pdf import certificate_pdf
from passes.services import check_in, credential_state, print_job_request, unsigned
from stalls.models import Allocation


class VerifyView(TemplateView):
    """Public, no sign-in: what a letter's QR code proves now. Only the exhibitor's name,
    district, fair and place are shown; a code the portal did not sign answers 404."""

    template_name = "passes/verify.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        code = unsigned(self.kwargs["token"])
        if not code:
            raise Http404(_("This code was not issued by the ODOP Portal."))
        credential = (
            Credential.objects.select_related(
                "allocation__nomination__exhibitor", "allocation__stall", "district", "fair"
            )
            .filter(code=code)
            .first()
        )
        if credential is not None:
            return super().get_context_data(
                credential=credential, state=credential_state(credential), **kwargs
            )
        certificate = (
            Certificate.objects.select_related(
                "recipient__exhibitor", "recipient__activity", "district", "fair"
            )
            .filter(code=code)
            .first()
        )
        if certificate is None:
            raise Http404(_("This code was not issued by the ODOP Portal."))
        return super().get_context_data(certificate=certificate, **kwargs)


class CertificateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """A recipient's certificate as a PDF download: the district's staff for their district's
    recipients, the cell for all. Only people on an activity's recipient list have one."""

    permission_required = "passes.view_certificate"

    def get(self, request, pk):
        recipient = get_scoped_object_or_404(
            Recipient.objects.select_related("exhibitor", "district", "activity__fair"),
            request.user,
            pk=pk,
        )
        if recipient.activity.date > timezone.localdate():
            messages.error(
                request,
                _("The certificate can be printed from %(date)s, the day of the programme.")
                % {"date": date_format(recipient.activity.date, "j M Y")},
            )
            return redirect("events:fair_detail", pk=recipient.activity.fair_id)
        pdf = certificate_pdf(recipient=recipient)
        return FileResponse(
            io.BytesIO(pdf),
            as_attachment=True,
            filename=f"certificate-{recipient.pk}.pdf",
            content_type="application/pdf",
        )


class FairPageMixin(LoginRequiredMixin, PermissionRequiredMixin):
    @cached_property
    def fair(self):
        return get_object_or_404(Fair, pk=self.kwargs["pk"])


class CheckInView(FormPageMixin, FairPageMixin, TemplateView):
    """The gate, on a phone: scan a pass with the camera (or a photo of it), or type its
    code; green when it may enter today, red with the reason otherwise."""

    permission_required = "passes.add_attendance"
    template_name = "passes/check_in.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(fair=self.fair, **kwargs)

    def post(self, request, *args, **kwargs):
        result = check_in(fair=self.fair, scanned=request.POST.get("code", ""), user=request.user)
        return self.render_to_response(self.get_context_data(result=result))

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        # The one page that may use the camera (the site's policy turns it off elsewhere).
        response.headers["Permissions-Policy"] = PERMISSIONS_POLICY.replace(
            "camera=()", "camera=(self)"
        )
        return response


class LettersView(FormPageMixin, FairPageMixin, TemplateView):
    """The fair's places the user may see, each with its letter and pass to print; POST asks
    for one place's (``allocation``) or all of them as a ZIP."""

    permission_required = "passes.add_printjob"
    template_name = "passes/letters.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        places = (
            Allocation.objects.for_user(user)
            .active()
            .filter(fair=self.fair)
            .select_related("space", "stall", "district", "nomination__exhibitor")
            .order_by("space", "stall__position", "pk")
        )
        jobs = PrintJob.objects.for_user(user).filter(fair=self.fair)[:10]
        return super().get_context_data(fair=self.fair, places=places, jobs=jobs, **kwargs)

    def post(self, request, *args, **kwargs):
        allocation = None
        if request.POST.get("allocation"):
            allocation = get_object_or_404(
                Allocation.objects.for_user(request.user).filter(fair=self.fair),
                pk=whole_number(request.POST["allocation"]) or 0,
            )
        try:
            job = print_job_request(fair=self.fair, user=request.user, allocation=allocation)
        except ApplicationError as error:
            messages.error(request, str(error.message))
            return redirect("passes:letters", pk=self.fair.pk)
        return redirect(job)


class PrintJobView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """A print job's state; the page reloads itself until the file is ready."""

    permission_required = "passes.view_printjob"
    template_name = "passes/job.html"

    def get_context_data(self, **kwargs):
        job = get_object_or_404(
            PrintJob.objects.for_user(self.request.user).select_related("fair"),
            pk=self.kwargs["pk"],
        )
        return super().get_context_data(job=job, **kwargs)


class PrintJobDownloadView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "passes.view_printjob"

    def get(self, request, pk):
        job = get_object_or_404(PrintJob.objects.for_user(request.user), pk=pk)
        if job.status != PrintJob.Status.SUCCEEDED or not job.file:
            raise Http404
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.download_name)
