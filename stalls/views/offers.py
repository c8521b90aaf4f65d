"""A district answers the place offered to one of its nominations."""

from functools import cached_property

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from core.exceptions import ApplicationError
from core.views import FormPageMixin, add_service_error
from stalls.forms import OfferAnswerForm
from stalls.models import Offer
from stalls.services import offer_accept, offer_decline


class OfferAnswerView(FormPageMixin, LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """The offer (exhibitor, space, deadline) and the answer: accept or decline. Another
    district's offer answers 404; an ended or lapsed one says so at the form."""

    permission_required = "stalls.change_offer"
    template_name = "stalls/offer.html"
    form_class = OfferAnswerForm

    @cached_property
    def offer(self):
        return get_object_or_404(
            Offer.objects.for_user(self.request.user, "change").select_related(
                "nomination__fair", "nomination__exhibitor", "space"
            ),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(offer=self.offer, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if data["answer"] == OfferAnswerForm.ACCEPT:
                offer_accept(offer=self.offer, user=self.request.user)
                done = _("%(name)s takes the place; the stall follows from the cell.")
            else:
                offer_decline(offer=self.offer, user=self.request.user, reason=data["reason"])
                done = _("%(name)s declines the place; it goes to the next in line.")
        except ApplicationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, done % {"name": self.offer.nomination.exhibitor.name})
        return redirect("events:fair_detail", pk=self.offer.nomination.fair_id)
