"""The pages that save a meeting with its rows: the meeting, its attendees and agenda, and
the action points it decided, in one transaction (``meeting_record``), and more action points
later (``action_points_add``). Nothing is saved unless every row is right; ``RowsRefused``
carries each row's errors, keyed by field.

Agenda items are numbered 1, 2, … in the order given; action points take the meeting's next
numbers under the meeting's row lock, so two officers adding at once never share a number.
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit.models import AuditEntry
from core.audit.services import (
    audit_changed,
    audit_created,
    audit_deleted,
    audit_diff,
    audit_record,
    audit_snapshot,
)
from core.fields import normalise_text
from core.scoping import require_permission
from reviews.models import (
    ActionPoint,
    AgendaItem,
    Meeting,
    due_date_check,
    owner_active_check,
)

STALE_AGENDA = _("Someone else changed this agenda after the page was opened; open the page again.")

# Positions are moved out of the way (1..999 → 1001..1999) before an agenda is renumbered, so
# the unique (meeting, position) constraint holds after every single update.
POSITION_SHIFT = 1000


class RowsRefused(ValidationError):
    """What a page that saves a meeting with its rows must correct, nothing saved: the
    meeting's own errors by field, and each agenda item's and action point's by field, keyed
    by the row's index in the lists the caller passed."""

    def __init__(self, *, meeting: dict, agenda: dict, points: dict):
        self.meeting_errors = meeting
        self.agenda_errors = agenda
        self.point_errors = points
        found = [
            message
            for errors in (meeting, *agenda.values(), *points.values())
            for messages in errors.values()
            for message in messages
        ]
        super().__init__(found)


def _errors_of(check) -> dict:
    """The field errors ``check()`` raises, as {field: [messages]}; {} when it passes."""
    try:
        check()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            return error.message_dict
        return {NON_FIELD_ERRORS: error.messages}
    return {}


def _merge(errors: dict, more: dict) -> dict:
    for field, messages in more.items():
        errors.setdefault(field, []).extend(messages)
    return errors


def _key(text: str) -> str:
    """Two titles or decisions that differ only in case or spacing are the same one."""
    return normalise_text(text or "").casefold()


def meeting_record(
    *,
    meeting: Meeting,
    attendees: list | None,
    agenda: list[AgendaItem],
    removed: list[AgendaItem] = (),
    points: list[ActionPoint] = (),
    user,
) -> Meeting:
    """Create or change a meeting with its attendees and its agenda, and record the action
    points decided in it, in one transaction: every error of every row, or everything saved.

    ``agenda`` is the whole agenda in its new order (items already saved keep their pk, new
    ones have none); the portal numbers it 1, 2, …. ``removed`` are saved items to delete.
    ``points`` are new action points; they take the meeting's next numbers.
    """
    adding = meeting.pk is None
    require_permission(user, "reviews.add_meeting" if adding else "reviews.change_meeting")
    _require_row_permissions(user=user, agenda=agenda, removed=removed, points=points)
    with transaction.atomic():
        stored = None if adding else _locked(meeting=meeting, user=user, action="change")
        meeting_errors = _meeting_errors(meeting=meeting, stored=stored)
        stored_items = _stored_items(stored=stored, agenda=agenda, removed=removed)
        if stored_items is None:
            _merge(meeting_errors, {NON_FIELD_ERRORS: [STALE_AGENDA]})
            stored_items = {}
        for position, item in enumerate(agenda, start=1):
            item.position = position
        held_at = None if "held_at" in meeting_errors else meeting.held_at
        agenda_errors = _agenda_errors(meeting=meeting, agenda=agenda)
        point_errors = _numbered_point_errors(
            meeting=meeting, stored=stored, points=points, held_at=held_at
        )
        if meeting_errors or agenda_errors or point_errors:
            raise RowsRefused(meeting=meeting_errors, agenda=agenda_errors, points=point_errors)
        _meeting_write(meeting=meeting, stored=stored, attendees=attendees, user=user)
        _agenda_write(
            meeting=meeting, agenda=agenda, removed=removed, stored_items=stored_items, user=user
        )
        _points_write(meeting=meeting, points=points, user=user)
    return meeting


def action_points_add(*, meeting: Meeting, points: list[ActionPoint], user) -> list[ActionPoint]:
    """Record action points a meeting decided, numbered after the meeting's last one.

    The meeting's row is locked first, so two officers adding at the same moment are served
    one after the other and the second numbers after the first's points (the unique
    constraint on meeting and number stands behind it). Every row's errors, or all saved.
    """
    require_permission(user, "reviews.add_actionpoint")
    if not points:
        raise ValidationError(_("Write at least one action point."), code="no_rows")
    with transaction.atomic():
        locked = _locked(meeting=meeting, user=user, action="view")
        errors = _numbered_point_errors(
            meeting=locked, stored=locked, points=points, held_at=locked.held_at
        )
        if errors:
            raise RowsRefused(meeting={}, agenda={}, points=errors)
        _points_write(meeting=locked, points=points, user=user)
    return points


def _locked(*, meeting: Meeting, user, action: str) -> Meeting:
    """The meeting's row, locked, if the user may ``action`` it; else PermissionDenied."""
    locked = Meeting.objects.for_user(user, action).select_for_update().filter(pk=meeting.pk)
    if (found := locked.first()) is None:
        raise PermissionDenied
    return found


def _require_row_permissions(*, user, agenda, removed, points) -> None:
    if any(item.pk is None for item in agenda):
        require_permission(user, "reviews.add_agendaitem")
    if any(item.pk is not None for item in agenda):
        require_permission(user, "reviews.change_agendaitem")
    if removed:
        require_permission(user, "reviews.delete_agendaitem")
    if points:
        require_permission(user, "reviews.add_actionpoint")


