"""Stalls, district allotments, nominations, allocations and daily sales.

Capacity invariants live in the database: a stall holds at most one active allocation (partial
unique index), an exhibitor holds at most one active nomination per fair, and the space's
counters (events.Space) may not exceed its capacity (check constraints). The stalls services
lock the space or stall row before they change any of these.
"""

from stalls.models.allocations import Allocation, AllocationStatus
from stalls.models.allotments import Allotment, AllotmentRequest, AllotmentRequestStatus
from stalls.models.draws import AllocationRuleChange, Draw, DrawEntrant, ReservedShare
from stalls.models.nominations import Nomination, NominationStatus, Override
from stalls.models.offers import Offer, OfferStatus
from stalls.models.sales import DailySale
from stalls.models.stalls import Stall

__all__ = [
    "Allocation",
    "AllocationRuleChange",
    "AllocationStatus",
    "Allotment",
    "AllotmentRequest",
    "AllotmentRequestStatus",
    "DailySale",
    "Draw",
    "DrawEntrant",
    "Nomination",
    "NominationStatus",
    "Offer",
    "OfferStatus",
    "Override",
    "ReservedShare",
    "Stall",
]
