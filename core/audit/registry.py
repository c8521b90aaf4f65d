"""The models whose every create, change and delete is recorded."""

from functools import cache

from django.apps import apps

AUDITED = [
    "events.Fair",
    "events.Space",
    "events.Activity",
    "stalls.Stall",
    "stalls.Allotment",
    "stalls.AllotmentRequest",
    "stalls.Draw",
    "stalls.Offer",
    "stalls.ReservedShare",
    "stalls.Nomination",
    "stalls.Allocation",
    "stalls.DailySale",
    "exhibitors.Exhibitor",
    "exhibitors.PriorityClaim",
    "partners.Partner",
    "mous.MoU",
    "mous.Deliverable",
    "claims.SchemeRule",
    "claims.Claim",
    "claims.ClaimDocument",
    "claims.Budget",
    "claims.Sanction",
    "reviews.Meeting",
    "reviews.AgendaItem",
    "reviews.ActionPoint",
    "reviews.ReportJob",
    "accounts.User",
]


@cache
def audited_models() -> frozenset:
    return frozenset(apps.get_model(label) for label in AUDITED)
