"""Every write of MDA claims: pages, admin, API and tasks call these."""

from claims.services.claims import (
    claim_create,
    claim_problems,
    claim_recommend,
    claim_reject,
    claim_return,
    claim_submit,
    claim_update,
    claim_verify,
)
from claims.services.documents import claim_document_add, claim_document_remove
from claims.services.rules import claim_checks, claim_lines
from claims.services.sanctions import (
    budget_position,
    claim_pay,
    claims_sanction,
    sanction_order_render,
    sanction_order_retry,
    sanction_orders_sweep,
)

__all__ = [
    "budget_position",
    "claim_checks",
    "claim_create",
    "claim_document_add",
    "claim_document_remove",
    "claim_lines",
    "claim_pay",
    "claim_problems",
    "claim_recommend",
    "claim_reject",
    "claim_return",
    "claim_submit",
    "claim_update",
    "claim_verify",
    "claims_sanction",
    "sanction_order_render",
    "sanction_order_retry",
    "sanction_orders_sweep",
]
