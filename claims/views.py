"""Pages of MDA claims: the district drafts, corrects, documents, submits and recommends; the
cell verifies, sanctions and records payment; everyone with the right reads."""

from functools import cached_property

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from claims import selectors
from claims.forms import (
    ClaimForm,
    DocumentForm,
    NoteForm,
    PayForm,
    ReasonForm,
    SanctionForm,
    VerifyForm,
)
from claims.models import (
    Claim,
    ClaimDocument,
    ClaimStatus,
    SanctionOrder,
    financial_year_label,
    financial_year_of,
)
from claims.models.claims import SENDING_BACK, TRANSITIONS
from claims.services import (
    claim_checks,
    claim_create,
    claim_document_add,
    claim_document_remove,
    claim_lines,
    claim_pay,
    claim_recommend,
    claim_reject,
    claim_return,
    claim_submit,
    claim_update,
    claim_verify,
    claims_sanction,
    sanction_order_retry,
)
from core.exceptions import ApplicationError
from core.fragments import CachedBodyMixin
from core.request_checks import whole_number
from core.spreadsheets import export_response
from core.views import FormPageMixin, add_service_error
from events.models import Fair


class ClaimListView(CachedBodyMixin, LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "claims.view_claim"
    template_name = "claims/claim_list.html"
    body_template = "claims/includes/claim_list_body.html"
    context_object_name = "claims"
    paginate_by = 50

    def get_queryset(self):
        queryset = selectors.claim_list(user=self.request.user)
        self.status = self.request.GET.get("status") or ""
        if self.status in ClaimStatus.values:
            queryset = queryset.filter(status=self.status)
        else:
            self.status = ""
        self.fair_id = whole_number(self.request.GET.get("fair"))
        if self.fair_id:
            queryset = queryset.filter(fair_id=self.fair_id)
        return queryset.order_by("-created_at", "-pk")

    def get_body_context(self, context: dict) -> dict:
        user = self.request.user
        # The fairs with a claim the user may see: a semi-join on the claims' fair index.
        fairs = Fair.objects.filter(pk__in=Claim.objects.for_user(user).values("fair_id"))
        return {
            **context,
            "pipeline": selectors.claims_pipeline(user=user),
            "statuses": ClaimStatus.choices,
            "status": self.status,
            "fairs": fairs.order_by("-start_date", "pk"),
            "fair_id": self.fair_id,
        }


class ClaimFormView(FormPageMixin, LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """A new claim for a place held (``?allocation=`` preselects it), or a draft's correction."""

    template_name = "claims/claim_form.html"
    form_class = ClaimForm

    def get_permission_required(self):
        return ["claims.change_claim" if "pk" in self.kwargs else "claims.add_claim"]

    @cached_property
    def object(self):
        if "pk" not in self.kwargs:
            return None
        return selectors.claim_get(user=self.request.user, pk=self.kwargs["pk"], action="change")

    def get_initial(self):
        initial = super().get_initial()
        allocation = whole_number(self.request.GET.get("allocation"))
        if allocation and self.object is None:
            initial["allocation"] = allocation
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": self.object}

    def form_valid(self, form):
        try:
            if self.object is None:
                claim = claim_create(claim=form.instance, user=self.request.user)
                messages.success(
                    self.request,
                    _("Claim %(number)s is saved as a draft. Attach its documents, then submit it.")
                    % {"number": claim.number},
                )
            else:
                claim = claim_update(claim=form.instance, user=self.request.user)
                messages.success(self.request, _("The claim is corrected."))
        except (ApplicationError, ValidationError) as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        return redirect(claim)

    def get_context_data(self, **kwargs):
        return super().get_context_data(claim=self.object, **kwargs)


class ClaimDetailView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "claims.view_claim"
    template_name = "claims/claim_detail.html"

    @cached_property
    def claim(self):
        return selectors.claim_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        claim, user = self.claim, self.request.user
        checks = claim_checks(claim)
        documents = claim.documents.all() if user.has_perm("claims.view_claimdocument") else []
        return super().get_context_data(
            claim=claim,
            lines=claim_lines(claim),
            checks=checks,
            eligible=all(c.ok for c in checks),
            documents=documents,
            events=claim.events.select_related("by"),
            steps=_steps_for(claim, user),
            verify_form=VerifyForm(claim=claim),
            pay_form=PayForm(initial={"paid_on": timezone.localdate()}),
            reason_form=ReasonForm(),
            note_form=NoteForm(),
            document_form=DocumentForm(),
            **kwargs,
        )


def _steps_for(claim: Claim, user) -> set[str]:
    """The steps ``user`` may take on ``claim`` now, for the buttons the page shows."""
    steps = {
        step.value
        for step, (sources, _target, permission) in TRANSITIONS.items()
        if claim.status in sources and user.has_perm(permission)
    }
    steps.discard("sanction")  # in bulk, from the sanction page
    back = SENDING_BACK.get(claim.status)
    if back and user.has_perm(back):
        steps.add("return")
        if user.has_perm("claims.verify_claim"):
            steps.add("reject")
    if claim.is_editable and user.has_perm("claims.change_claim"):
        steps.add("edit")
    return steps


class ClaimStepView(FormPageMixin, LoginRequiredMixin, PermissionRequiredMixin, View):
    """One step of the claim's workflow, posted from its page: submit, recommend, verify,
    return, reject or pay. The service checks the permission and the status it starts from."""

    permission_required = "claims.view_claim"
    http_method_names = ["post", "options"]
    FORMS = {"verify": VerifyForm, "pay": PayForm, "return": ReasonForm, "reject": ReasonForm}
    DONE = {
        "submit": _("The claim is submitted for the district's recommendation."),
        "recommend": _("The claim is recommended to the ODOP cell."),
        "verify": _("The claim is verified."),
        "return": _("The claim is returned for correction."),
        "reject": _("The claim is rejected."),
        "pay": _("The payment is recorded."),
    }

    def post(self, request, pk, step):
        if step not in self.DONE:
            raise Http404
        claim = selectors.claim_get(user=request.user, pk=pk)
        form_class = self.FORMS.get(step, NoteForm)
        kwargs = {"claim": claim} if step == "verify" else {}
        form = form_class(request.POST, **kwargs)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors)
            self._take(step, claim, form.cleaned_data)
        except ValidationError as error:
            for message in _messages_of(error):
                messages.error(request, message)
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, str(self.DONE[step]))
        return redirect(claim)

    def _take(self, step: str, claim: Claim, data: dict) -> None:
        user = self.request.user
        if step == "submit":
            claim_submit(claim=claim, user=user)
        elif step == "recommend":
            claim_recommend(claim=claim, user=user, note=data.get("reason", ""))
        elif step == "verify":
            claim_verify(
                claim=claim,
                user=user,
                stall=data.get("stall"),
                freight=data.get("freight"),
                fare=data.get("fare"),
                reason=data.get("reason", ""),
            )
        elif step == "return":
            claim_return(claim=claim, user=user, reason=data["reason"])
        elif step == "reject":
            claim_reject(claim=claim, user=user, reason=data["reason"])
        else:
            claim_pay(claim=claim, user=user, reference=data["reference"], paid_on=data["paid_on"])


