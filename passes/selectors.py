"""Reads of attendance at the gate for the fair page and the stall board."""

from django.db.models import Count, Q
from django.utils import timezone

from passes.models import Attendance


def attendance_by_day(*, user, fair) -> list[dict]:
    """Passes checked in on each day of ``fair`` that the user may see: one query."""
    return list(
        Attendance.objects.for_user(user)
        .filter(credential__fair=fair)
        .values("day")
        .annotate(passes=Count("pk"))
        .order_by("day")
    )


def attendance_by_place(*, user, fair) -> dict[int, dict]:
    """Per active place of ``fair`` in the user's scope whose pass was checked in: the days at
    the gate and whether today is one of them, keyed by allocation id: one query."""
    today = timezone.localdate()
    rows = (
        Attendance.objects.for_user(user)
        .filter(credential__fair=fair)
        .values("credential__allocation_id")
        .annotate(days=Count("pk"), today=Count("pk", filter=Q(day=today)))
        .order_by()
    )
    return {
        row["credential__allocation_id"]: {"days": row["days"], "today": bool(row["today"])}
        for row in rows
    }
