"""The cell's admin for MDA: the scheme's rule versions and budgets are kept here; claims,
sanctions and orders are read here and moved on their pages (the services decide)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from claims.models import (
    Budget,
    Claim,
    ClaimDocument,
    ClaimEvent,
    Sanction,
    SanctionOrder,
    SchemeRule,
)
from claims.services import claim_verify, sanction_order_retry
from core.admin import NormalisedSearchMixin, ScopedAdminMixin
from core.audit.admin import AuditedAdminMixin
from core.exceptions import ApplicationError


@admin.register(SchemeRule)
class SchemeRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = [
        "location",
        "effective_from",
        "order_reference",
        "stall_share_percent",
        "stall_cap",
        "freight_share_percent",
        "freight_cap",
        "fare_share_percent",
        "fare_cap",
    ]
    list_filter = ["location"]
    search_fields = ["order_reference"]
    fieldsets = [
        (None, {"fields": ["location", "effective_from", "order_reference"]}),
        (
            _("Rates and caps"),
            {
                "fields": [
                    ("stall_share_percent", "stall_cap"),
                    ("freight_share_percent", "freight_cap"),
                    ("fare_share_percent", "fare_cap"),
                ]
            },
        ),
        (
            _("Eligibility"),
            {
                "fields": [
                    "min_age",
                    "gap_years",
                    "requires_registration",
                    "requires_sales",
                    "requires_attendance",
                ]
            },
        ),
        (
            _("Documents required"),
            {
                "fields": [
                    "needs_stall_receipt",
                    "needs_freight_invoice",
                    "needs_fare_ticket",
                    "needs_bank_proof",
                ]
            },
        ),
        (None, {"fields": ["notes"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # A version claims were computed with stays as it was (SchemeRule.clean says why).
        if obj is not None and obj.is_in_use:
            return SchemeRule.FIXED_IN_USE
        return []


@admin.register(Budget)
class BudgetAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["label", "allocation", "order_reference"]
    fields = ["financial_year", "allocation", "order_reference", "notes"]

    def has_delete_permission(self, request, obj=None):
        return False


class ClaimDocumentInline(admin.TabularInline):
    model = ClaimDocument
    fields = ["kind", "extension", "size", "uploaded_by", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ClaimEventInline(admin.TabularInline):
    model = ClaimEvent
    fields = ["at", "step", "from_status", "to_status", "by", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "number",
        "exhibitor",
        "district",
        "fair",
        "status",
        "amount",
        "account",
    ]
    list_filter = ["status", "fair", "district"]
    list_select_related = ["exhibitor", "district", "fair"]
    search_fields = ["exhibitor__name", "applicant_name", "payment_reference"]
    inlines = [ClaimDocumentInline, ClaimEventInline]
    actions = ["verify_as_admitted"]
    exclude = ["account_number"]
    readonly_fields = [
        "number",
        "account",
        "allocation",
        "fair",
        "exhibitor",
        "district",
        "rule",
        "status",
        "applicant_name",
        "applicant_birth_date",
        "dic_registration",
        "no_other_benefit",
        "stall_charge_paid",
        "freight_paid",
        "fare_paid",
        "travel_mode",
        "account_holder",
        "ifsc",
        "stall_admissible",
        "freight_admissible",
        "fare_admissible",
        "stall_verified",
        "freight_verified",
        "fare_verified",
        "correction_reason",
        "amount",
        "sanction",
        "payment_reference",
        "paid_on",
        "created_by",
    ]

    @admin.display(description=_("claim"))
    def number(self, claim):
        return claim.number

    @admin.display(description=_("account"))
    def account(self, claim):
        return claim.account_masked

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_verify_permission(self, request):
        return request.user.has_perm("claims.verify_claim")

    @admin.action(description=_("Verify as the rule admits them"), permissions=["verify"])
    def verify_as_admitted(self, request, queryset):
        for claim in queryset:
            try:
                claim_verify(claim=claim, user=request.user)
            except (ApplicationError, ValidationError) as error:
                message = getattr(error, "message", None) or "; ".join(error.messages)
                self.message_user(request, f"{claim.number}: {message}", messages.ERROR)
            else:
                self.message_user(request, f"{claim.number}: {claim.get_status_display()}")


class SanctionOrderInline(admin.TabularInline):
    model = SanctionOrder
    fields = ["language", "status", "pages", "attempts", "error", "finished_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Sanction)
class SanctionAdmin(NormalisedSearchMixin, admin.ModelAdmin):
    list_display = ["number", "sanctioned_on", "fair", "budget", "claim_count", "total"]
    list_select_related = ["fair", "budget"]
    search_fields = ["number"]
    readonly_fields = [
        "number",
        "sanctioned_on",
        "budget",
        "fair",
        "total",
        "claim_count",
        "sanctioned_by",
    ]
    inlines = [SanctionOrderInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SanctionOrder)
class SanctionOrderAdmin(admin.ModelAdmin):
    list_display = ["sanction", "language", "status", "pages", "attempts", "finished_at"]
    list_filter = ["status", "language"]
    list_select_related = ["sanction"]
    readonly_fields = ["sanction", "language", "status", "file", "pages", "attempts", "error"]
    actions = ["prepare_again"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_sanction_permission(self, request):
        return request.user.has_perm("claims.sanction_claim")

    @admin.action(description=_("Prepare failed orders again"), permissions=["sanction"])
    def prepare_again(self, request, queryset):
        for order in queryset:
            sanction_order_retry(order=order, user=request.user)
        self.message_user(request, _("Failed orders are queued again."))
