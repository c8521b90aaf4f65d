"""Write workflows of fairs, spaces and programmes."""

import datetime
import logging

from django.db import transaction
from django.utils.translation import gettext as _

from core.audit.services import audit_changed, audit_created, audit_snapshot
from core.exceptions import ApplicationError
from core.scoping import require_permission
from events.models import Activity, Fair

logger = logging.getLogger(__name__)


def fair_set_status(*, fair: Fair, status: str, user) -> Fair:
    require_permission(user, "events.change_fair")
    with transaction.atomic():
        fair = Fair.objects.select_for_update().get(pk=fair.pk)
        if status not in Fair.TRANSITIONS[fair.status]:
            raise ApplicationError(
                _("A fair cannot go from “%(from)s” to “%(to)s”.")
                % {"from": fair.get_status_display(), "to": Fair.Status(status).label},
                code="not_allowed_transition",
                field="status",
                status=409,
            )
        before = audit_snapshot(fair)
        fair.status = status
        fair.save(update_fields=["status", "updated_at"])
        audit_changed(fair, before=before, user=user)
    logger.info(
        "fair status changed",
        extra={"event": "fair_stage_change", "fair_id": fair.pk, "status": status, "user": user},
    )
    return fair


def activity_save(*, activity: Activity, user) -> Activity:
    require_permission(
        user, "events.add_activity" if activity.pk is None else "events.change_activity"
    )
    activity.full_clean()
    adding = activity.pk is None
    with transaction.atomic():
        before = None if adding else audit_snapshot(Activity.objects.get(pk=activity.pk))
        activity.save()
        if adding:
            audit_created(activity, user=user)
        else:
            audit_changed(activity, before=before, user=user)
    return activity


def weekend_programmes_create(
    *,
    fair: Fair,
    title_en: str,
    title_hi: str,
    start_time=None,
    end_time=None,
    place: str = "",
    responsible_officer: str = "",
    user,
) -> list[Activity]:
    """A cultural programme for every Saturday and Sunday within the fair's dates.

    Days that already have a cultural programme are skipped, so running it twice adds nothing.
    """
    require_permission(user, "events.add_activity")
    day = fair.start_date
    taken = set(fair.activities.filter(kind=Activity.Kind.CULTURAL).values_list("date", flat=True))
    made = []
    with transaction.atomic():
        while day <= fair.end_date:
            if day.weekday() >= 5 and day not in taken:
                activity = Activity(
                    fair=fair,
                    kind=Activity.Kind.CULTURAL,
                    title_en=title_en,
                    title_hi=title_hi,
                    date=day,
                    start_time=start_time,
                    end_time=end_time,
                    place=place,
                    responsible_officer=responsible_officer,
                )
                made.append(activity_save(activity=activity, user=user))
            day += datetime.timedelta(days=1)
    return made
