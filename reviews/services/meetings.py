"""Write workflows for review meetings: meetings, agenda items, action points and their
compliance updates. The pages that save a meeting with its agenda and action points at once
are in ``reviews.services.meeting_rows``; the status report's job in ``reviews.services.reports``.

Validation problems are raised as ``ValidationError`` keyed by field; refused workflow
steps as ``ApplicationError``; missing permissions as ``PermissionDenied``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit.services import audit_changed, audit_created, audit_deleted, audit_snapshot
from core.exceptions import StateConflict
from core.scoping import require_permission
from reviews.models import ActionPoint, AgendaItem, ComplianceUpdate, Meeting, owner_active_check


def meeting_save(*, meeting: Meeting, user) -> Meeting:
    """Create or change a meeting (its facts; attendees are set by the caller's form)."""
    require_permission(
        user, "reviews.add_meeting" if meeting.pk is None else "reviews.change_meeting"
    )
    meeting.full_clean()
    with transaction.atomic():
        stored = Meeting.objects.filter(pk=meeting.pk).first() if meeting.pk else None
        meeting.save()
        if stored is None:
            audit_created(meeting, user=user)
        else:
            audit_changed(meeting, before=audit_snapshot(stored), user=user)
    return meeting


def agenda_item_save(*, item: AgendaItem, user) -> AgendaItem:
    """Add or correct one agenda item (the admin's inline; the meeting's pages save the whole
    agenda through ``reviews.services.meeting_rows``)."""
    require_permission(user, "reviews.change_meeting")
    item.full_clean()
    with transaction.atomic():
        stored = AgendaItem.objects.filter(pk=item.pk).first() if item.pk else None
        item.save()
        if stored is None:
            audit_created(item, user=user)
        else:
            audit_changed(item, before=audit_snapshot(stored), user=user)
    return item


def agenda_item_delete(*, item: AgendaItem, user) -> None:
    """Take one item off a meeting's agenda."""
    require_permission(user, "reviews.change_meeting")
    with transaction.atomic():
        audit_deleted(item, user=user)
        item.delete()


def action_point_save(*, action_point: ActionPoint, user) -> ActionPoint:
    """Record a meeting's decision, or correct its text, owner, due date or link.

    The status changes only through compliance updates, so a new action point is open. A new
    owner must have an active account.
    """
    adding = action_point.pk is None
    require_permission(user, "reviews.add_actionpoint" if adding else "reviews.change_actionpoint")
    if adding:
        action_point.status = ActionPoint.Status.OPEN
    with transaction.atomic():
        if adding:
            # The pages number new points under this lock: a number typed here waits for them.
            Meeting.objects.select_for_update().filter(pk=action_point.meeting_id).first()
        stored = None if adding else ActionPoint.objects.filter(pk=action_point.pk).first()
        action_point.full_clean()
        if stored is None or stored.owner_officer_id != action_point.owner_officer_id:
            owner_active_check(owner_officer=action_point.owner_officer)
        action_point.save()
        if not ActionPoint.objects.for_user(user).filter(pk=action_point.pk).exists():
            raise PermissionDenied
        if stored is None:
            audit_created(action_point, user=user)
        else:
            audit_changed(action_point, before=audit_snapshot(stored), user=user)
    return action_point


def compliance_update_add(
    *,
    action_point: ActionPoint,
    on,
    status: str,
    text_en: str = "",
    text_hi: str = "",
    reason_en: str = "",
    reason_hi: str = "",
    user,
) -> ComplianceUpdate:
    """Report what was done on an action point and its status now.

    What was done is written in English, in Hindi or in both. An action point past its due
    date and still unresolved needs a reason for the delay (either language); a complied or
    dropped one takes no more updates; only the ODOP cell drops one. A reason given becomes
    the action point's, in the languages it was written in.
    """
    require_permission(user, "reviews.add_complianceupdate")
    with transaction.atomic():
        # The lock orders two updates of the same point: the second sees the first's status.
        locked = (
            ActionPoint.objects.for_user(user)
            .select_for_update()
            .filter(pk=action_point.pk)
            .first()
        )
        if locked is None:
            raise PermissionDenied
        if locked.is_resolved:
            raise StateConflict(
                _("This action point is closed (%(status)s); it takes no updates.")
                % {"status": locked.get_status_display()},
                code="already_closed",
                field="status",
            )
        if status == ActionPoint.Status.DROPPED and not user.has_perm("reviews.change_actionpoint"):
            raise ValidationError({"status": _("Only the ODOP cell can drop an action point.")})
        update = ComplianceUpdate(
            action_point=locked,
            on=on,
            status=status,
            text_en=(text_en or "").strip(),
            text_hi=(text_hi or "").strip(),
            reason_en=(reason_en or "").strip(),
            reason_hi=(reason_hi or "").strip(),
            by=user,
        )
        update.full_clean()
        update.save()
        before = audit_snapshot(locked)
        locked.status = status
        if update.reason_en or update.reason_hi:
            locked.delay_reason_en, locked.delay_reason_hi = update.reason_en, update.reason_hi
        locked.resolved_on = on if status in ActionPoint.RESOLVED else None
        locked.save(
            update_fields=[
                "status",
                "delay_reason_en",
                "delay_reason_hi",
                "resolved_on",
                "updated_at",
            ]
        )
        audit_changed(locked, before=before, user=user)
    return update
