"""Formatting as people in India write it: ₹35,00,000, 12,34,567."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()


def indian_grouping(number) -> str:
    """12345678.5 → '1,23,45,678.50' (two decimals only when there are paise)."""
    try:
        value = Decimal(number)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    sign = "-" if value < 0 else ""
    value = abs(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, fraction = f"{value:f}".split(".")
    head, tail = whole[:-3], whole[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    text = ",".join([*groups, tail])
    return f"{sign}{text}" + (f".{fraction}" if fraction != "00" else "")


@register.filter
def inr(number) -> str:
    text = indian_grouping(number)
    return f"₹{text}" if text else "—"


@register.filter
def indian(number) -> str:
    return indian_grouping(number) or "—"


@register.filter
def percent_of(part, whole) -> int:
    try:
        return round(100 * Decimal(part) / Decimal(whole)) if whole else 0
    except (InvalidOperation, TypeError, ValueError):
        return 0
