"""A district asks for more places of a space than its allotment."""

from functools import cached_property

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from core.exceptions import ApplicationError
from core.views import FormPageMixin, add_service_error
from events.models import Space
from stalls.forms import AllotmentRequestForm
from stalls.models import Allotment, AllotmentRequest
from stalls.services import allotment_request_submit
from stalls.services.allotments import _district_claims
from stalls.views.common import FairMixin


class AllotmentRequestView(FormPageMixin, FairMixin, FormView):
    """District staff: ask for more stalls or m² of a space, with a reason; the district's
    earlier requests for the space and their decisions are listed below the form."""

    permission_required = "stalls.add_allotmentrequest"
    template_name = "stalls/allotment_request.html"
    form_class = AllotmentRequestForm

    def has_permission(self):
        return super().has_permission() and self.request.user.is_district_staff

    @cached_property
    def space(self):
        return get_object_or_404(Space, pk=self.kwargs["space_pk"], fair=self.fair)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "space": self.space}

    def get_context_data(self, **kwargs):
        district = self.request.user.district
        allotment = Allotment.objects.filter(space=self.space, district=district).first()
        used_units, used_area = _district_claims(self.space, district.pk)
        requests = AllotmentRequest.objects.for_user(self.request.user).filter(space=self.space)
        return super().get_context_data(
            space=self.space,
            allotted=(allotment.units if allotment else 0)
            if self.space.is_units
            else (allotment.area if allotment else 0),
            used=used_units if self.space.is_units else used_area,
            requests=requests.select_related("decided_by"),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            allotment_request_submit(
                space=self.space,
                district=self.request.user.district,
                units=data.get("units") or 0,
                area=data.get("area") or 0,
                reason=data["reason"],
                user=self.request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your request for %(space)s is sent to the ODOP cell.") % {"space": self.space.name},
        )
        return redirect("events:fair_detail", pk=self.fair.pk)