def _meeting_errors(*, meeting: Meeting, stored: Meeting | None) -> dict:
    """The meeting's own errors; a meeting moved past its action points' due dates too."""
    errors = _errors_of(meeting.full_clean)
    if stored is None or "held_at" in errors or meeting.held_at == stored.held_at:
        return errors
    early = list(
        ActionPoint.objects.filter(
            meeting=stored, due_on__lt=timezone.localdate(meeting.held_at)
        ).values_list("number", flat=True)
    )
    if early:
        message = _(
            "Action points %(numbers)s fall due before this day; correct their due dates first."
        ) % {"numbers": ", ".join(str(number) for number in sorted(early))}
        _merge(errors, {"held_at": [message]})
    return errors


def _stored_items(*, stored: Meeting | None, agenda, removed) -> dict | None:
    """The meeting's saved items as they are in the database, by pk; None when the rows sent
    do not name every saved item once (the agenda changed since the page was read)."""
    saved = {} if stored is None else {i.pk: i for i in AgendaItem.objects.filter(meeting=stored)}
    named = [item.pk for item in [*agenda, *removed] if item.pk is not None]
    if any(pk not in saved for pk in named):
        raise PermissionDenied  # an item of another meeting
    if sorted(named) != sorted(saved):
        return None
    return saved


def _agenda_errors(*, meeting: Meeting, agenda: list[AgendaItem]) -> dict:
    """Each item's errors by its index; an item whose title repeats an earlier one's is one."""
    errors, seen = {}, {}
    for index, item in enumerate(agenda):
        item.meeting = meeting
        found = _errors_of(lambda item=item: item.full_clean(exclude=["meeting"]))
        key = _key(item.title_en)
        if key and key in seen:
            message = _("This item repeats item %(number)s of the agenda.") % {"number": seen[key]}
            _merge(found, {"title_en": [message]})
        seen.setdefault(key, item.position)
        if found:
            errors[index] = found
    return errors


def _next_number(meeting: Meeting) -> int:
    """The number the meeting's next action point takes; read under the meeting's lock."""
    last = ActionPoint.objects.filter(meeting=meeting).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def _numbered_point_errors(*, meeting, stored, points, held_at) -> dict:
    """Number the new points after the meeting's last one, then each one's errors by index:
    the model's rules, an active owner, a due date from the meeting's day, no repeats."""
    taken = {}
    first = 1
    if stored is not None:
        first = _next_number(stored)
        taken = {
            _key(text): number
            for number, text in ActionPoint.objects.filter(meeting=stored).values_list(
                "number", "text_en"
            )
        }
    errors, batch = {}, {}
    for index, point in enumerate(points):
        point.number = first + index
        point.meeting = meeting
        point.status = ActionPoint.Status.OPEN
        found = _errors_of(lambda point=point: point.full_clean(exclude=["meeting"]))
        _merge(found, _errors_of(lambda p=point: owner_active_check(owner_officer=p.owner_officer)))
        _merge(found, _errors_of(lambda p=point: due_date_check(due_on=p.due_on, held_at=held_at)))
        _merge(found, _repeat_errors(point=point, taken=taken, batch=batch))
        if found:
            errors[index] = found
    return errors


def _repeat_errors(*, point: ActionPoint, taken: dict, batch: dict) -> dict:
    """A decision written twice (a second click, a pasted row) is refused at its text."""
    key = _key(point.text_en)
    if not key:
        return {}
    if key in taken:
        message = _("This meeting already has this action point (number %(number)s).")
        return {"text_en": [message % {"number": taken[key]}]}
    if key in batch:
        message = _("This action point repeats number %(number)s above.")
        return {"text_en": [message % {"number": batch[key]}]}
    batch[key] = point.number
    return {}


def _meeting_write(*, meeting: Meeting, stored: Meeting | None, attendees, user) -> None:
    """Save the meeting and its attendees; one audit row holds both changes."""
    before = None if stored is None else audit_snapshot(stored)
    meeting.save()
    changes = audit_diff(before, audit_snapshot(meeting))
    if attendees is not None:
        old = [] if stored is None else sorted(stored.attendees.values_list("pk", flat=True))
        new = sorted(person.pk for person in attendees)
        if old != new:
            meeting.attendees.set(attendees)
            changes["attendees"] = [old, new]
    action = AuditEntry.Action.CREATE if stored is None else AuditEntry.Action.UPDATE
    audit_record(user=user, action=action, obj=meeting, changes=changes)


def _agenda_write(*, meeting: Meeting, agenda, removed, stored_items: dict, user) -> None:
    for item in removed:
        audit_deleted(stored_items[item.pk], user=user)
        stored_items[item.pk].delete()
    moving = [i.pk for i in agenda if i.pk and stored_items[i.pk].position != i.position]
    if moving:
        AgendaItem.objects.filter(pk__in=moving).update(position=F("position") + POSITION_SHIFT)
    for item in agenda:
        item.meeting = meeting
        before = audit_snapshot(stored_items[item.pk]) if item.pk else None
        item.save()
        if before is None:
            audit_created(item, user=user)
        else:
            audit_changed(item, before=before, user=user)


def _points_write(*, meeting: Meeting, points, user) -> None:
    for point in points:
        point.meeting = meeting
        point.save()
        audit_created(point, user=user)
    saved = [point.pk for point in points]
    if ActionPoint.objects.for_user(user).filter(pk__in=saved).count() != len(saved):
        raise PermissionDenied
