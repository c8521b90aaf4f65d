"""Reads of attendance for the fair page (and later the board and data quality)."""

from django.db.models import Count

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
