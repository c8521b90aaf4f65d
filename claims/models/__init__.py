"""Marketing Development Assistance: the scheme's rules, claims, budgets and sanctions.

The database holds the invariants: one live claim per exhibitor and fair, nothing admitted
beyond what was paid, no verified amount beyond what the rule admits, a sanctioned claim in a
sanction. The services (claims/services) lock the claim, and the budget when sanctioning.
"""

from claims.models.claims import (
    Claim,
    ClaimDocument,
    ClaimEvent,
    ClaimStatus,
    ClaimStep,
    TravelMode,
)
from claims.models.rules import SchemeRule
from claims.models.sanctions import (
    Budget,
    Sanction,
    SanctionOrder,
    SanctionOrderStatus,
    financial_year_label,
    financial_year_of,
)

__all__ = [
    "Budget",
    "Claim",
    "ClaimDocument",
    "ClaimEvent",
    "ClaimStatus",
    "ClaimStep",
    "Sanction",
    "SanctionOrder",
    "SanctionOrderStatus",
    "SchemeRule",
    "TravelMode",
    "financial_year_label",
    "financial_year_of",
]
