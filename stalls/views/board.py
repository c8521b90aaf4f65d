"""Allocating or moving a place from the stall board (the board itself is composed with the
gate's attendance in dashboard/views/board.py)."""

from functools import cached_property

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from core.exceptions import ApplicationError
from core.views import FormPageMixin, add_service_error
from events.models import Space
from stalls.forms import AllocateForm, MoveForm
from stalls.models import Allocation, Nomination, Stall
from stalls.services import allocation_create, allocation_move
from stalls.views.common import FairMixin


def _candidates(space, user):
    """Nominations waiting for a place in a space: approved first, then the waiting list."""
    return (
        Nomination.objects.for_user(user, "change")
        .filter(space=space)
        .awaiting_place()
        .select_related("exhibitor", "district")
        .in_queue_order()
    )


class _AllocateView(FormPageMixin, FairMixin, FormView):
    permission_required = "stalls.add_allocation"
    template_name = "stalls/allocate.html"
    form_class = AllocateForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "candidates": _candidates(self.space, self.request.user),
            "with_area": not self.space.is_units,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(space=self.space, stall=self.stall, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            allocation = allocation_create(
                nomination=data["nomination"],
                user=self.request.user,
                stall=self.stall,
                area=data.get("area"),
                override_reason=data.get("override_reason", ""),
            )
        except ApplicationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s is allocated %(place)s.")
            % {
                "name": allocation.nomination.exhibitor.name,
                "place": allocation.stall.number
                if allocation.stall_id
                else f"{allocation.area} m²",
            },
        )
        return redirect("events:board", pk=self.fair.pk)


class AllocateStallView(_AllocateView):
    @cached_property
    def stall(self):
        return get_object_or_404(
            Stall.objects.select_related("space"),
            pk=self.kwargs["stall_pk"],
            fair_id=self.kwargs["pk"],
        )

    @property
    def space(self):
        return self.stall.space


class AllocateAreaView(_AllocateView):
    stall = None

    @cached_property
    def space(self):
        return get_object_or_404(
            Space, pk=self.kwargs["space_pk"], fair_id=self.kwargs["pk"], measure=Space.Measure.AREA
        )


class AllocationMoveView(FormPageMixin, FairMixin, FormView):
    """Move an exhibitor to another free stall of the same space (an override, with a reason)."""

    permission_required = "stalls.change_allocation"
    template_name = "stalls/move.html"
    form_class = MoveForm

    @cached_property
    def allocation(self):
        return get_object_or_404(
            Allocation.objects.for_user(self.request.user, "change")
            .active()
            .select_related("stall", "space", "nomination__exhibitor"),
            pk=self.kwargs["allocation_pk"],
            fair_id=self.kwargs["pk"],
            stall__isnull=False,
        )

    def get_form_kwargs(self):
        free = Stall.objects.filter(space=self.allocation.space).free().in_board_order()
        return {**super().get_form_kwargs(), "free_stalls": free}

    def get_context_data(self, **kwargs):
        return super().get_context_data(allocation=self.allocation, **kwargs)

    def form_valid(self, form):
        try:
            moved = allocation_move(
                allocation=self.allocation,
                stall=form.cleaned_data["stall"],
                reason=form.cleaned_data["reason"],
                user=self.request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s is moved to stall %(number)s.")
            % {"name": moved.nomination.exhibitor.name, "number": moved.stall.number},
        )
        return redirect("events:board", pk=self.fair.pk)
