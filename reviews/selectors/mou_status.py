"""Where each MoU stands, with its deliverables and what each has achieved."""

from datetime import date, datetime

from django.db.models import Prefetch

from mous.models import Deliverable
from mous.selectors import mou_list


def mou_status_list(*, user, since: date, now: datetime | None = None) -> list:
    """Every MoU the user may see, from ``mous.selectors.mou_list`` (stage, days in stage,
    staleness, changes since ``since``), with its deliverables and what each has achieved.
    Four queries whatever the number of MoUs."""
    deliverables = (
        Deliverable.objects.with_achieved()
        .select_related("district")
        .order_by("kind", "district__name_en", "pk")
    )
    return list(
        mou_list(user=user, since=since, now=now).prefetch_related(
            Prefetch("deliverables", queryset=deliverables, to_attr="targets")
        )
    )
