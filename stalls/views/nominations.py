"""Nominating an exhibitor for a fair, and withdrawing a nomination."""

from functools import cached_property

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from core.exceptions import ApplicationError
from core.request_checks import whole_number
from core.views import FormPageMixin, add_service_error
from exhibitors.models import Exhibitor
from stalls.forms import NominationForm, WithdrawForm
from stalls.models import Nomination
from stalls.selectors import district_fair_rows
from stalls.services import nomination_submit, nomination_withdraw
from stalls.views.common import FairMixin


class NominateView(FormPageMixin, FairMixin, FormView):
    permission_required = "stalls.add_nomination"
    template_name = "stalls/nominate.html"
    form_class = NominationForm

    @cached_property
    def allotment_rows(self) -> list:
        """District staff: their district's allotment in each space, and what it leaves."""
        user = self.request.user
        if not user.is_district_staff:
            return []
        return district_fair_rows(user=user, fairs=[self.fair]).get(self.fair.pk, [])

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "fair": self.fair,
            "allotment_rows": self.allotment_rows,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(allotment_rows=self.allotment_rows, **kwargs)

    def get_initial(self):
        exhibitor_id = whole_number(self.request.GET.get("exhibitor"))
        if exhibitor_id is not None:
            exhibitor = get_object_or_404(
                Exhibitor.objects.for_user(self.request.user), pk=exhibitor_id
            )
            return {"exhibitor": exhibitor}
        return {}

    def post(self, request, *args, **kwargs):
        exhibitor_id = whole_number(request.POST.get("exhibitor"))
        # Another district's exhibitor is out of scope: 404, as for any other record. A
        # value that is no id at all is the form's error at the field.
        if (
            exhibitor_id is not None
            and not Exhibitor.objects.for_user(request.user).filter(pk=exhibitor_id).exists()
        ):
            raise Http404
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            nomination = nomination_submit(
                space=data["space"],
                exhibitor=data["exhibitor"],
                user=self.request.user,
                area_requested=data.get("area_requested"),
                override_reason=data.get("override_reason", ""),
            )
        except ApplicationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s is nominated for %(space)s.")
            % {"name": nomination.exhibitor.name, "space": nomination.space.name},
        )
        return redirect("events:fair_detail", pk=self.fair.pk)


class NominationWithdrawView(FormPageMixin, LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "stalls.change_nomination"
    template_name = "stalls/nomination_withdraw.html"
    form_class = WithdrawForm

    @cached_property
    def nomination(self):
        return get_object_or_404(
            Nomination.objects.for_user(self.request.user, "change").select_related(
                "fair", "exhibitor", "space"
            ),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(nomination=self.nomination, **kwargs)

    def form_valid(self, form):
        try:
            nomination_withdraw(
                nomination=self.nomination,
                user=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(name)s is withdrawn.") % {"name": self.nomination.exhibitor.name}
        )
        return redirect("events:fair_detail", pk=self.nomination.fair_id)
