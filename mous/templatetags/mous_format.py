"""Formatting for MoU pages: rupees with Indian digit grouping."""

from decimal import Decimal

from django import template

register = template.Library()


def indian_grouping(number: int) -> str:
    """12345678 → 1,23,45,678 (lakhs and crores)."""
    sign = "-" if number < 0 else ""
    digits = str(abs(int(number)))
    if len(digits) <= 3:
        return sign + digits
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return sign + ",".join([*groups, tail])


@register.filter
def inr(value) -> str:
    """₹35,00,000 for 3500000; empty for no value."""
    if value in (None, ""):
        return ""
    return "₹" + indian_grouping(int(Decimal(value)))


@register.filter
def indian_number(value) -> str:
    if value in (None, ""):
        return ""
    return indian_grouping(int(Decimal(value)))


@register.filter
def outcome(value, deliverable) -> str:
    """A value of ``deliverable``'s outcome: rupees for money outcomes, else a number."""
    return inr(value) if deliverable.is_money else indian_number(value)
