"""Daily sales: the day's entry page, the spreadsheet template and its upload."""

import datetime
import uuid

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.exceptions import ApplicationError
from core.spreadsheets import SpreadsheetError, export_response, read_upload
from stalls import sales
from stalls.forms import SaleDayForm, SaleFormSet, UploadForm
from stalls.models import Allocation, DailySale
from stalls.views.common import FairMixin


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
            .filter(fair=self.fair)
            .active()
            .select_related("stall", "nomination__exhibitor", "district")
            .in_sheet_order()
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
