"""Daily sales: the day's entry page, the spreadsheet template and its upload."""

import uuid

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.exceptions import ApplicationError
from core.fragments import cached_body
from core.spreadsheets import SpreadsheetError, export_response, read_upload
from stalls import sales
from stalls.forms import (
    SaleDayForm,
    SaleFormSet,
    SalesReplaceForm,
    SalesUploadConfirmForm,
    UploadForm,
)
from stalls.models import Allocation
from stalls.sales_changes import FIGURES, sales_changes, sales_fingerprint, saved_sales
from stalls.views.common import FairMixin

# Refusals that leave the entry or the preview on screen, with what is saved now.
RECHECK = ("stale", "confirm_replace")


class SalesEntryView(FairMixin, TemplateView):
    """One day's sales of every allocated place of the user's district, on one page.

    Each place shows what is saved beside its inputs; replacing a saved figure needs the
    confirmation box, and figures saved by someone else since the page was opened refuse the
    save (each row carries the fingerprint of what it showed as saved).
    """

    permission_required = "stalls.add_dailysale"
    template_name = "stalls/sales.html"

    def _day(self):
        """The day asked for, else the day whose sales can be saved (today while the fair runs,
        its last day once it has ended). A date that is no date (30 February) stays on the form
        as its error, over the default day's sales."""
        form = SaleDayForm(self.request.GET if self.request.GET.get("date") else None)
        if form.is_valid():
            return form, form.cleaned_data["date"]
        day = sales.sales_day_default(self.fair) or self.fair.start_date
        return (form if form.is_bound else SaleDayForm(initial={"date": day})), day

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.context_data["day_form"].errors:
            response.status_code = 400
        return response

    def _allocations(self) -> dict:
        return {
            a.pk: a
            for a in Allocation.objects.for_user(self.request.user)
            .filter(fair=self.fair)
            .active()
            .select_related("stall", "nomination__exhibitor", "district")
            .in_sheet_order()
        }

    def _saved(self, allocations: dict, day) -> dict:
        keys = {(pk, day) for pk in allocations}
        return saved_sales(user=self.request.user, fair=self.fair, keys=keys)

    def _formset(self, allocations: dict, day, saved: dict, data=None):
        initial = []
        for pk in allocations:
            sale = saved.get((pk, day))
            initial.append(
                {
                    "allocation": pk,
                    **{name: getattr(sale, name, None) for name in FIGURES},
                    "seen": sales_fingerprint(keys={(pk, day)}, saved=saved),
                }
            )
        return SaleFormSet(data, initial=initial)

    def _annotate(self, formset, allocations: dict, day, saved: dict, changes=None) -> None:
        """Give each row its place, what is saved for it and what the save would replace."""
        replaced = {
            row["allocation"].pk: {change.name: change for change in row["differences"]}
            for row in (changes.changed if changes else [])
        }
        order = list(allocations)
        for index, form in enumerate(formset.forms):
            pk = _posted_pk(form) if form.is_bound else form.initial.get("allocation")
            if pk is None and index < len(order):
                pk = order[index]
            form.allocation_object = allocations.get(pk)
            form.saved_sale = saved.get((pk, day))
            form.replaced = replaced.get(pk, {})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "day" not in kwargs:
            context["day_form"], context["day"] = self._day()
        # The rows of a GET are cached under the data version with their fingerprints, so a
        # cached page's fingerprints are those of the figures it shows; a posted page is
        # rendered fresh (core.fragments).
        context["body"] = cached_body(
            self, "stalls/includes/sales_body.html", lambda: self._body_context(context)
        )
        return context

    def _body_context(self, context: dict) -> dict:
        day = context["day"]
        if "formset" not in context:
            allocations = self._allocations()
            saved = self._saved(allocations, day)
            context["formset"] = self._formset(allocations, day, saved)
            self._annotate(context["formset"], allocations, day, saved)
        context["day_error"] = sales.sale_date_error(
            fair=self.fair, date=day, today=timezone.localdate()
        )
        return context

    def post(self, request, *args, **kwargs):
        day_form = SaleDayForm(request.POST)
        if not day_form.is_valid():
            # The day's error at its field; nothing is saved.
            context = {**self.get_context_data(), "day_form": day_form}
            return self.render_to_response(context, status=400)
        day = day_form.cleaned_data["date"]
        allocations = self._allocations()
        saved = self._saved(allocations, day)
        formset = self._formset(allocations, day, saved, request.POST)
        confirm = SalesReplaceForm(request.POST)
        if formset.is_valid() and confirm.is_valid():
            rows = _rows(formset, allocations)
            try:
                changes = sales.sales_day_record(
                    user=request.user,
                    fair=self.fair,
                    date=day,
                    rows=rows,
                    replace=confirm.cleaned_data["replace"],
                )
            except ApplicationError as error:
                return self._refused(error, formset, allocations, day, saved)
            if changes.writes:
                messages.success(request, _("Sales saved."))
            else:
                messages.info(request, _("No figure changed; nothing needed saving."))
            return redirect(f"{request.path}?date={day.isoformat()}")
        return self._render(formset, allocations, day, saved)

    def _refused(self, error, formset, allocations, day, saved):
        if error.code == "stale":
            # What is saved now, and new fingerprints for it: the next save compares with
            # what this page shows. The figures typed stay in their inputs; the box is
            # unticked, as it confirmed what the page showed before.
            saved = self._saved(allocations, day)
            data = formset.data.copy()
            data.pop("replace", None)
            for form in formset.forms:
                pk = form.cleaned_data.get("allocation")
                data[form.add_prefix("seen")] = sales_fingerprint(keys={(pk, day)}, saved=saved)
            formset = self._formset(allocations, day, saved, data)
            formset.full_clean()
        if error.field == "replace":
            return self._render(formset, allocations, day, saved, confirm_error=error.message)
        formset.non_form_errors().append(str(error.message))
        return self._render(formset, allocations, day, saved)

    def _render(self, formset, allocations, day, saved, confirm_error=None):
        """The posted page again, each row with what is saved and what it would replace."""
        rows = [{**row, "date": day} for row in _rows(formset, allocations, valid_only=True)]
        changes = sales_changes(rows=rows, saved=saved)
        self._annotate(formset, allocations, day, saved, changes)
        confirm = None
        if changes.replacing:
            confirm = SalesReplaceForm(formset.data, replacing=changes.replacing)
            if confirm_error:
                confirm.full_clean()
                confirm.add_error("replace", str(confirm_error))
        context = self.get_context_data(
            day=day,
            day_form=SaleDayForm(initial={"date": day}),
            formset=formset,
            confirm_form=confirm,
        )
        return self.render_to_response(context)


