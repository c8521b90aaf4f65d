"""What every stalls page under /fairs/<pk>/ shares: the fair, and who may see all districts."""

from functools import cached_property

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.shortcuts import get_object_or_404

from events.models import Fair


class FairMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Views under /fairs/<pk>/: the fair, loaded once sign-in and permission are checked."""

    @cached_property
    def fair(self):
        return get_object_or_404(Fair, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(fair=self.fair, **kwargs)


class StatewideMixin:
    """Pages that show every district's records: cell officers and the Principal Secretary."""

    def has_permission(self):
        return super().has_permission() and self.request.user.is_statewide
