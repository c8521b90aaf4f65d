from functools import cached_property

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from core.exceptions import ApplicationError
from core.search import exhibitor_match, search_query
from core.views import FormPageMixin, add_service_error
from exhibitors.forms import ExhibitorForm
from exhibitors.models import Exhibitor
from exhibitors.services import exhibitor_create, exhibitor_update


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