def _posted_pk(form) -> int | None:
    try:
        return int(form["allocation"].value())
    except (TypeError, ValueError):
        return None


def _rows(formset, allocations: dict, valid_only: bool = False) -> list[dict]:
    """The rows with a sales figure, as the service takes them; 404 for another district's."""
    rows = []
    for form in formset.forms:
        if valid_only and not form.is_valid():
            continue
        data = form.cleaned_data
        if data.get("amount") is None:
            continue
        if data["allocation"] not in allocations:
            raise Http404  # a place of another district
        rows.append(
            {
                "allocation": allocations[data["allocation"]],
                "amount": data["amount"],
                "enquiries": data.get("enquiries") or 0,
                "export_leads": data.get("export_leads") or 0,
                "seen": data.get("seen") or None,
            }
        )
    return rows


def _headings() -> list[str]:
    hindi = (get_language() or "en").startswith("hi")
    return [hi if hindi else en for _key, en, hi in sales.COLUMNS]


class SalesTemplateView(FairMixin, View):
    """The template, filled with what is saved for every place and day that has come."""

    permission_required = "stalls.add_dailysale"

    def get(self, request, *args, **kwargs):
        rows = sales.sales_template_rows(user=request.user, fair=self.fair)
        return export_response(
            filename=f"sales-{self.fair.pk}",
            header=_headings(),
            rows=rows,
            as_csv=request.GET.get("format") == "csv",
        )


UPLOAD_SESSION_KEY = "sales_upload"
PREVIEW_ROWS = 200  # rows listed per kind (new, changed, unchanged); the counts are complete


