from functools import cached_property

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from core.exceptions import ApplicationError
from core.request_checks import whole_number
from core.search import exhibitor_match, search_query
from core.views import FormPageMixin, add_service_error
from exhibitors.forms import ExhibitorForm, PriorityClaimForm
from exhibitors.models import Exhibitor, PriorityClaim
from exhibitors.services import (
    exhibitor_create,
    exhibitor_update,
    priority_claim_add,
    priority_claim_remove,
)


def _exhibitors(user, action="view"):
    return Exhibitor.objects.for_user(user, action).select_related("district", "product")


class ExhibitorListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "exhibitors.view_exhibitor"
    template_name = "exhibitors/exhibitor_list.html"
    context_object_name = "exhibitors"
    paginate_by = 50

    def get_queryset(self):
        queryset = _exhibitors(self.request.user).order_by("name", "pk")
        query = search_query(self.request.GET.get("q"))
        if query:
            queryset = queryset.filter(exhibitor_match(query))
        self.query = query.text
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, **kwargs)


class ExhibitorDetailView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    permission_required = "exhibitors.view_exhibitor"
    template_name = "exhibitors/exhibitor_detail.html"
    context_object_name = "exhibitor"

    def get_object(self, queryset=None):
        return get_object_or_404(_exhibitors(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        nominations = self.object.nominations.select_related("fair", "space").order_by(
            "-fair__start_date", "pk"
        )
        return super().get_context_data(nominations=nominations, **kwargs)


class ExhibitorFormView(FormPageMixin, LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Add an exhibitor, or change one (``pk`` in the URL)."""

    template_name = "exhibitors/exhibitor_form.html"
    form_class = ExhibitorForm

    def get_permission_required(self):
        return [
            "exhibitors.change_exhibitor" if "pk" in self.kwargs else "exhibitors.add_exhibitor"
        ]

    @cached_property
    def object(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(_exhibitors(self.request.user, "change"), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": self.object}

    def form_valid(self, form):
        user = self.request.user
        try:
            if self.object is None:
                exhibitor = exhibitor_create(
                    user=user, district=form.cleaned_data.get("district"), **form.service_fields()
                )
                messages.success(
                    self.request, _("%(name)s is registered.") % {"name": exhibitor.name}
                )
            else:
                exhibitor = exhibitor_update(
                    user=user, exhibitor=form.instance, **form.service_fields()
                )
                messages.success(self.request, _("%(name)s is updated.") % {"name": exhibitor.name})
        except (ApplicationError, ValidationError) as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        return redirect("exhibitors:detail", pk=exhibitor.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(exhibitor=self.object, **kwargs)


class ExhibitorPriorityView(FormPageMixin, LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """The exhibitor's priority categories (award, GI tag, women-led…) with their evidence:
    add one, or remove one (``remove`` in the POST). Spaces drawn by lots may reserve a share
    of their places for a category."""

    permission_required = "exhibitors.add_priorityclaim"
    template_name = "exhibitors/exhibitor_priority.html"
    form_class = PriorityClaimForm

    @cached_property
    def exhibitor(self):
        return get_object_or_404(_exhibitors(self.request.user, "change"), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "exhibitor": self.exhibitor}

    def get_context_data(self, **kwargs):
        claims = self.exhibitor.priority_claims.order_by("category", "pk")
        return super().get_context_data(exhibitor=self.exhibitor, claims=claims, **kwargs)

    def post(self, request, *args, **kwargs):
        remove = request.POST.get("remove")
        if remove is not None:
            claim = get_object_or_404(
                PriorityClaim.objects.for_user(request.user, "delete").filter(
                    exhibitor=self.exhibitor
                ),
                pk=whole_number(remove) or 0,
            )
            priority_claim_remove(user=request.user, claim=claim)
            messages.success(request, _("The category is removed."))
            return redirect("exhibitors:priority", pk=self.exhibitor.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            priority_claim_add(
                user=self.request.user,
                exhibitor=self.exhibitor,
                category=data["category"],
                evidence=data["evidence"],
                issued_by=data.get("issued_by", ""),
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages_)
            return self.form_invalid(form)
        except ApplicationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The category is recorded."))
        return redirect("exhibitors:priority", pk=self.exhibitor.pk)
