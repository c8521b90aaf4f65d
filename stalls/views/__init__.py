"""Pages for nominations, allocation, daily sales and exports."""

from stalls.views.board import (
    AllocateAreaView,
    AllocateStallView,
    AllocationMoveView,
)
from stalls.views.exports import AllocationExportView
from stalls.views.nominations import NominateView, NominationWithdrawView
from stalls.views.offers import OfferAnswerView
from stalls.views.requests import AllotmentRequestView
from stalls.views.sales import SalesEntryView, SalesTemplateView, SalesUploadView

__all__ = [
    "AllocateAreaView",
    "AllocateStallView",
    "AllocationExportView",
    "AllocationMoveView",
    "AllotmentRequestView",
    "NominateView",
    "NominationWithdrawView",
    "OfferAnswerView",
    "SalesEntryView",
    "SalesTemplateView",
    "SalesUploadView",
]