class SalesUploadView(FairMixin, TemplateView):
    """Upload a filled template: a preview lists every bad row, else the new, changed and
    unchanged rows; then an all-or-nothing save of the new and changed ones.

    The stored file and the fingerprint of the saved figures the preview showed are kept in
    the session; the save compares that fingerprint under lock (stalls.sales).
    """

    permission_required = "stalls.add_dailysale"
    template_name = "stalls/sales_upload.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", UploadForm())
        return super().get_context_data(preview_rows=PREVIEW_ROWS, **kwargs)

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
        if checked.ok and checked.changes.writes:
            upload.seek(0)
            token = self._keep(upload.read(), checked.changes.fingerprint)
        return self._preview(checked=checked, token=token, form=form)

    def _keep(self, content: bytes, fingerprint: str) -> str:
        self._discard()  # the file of an earlier preview
        token = uuid.uuid4().hex
        default_storage.save(f"imports/{token}", ContentFile(content))
        self.request.session[UPLOAD_SESSION_KEY] = {
            "token": token,
            "fair": self.fair.pk,
            "fingerprint": fingerprint,
        }
        return token

    def _discard(self) -> None:
        stored = self.request.session.pop(UPLOAD_SESSION_KEY, None)
        if stored:
            default_storage.delete(f"imports/{stored['token']}")

    def _preview(self, *, checked, token, form=None, confirm=None, notice=""):
        if token and confirm is None:
            confirm = SalesUploadConfirmForm(
                initial={"token": token}, replacing=checked.changes.replacing
            )
        context = self.get_context_data(
            form=form or UploadForm(),
            checked=checked,
            token=token,
            confirm_form=confirm,
            notice=notice,
        )
        return self.render_to_response(context)

    def _commit(self, request):
        stored = request.session.get(UPLOAD_SESSION_KEY)
        confirm = SalesUploadConfirmForm(request.POST)
        if (
            not confirm.is_valid()
            or not stored
            or stored["fair"] != self.fair.pk
            or stored["token"] != confirm.cleaned_data["token"]
        ):
            messages.error(request, _("This upload has expired; upload the file again."))
            return redirect("stalls:sales_upload", pk=self.fair.pk)
        try:
            with default_storage.open(f"imports/{stored['token']}") as handle:
                sheet = read_upload(handle)
            saved = sales.sales_upload_commit(
                user=request.user,
                fair=self.fair,
                sheet=sheet,
                fingerprint=stored.get("fingerprint"),
                replace=confirm.cleaned_data["replace"],
            )
        except ApplicationError as error:
            if error.code in RECHECK:
                return self._refused(error, sheet, stored)
            self._discard()
            messages.error(request, str(error.message))
            return redirect("stalls:sales_upload", pk=self.fair.pk)
        except SpreadsheetError as error:
            self._discard()
            messages.error(request, str(error))
            return redirect("stalls:sales_upload", pk=self.fair.pk)
        self._discard()
        messages.success(
            request,
            ngettext("%(count)s row of sales saved.", "%(count)s rows of sales saved.", saved)
            % {"count": saved},
        )
        return redirect("stalls:sales", pk=self.fair.pk)

    def _refused(self, error, sheet, stored):
        """The preview again, from the kept file and the figures saved now: after a refusal
        for a missing confirmation (the message at the box) or for figures saved since."""
        checked = sales.sales_upload_check(user=self.request.user, fair=self.fair, sheet=sheet)
        if not checked.ok or not checked.changes.writes:
            self._discard()
            return self._preview(checked=checked, token="", notice=str(error.message))
        if error.field == "replace":
            confirm = SalesUploadConfirmForm(self.request.POST, replacing=checked.changes.replacing)
            confirm.full_clean()
            confirm.add_error("replace", str(error.message))
            return self._preview(checked=checked, token=stored["token"], confirm=confirm)
        # The save compares with what this new preview shows.
        self.request.session[UPLOAD_SESSION_KEY] = {
            **stored,
            "fingerprint": checked.changes.fingerprint,
        }
        return self._preview(checked=checked, token=stored["token"], notice=str(error.message))
