"""Workflows of stalls and areas: stalls, allotments, nominations, allocations, waiting list.

Each service locks the space row (stalls/locking.py) before it reads or changes capacity, so two
officers allocating the last stall at the same moment are decided by the lock: one wins, the
other is told the stall is taken. The database constraints behind them are the backstop.

Audit: the Space counters (stall_count, allotted_*, allocated_*) are denormalised sums moved
with F() updates; they are not audited themselves. Every change to them is the consequence
of a stall, allotment or allocation row that is audited (who, when, old → new), so the
counters can be rebuilt from the trail and auditing them would record each write twice.
"""

from stalls.services.allocations import (
    allocation_cancel,
    allocation_create,
    allocation_move,
    allocations_in_waiting_list_order,
)
from stalls.services.allotments import (
    allotment_problem,
    allotment_request_grant,
    allotment_request_refuse,
    allotment_request_submit,
    allotment_set,
)
from stalls.services.draws import draw_perform, draw_publish, draw_verify
from stalls.services.nominations import (
    nomination_approve,
    nomination_reject,
    nomination_submit,
    nomination_withdraw,
)
from stalls.services.offers import offer_accept, offer_decline, offers_lapse
from stalls.services.rules import allocation_rule_problem, allocation_rule_set
from stalls.services.shares import (
    coverage_first_problem,
    coverage_first_set,
    reserved_shares_problem,
    reserved_shares_set,
)
from stalls.services.stalls import stalls_create, stalls_fill

__all__ = [
    "allocation_cancel",
    "allocation_create",
    "allocation_move",
    "allocation_rule_problem",
    "allocation_rule_set",
    "allocations_in_waiting_list_order",
    "allotment_problem",
    "allotment_request_grant",
    "allotment_request_refuse",
    "allotment_request_submit",
    "allotment_set",
    "coverage_first_problem",
    "coverage_first_set",
    "draw_perform",
    "draw_publish",
    "draw_verify",
    "nomination_approve",
    "nomination_reject",
    "nomination_submit",
    "nomination_withdraw",
    "offer_accept",
    "offer_decline",
    "offers_lapse",
    "reserved_shares_problem",
    "reserved_shares_set",
    "stalls_create",
    "stalls_fill",
]
