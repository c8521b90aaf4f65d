"""Pages for nominations, the stall board, allocation, daily sales and exports."""

import datetime
import uuid
from functools import cached_property

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from core.exceptions import ApplicationError
from core.request_checks import whole_number
from core.spreadsheets import SpreadsheetError, export_response, read_upload
from core.views import add_service_error
from events.models import Fair, Space
from exhibitors.models import Exhibitor
from stalls import sales
from stalls.forms import (
    AllocateForm,
    MoveForm,
    NominationForm,
    SaleDayForm,
    SaleFormSet,
    UploadForm,
    WithdrawForm,
)
from stalls.models import Allocation, DailySale, Nomination, Stall
from stalls.selectors import stall_board
from stalls.services import (
    allocation_create,
    allocation_move,
    nomination_submit,
    nomination_withdraw,
)


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


# --- Nominations -----------------------------------------------------------------------------


class NominateView(FairMixin, FormView):
    permission_required = "stalls.add_nomination"
    template_name = "stalls/nominate.html"
    form_class = NominationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "fair": self.fair}

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


class NominationWithdrawView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
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


# --- Stall board and allocation --------------------------------------------------------------


class StallBoardView(StatewideMixin, FairMixin, TemplateView):
    permission_required = "stalls.view_allocation"
    template_name = "stalls/board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["spaces"] = stall_board(fair=self.fair, user=self.request.user)
        context["can_allocate"] = self.request.user.has_perm("stalls.add_allocation")
        # Hundreds of stalls: their links are built around the id, not reversed one by one.
        context["allocate_url"] = _url_around("stalls:allocate_stall", self.fair.pk)
        context["move_url"] = _url_around("stalls:allocation_move", self.fair.pk)
        return context


def _url_around(name: str, fair_id: int) -> tuple[str, str]:
    """The URL of ``name`` for the fair split around the stall's or allocation's id."""
    before, after = reverse(name, args=[fair_id, 0]).rsplit("/0/", 1)
    return f"{before}/", f"/{after}"


def _candidates(space, user):
    """Nominations waiting for a place in a space: approved first, then the waiting list."""
    return (
        Nomination.objects.for_user(user, "change")
        .filter(space=space, status__in=[Nomination.Status.APPROVED, Nomination.Status.WAITLISTED])
        .select_related("exhibitor", "district")
        .order_by("status", "waitlisted_at", "created_at", "pk")
    )


class _AllocateView(FairMixin, FormView):
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
        return redirect("stalls:board", pk=self.fair.pk)


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


class AllocationMoveView(FairMixin, FormView):
    """Move an exhibitor to another free stall of the same space (an override, with a reason)."""

    permission_required = "stalls.change_allocation"
    template_name = "stalls/move.html"
    form_class = MoveForm

    @cached_property
    def allocation(self):
        return get_object_or_404(
            Allocation.objects.for_user(self.request.user, "change").select_related(
                "stall", "space", "nomination__exhibitor"
            ),
            pk=self.kwargs["allocation_pk"],
            fair_id=self.kwargs["pk"],
            status=Allocation.Status.ACTIVE,
            stall__isnull=False,
        )

    def get_form_kwargs(self):
        free = (
            Stall.objects.filter(space=self.allocation.space)
            .exclude(allocations__status=Allocation.Status.ACTIVE)
            .order_by("position", "pk")
        )
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
        return redirect("stalls:board", pk=self.fair.pk)


# --- Daily sales -----------------------------------------------------------------------------


