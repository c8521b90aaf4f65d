import uuid
from functools import cached_property

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from core.exceptions import ApplicationError
from core.fragments import CachedBodyMixin
from core.request_checks import whole_number
from core.search import exhibitor_match, search_query
from core.spreadsheets import SpreadsheetError, export_response, read_upload, workbook_response
from core.views import FormPageMixin, add_service_error
from districts.models import District
from exhibitors.forms import (
    ExhibitorForm,
    ExhibitorImportConfirmForm,
    ExhibitorImportForm,
    PriorityClaimForm,
)
from exhibitors.imports.services import exhibitor_import_check, exhibitor_import_commit
from exhibitors.imports.template import (
    import_template_headings,
    import_template_kinds,
    import_template_products,
    import_template_workbook,
)
from exhibitors.models import Exhibitor, PriorityClaim
from exhibitors.services import (
    exhibitor_create,
    exhibitor_district,
    exhibitor_update,
    priority_claim_add,
    priority_claim_remove,
)


def _exhibitors(user, action="view"):
    return Exhibitor.objects.for_user(user, action).select_related("district", "product")


class ExhibitorListView(CachedBodyMixin, LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "exhibitors.view_exhibitor"
    template_name = "exhibitors/exhibitor_list.html"
    body_template = "exhibitors/includes/exhibitor_list_body.html"
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


class ExhibitorDetailView(CachedBodyMixin, LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    permission_required = "exhibitors.view_exhibitor"
    template_name = "exhibitors/exhibitor_detail.html"
    body_template = "exhibitors/includes/exhibitor_detail_body.html"
    context_object_name = "exhibitor"

    def get_object(self, queryset=None):
        return get_object_or_404(_exhibitors(self.request.user), pk=self.kwargs["pk"])

    def get_body_context(self, context):
        nominations = self.object.nominations.select_related("fair", "space").order_by(
            "-fair__start_date", "pk"
        )
        return {**context, "nominations": nominations}


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


# --- Import from a spreadsheet ----------------------------------------------------------------

IMPORT_SESSION_KEY = "exhibitor_import"
PREVIEW_ROWS = 200  # new and unchanged rows listed; the counts are complete
# Matches offered update or skip one by one; past this the form would grow past what a phone
# shows, so only "update every match" is offered.
MATCH_CHOICES = 300


def _template_district(user, raw) -> District | None:
    """The district whose products the template lists: district staff's own, else the one
    asked for (None: every district's)."""
    chosen = None
    if not user.is_district_staff and (pk := whole_number(raw)):
        chosen = District.objects.for_user(user).filter(pk=pk).first()
    return exhibitor_district(user=user, district=chosen)


class ExhibitorImportTemplateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The import's template (XLSX with lists of the allowed kinds and products, or CSV)."""

    permission_required = "exhibitors.add_exhibitor"

    def get(self, request, *args, **kwargs):
        district = _template_district(request.user, request.GET.get("district"))
        if request.GET.get("format") == "csv":
            return export_response(
                filename="exhibitors-template",
                header=import_template_headings(),
                rows=[],
                as_csv=True,
            )
        book = import_template_workbook(district=district)
        return workbook_response(book, filename="exhibitors-template")


class ExhibitorImportView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Upload a register of exhibitors: a preview lists every bad row by row and column,
    else the new exhibitors and the registered ones rows match (update or skip each); then
    an all-or-nothing save.

    The file is kept under a token in the session with the fingerprint of the file and of
    the matched exhibitors the preview showed; the save compares it (exhibitors.imports).
    """

    permission_required = "exhibitors.add_exhibitor"
    template_name = "exhibitors/exhibitor_import.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kwargs.setdefault("form", ExhibitorImportForm(user=user))
        district = user.district if user.is_district_staff else None
        return super().get_context_data(
            preview_rows=PREVIEW_ROWS,
            kinds=import_template_kinds(),
            products=import_template_products(district=district) if district else [],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self._commit(request)
        form = ExhibitorImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        self._discard()  # a new file replaces the preview of an earlier one
        upload = form.cleaned_data["file"]
        try:
            checked = exhibitor_import_check(
                user=request.user,
                district=form.cleaned_data.get("district"),
                sheet=read_upload(upload),
            )
        except SpreadsheetError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        except ApplicationError as error:
            add_service_error(form, error)
            return self.render_to_response(self.get_context_data(form=form))
        token = ""
        if checked.ok and checked.has_work:
            upload.seek(0)
            token = self._keep(upload.read(), checked)
        return self._preview(checked, token=token, form=form)

    def _keep(self, content: bytes, checked) -> str:
        token = uuid.uuid4().hex
        default_storage.save(f"imports/{token}", ContentFile(content))
        self._remember(token, checked)
        return token

    def _remember(self, token: str, checked) -> None:
        offered = len(checked.matches) <= MATCH_CHOICES
        self.request.session[IMPORT_SESSION_KEY] = {
            "token": token,
            "district": checked.district.pk,
            "fingerprint": checked.fingerprint,
            "rows": [match.row for match in checked.matches] if offered else [],
        }

    def _discard(self) -> None:
        stored = self.request.session.pop(IMPORT_SESSION_KEY, None)
        if stored:
            default_storage.delete(f"imports/{stored['token']}")

    def _preview(self, checked, *, token, form=None, confirm=None, notice=""):
        offered = checked.matches if len(checked.matches) <= MATCH_CHOICES else []
        if token and confirm is None:
            rows = [match.row for match in offered]
            confirm = ExhibitorImportConfirmForm(initial={"token": token}, rows=rows)
        for match in offered if confirm else []:
            match.choice = confirm[confirm.field_name(match.row)]
        context = self.get_context_data(
            form=form or ExhibitorImportForm(user=self.request.user),
            checked=checked,
            token=token,
            confirm_form=confirm,
            match_choices=bool(offered),
            notice=notice,
        )
        return self.render_to_response(context)

    def _commit(self, request):
        stored = request.session.get(IMPORT_SESSION_KEY)
        confirm = ExhibitorImportConfirmForm(request.POST, rows=stored["rows"] if stored else ())
        if not stored or not confirm.is_valid() or stored["token"] != confirm.cleaned_data["token"]:
            messages.error(request, _("This upload has expired; upload the file again."))
            return redirect("exhibitors:import")
        district = get_object_or_404(District.objects.for_user(request.user), pk=stored["district"])
        try:
            with default_storage.open(f"imports/{stored['token']}") as handle:
                sheet = read_upload(handle)
            saved = exhibitor_import_commit(
                user=request.user,
                district=district,
                sheet=sheet,
                fingerprint=stored["fingerprint"],
                update_rows=confirm.update_rows(),
                update_all=confirm.cleaned_data["update_all"],
            )
        except ApplicationError as error:
            if error.code == "stale":
                return self._refused(error, sheet, stored, district)
            return self._give_up(str(error))
        except SpreadsheetError as error:
            return self._give_up(str(error))
        except FileNotFoundError:
            return self._give_up(_("This upload has expired; upload the file again."))
        self._discard()
        messages.success(request, _saved_message(saved))
        return redirect("exhibitors:list")

    def _give_up(self, message: str):
        self._discard()
        messages.error(self.request, message)
        return redirect("exhibitors:import")

    def _refused(self, error, sheet, stored, district):
        """The preview again, from the kept file and the exhibitors as registered now; the
        next save compares with what it shows."""
        checked = exhibitor_import_check(user=self.request.user, district=district, sheet=sheet)
        if not checked.ok or not checked.has_work:
            self._discard()
            return self._preview(checked, token="", notice=str(error.message))
        self._remember(stored["token"], checked)
        return self._preview(checked, token=stored["token"], notice=str(error.message))


def _saved_message(saved) -> str:
    created = ngettext(
        "%(count)s exhibitor registered", "%(count)s exhibitors registered", saved.created
    ) % {"count": saved.created}
    updated = ngettext(
        "%(count)s exhibitor updated", "%(count)s exhibitors updated", saved.updated
    ) % {"count": saved.updated}
    return _("Import saved: %(created)s, %(updated)s.") % {"created": created, "updated": updated}