def _messages_of(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [str(m) for messages_ in error.message_dict.values() for m in messages_]
    return [str(m) for m in error.messages]


class ClaimDocumentView(FormPageMixin, LoginRequiredMixin, PermissionRequiredMixin, View):
    """Attach a document to a draft or returned claim, or take one off (``remove``)."""

    permission_required = "claims.add_claimdocument"
    http_method_names = ["post", "options"]

    def post(self, request, pk):
        claim = selectors.claim_get(user=request.user, pk=pk, action="change")
        remove = request.POST.get("remove")
        try:
            if remove is not None:
                document = get_object_or_404(
                    ClaimDocument.objects.for_user(request.user, "delete").filter(claim=claim),
                    pk=whole_number(remove) or 0,
                )
                claim_document_remove(document=document, user=request.user)
                messages.success(request, _("The document is removed."))
                return redirect(claim)
            form = DocumentForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError(form.errors)
            claim_document_add(
                claim=claim,
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
                user=request.user,
            )
        except ValidationError as error:
            for message in _messages_of(error):
                messages.error(request, message)
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The document is attached."))
        return redirect(claim)


class ClaimDocumentDownloadView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """Hand a claim's document over as a download, never as a page to render."""

    permission_required = "claims.view_claimdocument"

    def get(self, request, pk):
        document = get_object_or_404(ClaimDocument.objects.for_user(request.user), pk=pk)
        try:
            handle = document.file.open("rb")
        except OSError as error:
            raise Http404 from error
        return FileResponse(handle, as_attachment=True, filename=document.download_name)


class ClaimExportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The claims the user may see as XLSX (or CSV with ?format=csv); accounts masked."""

    permission_required = "claims.view_claim"

    def get(self, request):
        claims = selectors.claim_list(user=request.user).select_related("sanction")
        header = [
            _("Claim"),
            _("Exhibitor"),
            _("District"),
            _("Fair"),
            _("Status"),
            _("Claimed (₹)"),
            _("Admissible (₹)"),
            _("Payable (₹)"),
            _("Sanction number"),
            _("Payment reference"),
            _("Paid on"),
            _("IFSC"),
            _("Account"),
        ]
        rows = (
            [
                c.number,
                c.exhibitor.name,
                c.district.name,
                c.fair.name,
                c.get_status_display(),
                c.claimed,
                c.admissible,
                c.amount,
                c.sanction.number if c.sanction_id else "",
                c.payment_reference,
                c.paid_on or "",
                c.ifsc,
                c.account_masked,
            ]
            for c in claims.order_by("fair__start_date", "district__name_en", "pk")
        )
        return export_response(
            filename="mda-claims",
            header=header,
            rows=rows,
            as_csv=request.GET.get("format") == "csv",
        )


class SanctionExportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """Every sanction with its claims' total and what of it is paid, as XLSX (or CSV)."""

    permission_required = "claims.view_sanction"

    def get(self, request):
        sanctions = selectors.sanction_list(user=request.user)
        header = [
            _("Sanction number"),
            _("Sanctioned on"),
            _("Financial year"),
            _("Fair"),
            _("Claims"),
            _("Sanctioned (₹)"),
            _("Paid (₹)"),
        ]
        rows = (
            [
                s.number,
                s.sanctioned_on,
                s.budget.label,
                s.fair.name,
                s.claim_count,
                s.total,
                s.paid,
            ]
            for s in sanctions
        )
        return export_response(
            filename="mda-sanctions",
            header=header,
            rows=rows,
            as_csv=request.GET.get("format") == "csv",
        )


class SanctionCreateView(FormPageMixin, LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """The cell sanctions a fair's verified claims together (``?fair=`` chooses the fair)."""

    permission_required = "claims.sanction_claim"
    template_name = "claims/sanction_form.html"
    form_class = SanctionForm

    @cached_property
    def fairs(self):
        verified = Claim.objects.for_user(self.request.user).filter(status=ClaimStatus.VERIFIED)
        return list(
            Fair.objects.filter(pk__in=verified.values("fair_id")).order_by("-start_date", "pk")
        )

    @cached_property
    def fair(self):
        fair_id = whole_number(self.request.GET.get("fair"))
        if fair_id:
            return next((f for f in self.fairs if f.pk == fair_id), None)
        return self.fairs[0] if len(self.fairs) == 1 else None

    @cached_property
    def claims(self):
        if self.fair is None:
            return []
        return list(
            selectors.claim_list(user=self.request.user)
            .filter(fair=self.fair, status=ClaimStatus.VERIFIED)
            .order_by("district__name_en", "exhibitor__name", "pk")
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "claims": self.claims}

    def get_initial(self):
        return {"sanctioned_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        day = timezone.localdate()
        return super().get_context_data(
            fairs=self.fairs,
            fair=self.fair,
            claims=self.claims,
            total=sum((c.amount for c in self.claims), 0),
            year=financial_year_label(financial_year_of(day)),
            **kwargs,
        )

    def form_valid(self, form):
        if self.fair is None:
            form.add_error(None, _("Choose the fair first."))
            return self.form_invalid(form)
        data = form.cleaned_data
        try:
            sanction = claims_sanction(
                fair=self.fair,
                claim_ids=data["claims"],
                number=data["number"],
                sanctioned_on=data["sanctioned_on"],
                user=self.request.user,
            )
        except (ApplicationError, ValidationError) as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Sanction %(number)s is recorded; its order is being prepared.")
            % {"number": sanction.number},
        )
        return redirect(sanction)


class SanctionDetailView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "claims.view_sanction"
    template_name = "claims/sanction_detail.html"

    def get_context_data(self, **kwargs):
        sanction = selectors.sanction_get(user=self.request.user, pk=self.kwargs["pk"])
        claims = sanction.claims.select_related("exhibitor", "district").order_by(
            "district__name_en", "exhibitor__name", "pk"
        )
        return super().get_context_data(
            sanction=sanction, claims=claims, orders=sanction.orders.all(), **kwargs
        )


class SanctionOrderView(FormPageMixin, LoginRequiredMixin, PermissionRequiredMixin, View):
    """GET: the order's PDF as a download once ready. POST: prepare a failed order again."""

    permission_required = "claims.view_sanctionorder"
    http_method_names = ["get", "post", "head", "options"]

    def _order(self, request, pk):
        return get_object_or_404(
            SanctionOrder.objects.for_user(request.user).select_related("sanction"), pk=pk
        )

    def get(self, request, pk):
        order = self._order(request, pk)
        if order.status != SanctionOrder.Status.SUCCEEDED or not order.file:
            raise Http404
        return FileResponse(order.file.open("rb"), as_attachment=True, filename=order.download_name)

    def post(self, request, pk):
        order = self._order(request, pk)
        if not request.user.has_perm("claims.sanction_claim"):
            raise PermissionDenied
        sanction_order_retry(order=order, user=request.user)
        messages.success(request, _("The order is being prepared again."))
        return redirect(order.sanction)


class BudgetView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Each financial year's allocation against what is sanctioned and paid, by fair and
    district (``?year=``, the current year by default)."""

    permission_required = "claims.view_budget"
    template_name = "claims/budget.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        current = financial_year_of(timezone.localdate())
        year = whole_number(self.request.GET.get("year")) or current
        budgets = selectors.budgets_with_position(user=user)
        return super().get_context_data(
            budgets=budgets,
            year=year,
            year_label=financial_year_label(year),
            by_fair=selectors.claims_by_fair(user=user, financial_year=year),
            by_district=selectors.claims_by_district(user=user, financial_year=year),
            sanctions=selectors.sanction_list(user=user).filter(budget__financial_year=year),
            **kwargs,
        )