class SalesEntryView(FairMixin, TemplateView):
    """One day's sales of every allocated place of the user's district, on one page."""

    permission_required = "stalls.add_dailysale"
    template_name = "stalls/sales.html"

    def _day(self):
        """The day asked for, else today within the fair. A date that is no date (30
        February) stays on the form as its error, over the default day's sales."""
        form = SaleDayForm(self.request.GET if self.request.GET.get("date") else None)
        if form.is_valid():
            return form, form.cleaned_data["date"]
        today = timezone.localdate()
        day = min(max(today, self.fair.start_date), self.fair.end_date)
        return (form if form.is_bound else SaleDayForm(initial={"date": day})), day

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.context_data["day_form"].errors:
            response.status_code = 400
        return response

    def _allocations(self):
        return list(
            Allocation.objects.for_user(self.request.user)
            .filter(fair=self.fair, status=Allocation.Status.ACTIVE)
            .select_related("stall", "nomination__exhibitor", "district")
            .order_by("stall__position", "area", "pk")
        )

    def _formset(self, allocations, day, data=None):
        existing = {
            s.allocation_id: s
            for s in DailySale.objects.filter(allocation__in=allocations, date=day)
        }
        initial = [
            {
                "allocation": a.pk,
                "amount": getattr(existing.get(a.pk), "amount", None),
                "enquiries": getattr(existing.get(a.pk), "enquiries", None),
                "export_leads": getattr(existing.get(a.pk), "export_leads", None),
            }
            for a in allocations
        ]
        formset = SaleFormSet(data, initial=initial)
        for form, allocation in zip(formset.forms, allocations, strict=False):
            form.allocation_object = allocation
        return formset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day_form, day = self._day()
        allocations = self._allocations()
        context.update(
            day_form=day_form,
            day=day,
            formset=kwargs.get("formset") or self._formset(allocations, day),
            fair_days=[
                self.fair.start_date + datetime.timedelta(days=n) for n in range(self.fair.days)
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        day_form = SaleDayForm(request.POST)
        if not day_form.is_valid():
            # The day's error at its field; nothing is saved.
            context = {**self.get_context_data(), "day_form": day_form}
            return self.render_to_response(context, status=400)
        day = day_form.cleaned_data["date"]
        allocations = {a.pk: a for a in self._allocations()}
        formset = self._formset(list(allocations.values()), day, request.POST)
        if formset.is_valid() and self._save(formset, allocations, day):
            messages.success(request, _("Sales saved."))
            return redirect(f"{request.path}?date={day.isoformat()}")
        return self.render_to_response(self.get_context_data(formset=formset))

    def _save(self, formset, allocations, day) -> bool:
        rows = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("amount") is not None]
        if any(row["allocation"] not in allocations for row in rows):
            raise Http404  # a place of another district
        try:
            with transaction.atomic():
                for row in rows:
                    sales.sale_record(
                        user=self.request.user,
                        allocation=allocations[row["allocation"]],
                        date=day,
                        amount=row["amount"],
                        enquiries=row.get("enquiries") or 0,
                        export_leads=row.get("export_leads") or 0,
                    )
        except ApplicationError as error:
            formset.non_form_errors().append(str(error.message))
            return False
        return True


def _headings() -> list[str]:
    hindi = (get_language() or "en").startswith("hi")
    return [hi if hindi else en for _key, en, hi in sales.COLUMNS]


class SalesTemplateView(FairMixin, View):
    permission_required = "stalls.add_dailysale"

    def get(self, request, *args, **kwargs):
        rows = sales.sales_template_rows(user=request.user, fair=self.fair)
        return export_response(
            filename=f"sales-{self.fair.pk}", header=_headings(), rows=rows, as_csv=False
        )


UPLOAD_SESSION_KEY = "sales_upload"


class SalesUploadView(FairMixin, TemplateView):
    """Upload a filled template: a preview lists every bad row, then an all-or-nothing save."""

    permission_required = "stalls.add_dailysale"
    template_name = "stalls/sales_upload.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", UploadForm())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self._commit(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        try:
            sheet = read_upload(upload)
        except SpreadsheetError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        checked = sales.sales_upload_check(user=request.user, fair=self.fair, sheet=sheet)
        token = ""
        if checked.ok and checked.rows:
            upload.seek(0)
            token = uuid.uuid4().hex
            default_storage.save(f"imports/{token}", ContentFile(upload.read()))
            request.session[UPLOAD_SESSION_KEY] = {"token": token, "fair": self.fair.pk}
        return self.render_to_response(
            self.get_context_data(form=form, checked=checked, token=token)
        )

    def _commit(self, request):
        stored = request.session.pop(UPLOAD_SESSION_KEY, None)
        if (
            not stored
            or stored["fair"] != self.fair.pk
            or stored["token"] != request.POST.get("token")
        ):
            messages.error(request, _("This upload has expired; upload the file again."))
            return redirect("stalls:sales_upload", pk=self.fair.pk)
        path = f"imports/{stored['token']}"
        try:
            with default_storage.open(path) as handle:
                sheet = read_upload(handle)
            saved = sales.sales_upload_commit(user=request.user, fair=self.fair, sheet=sheet)
        except (ApplicationError, SpreadsheetError) as error:
            messages.error(request, str(getattr(error, "message", error)))
            return redirect("stalls:sales_upload", pk=self.fair.pk)
        finally:
            default_storage.delete(path)
        messages.success(request, _("%(count)s rows of sales saved.") % {"count": saved})
        return redirect("stalls:sales", pk=self.fair.pk)


# --- Export ----------------------------------------------------------------------------------


class AllocationExportView(FairMixin, View):
    """The fair's allocations (the user's scope) as XLSX, or CSV with ?format=csv."""

    permission_required = "stalls.view_allocation"

    def get(self, request, *args, **kwargs):
        allocations = (
            Allocation.objects.for_user(request.user)
            .filter(fair=self.fair, status=Allocation.Status.ACTIVE)
            .select_related("space", "stall", "district", "nomination__exhibitor__product")
            .order_by("space", "stall__position", "pk")
        )
        header = [
            _("Space"),
            _("Stall"),
            _("Area (m²)"),
            _("Exhibitor"),
            _("Kind"),
            _("District"),
            _("ODOP product"),
            _("Mobile"),
        ]
        rows = (
            [
                a.space.name,
                a.stall.number if a.stall_id else "",
                a.area if a.area is not None else "",
                a.nomination.exhibitor.name,
                a.nomination.exhibitor.get_kind_display(),
                a.district.name,
                a.nomination.exhibitor.product.name if a.nomination.exhibitor.product_id else "",
                a.nomination.exhibitor.mobile,
            ]
            for a in allocations
        )
        return export_response(
            filename=f"allocations-{self.fair.pk}",
            header=header,
            rows=rows,
            as_csv=request.GET.get("format") == "csv",
        )
