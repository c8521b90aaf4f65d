"""Write workflows for MoUs: create, update, move stage, add notes, progress and documents;
correct progress; expire MoUs past their validity (the daily run, as the portal itself).

Every change that counts as an update (a stage change, a note, a progress entry) moves
``MoU.last_update_at``, which is what the stale flag reads. Validation problems are raised
as ``ValidationError`` keyed by field, so forms and the admin show them where they belong;
missing permissions raise ``PermissionDenied``.
"""

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.audit.services import (
    audit_changed,
    audit_created,
    audit_diff,
    audit_record,
    audit_snapshot,
)
from core.exceptions import StateConflict
from mous.models import (
    CLOSED_STAGES,
    EXPIRABLE_STAGES,
    REASON_REQUIRED,
    TRANSITIONS,
    Deliverable,
    MoU,
    MoUDocument,
    MoUReminder,
    MoUStageChange,
    ProgressEntry,
    Stage,
)
from mous.selectors import mou_past_validity_ids, mou_reminders_due
from notifications.models import Notice
from notifications.services import email_send_later, notice_create, notice_send

logger = logging.getLogger(__name__)

REMINDER_NOTICE_CODES = {
    MoUReminder.Kind.EXPIRY_30: Notice.Code.MOU_EXPIRY,
    MoUReminder.Kind.EXPIRY_7: Notice.Code.MOU_EXPIRY,
    MoUReminder.Kind.EXPIRY_1: Notice.Code.MOU_EXPIRY_TOMORROW,
    MoUReminder.Kind.STALE_AMBER: Notice.Code.MOU_STALE,
    MoUReminder.Kind.STALE_RED: Notice.Code.MOU_OVERDUE,
}

# Fields an officer edits directly; stage, its dates and the next step change only through
# mou_stage_move and mou_note_add.
EDITABLE_FIELDS = [
    "partner",
    "title_en",
    "title_hi",
    "purpose_en",
    "purpose_hi",
    "nodal_officer",
    "signed_on",
    "valid_from",
    "valid_until",
]


class TransitionRefused(StateConflict):
    """A move the MoU's stage refuses: a field error at ``to_stage`` on the pages and the
    admin, 409 ``not_allowed_transition`` (or ``already_at_stage``) on the API."""

    def __init__(self, message, code: str = "not_allowed_transition"):
        super().__init__(message, code=code, field="to_stage")


def _require(user, permission: str) -> None:
    if user is None or not user.is_active or not user.has_perm(permission):
        raise PermissionDenied


# The MoU's next step is the one its latest timeline row gives, in both languages.
NEXT_STEP_FIELDS = ["next_step_en", "next_step_hi"]


def _texts(*, note_en: str, note_hi: str = "", next_step_en: str = "", next_step_hi: str = ""):
    """What an officer wrote for a timeline row, stripped: the note (required in English, as
    before Hindi was added) and the next step, each in English and in Hindi."""
    texts = {
        "note_en": (note_en or "").strip(),
        "note_hi": (note_hi or "").strip(),
        "next_step_en": (next_step_en or "").strip(),
        "next_step_hi": (next_step_hi or "").strip(),
    }
    if not texts["note_en"]:
        raise ValidationError({"note_en": _("Write a note on what happened.")})
    return texts


def _append(*, mou: MoU, to_stage: str, texts: dict, reason: str, user, now):
    change = MoUStageChange(
        mou=mou,
        from_stage=mou.stage,
        to_stage=to_stage,
        changed_at=now,
        changed_by=user,
        reason=reason.strip(),
        **texts,
    )
    change.full_clean()
    change.save()
    return change


def mou_create(*, mou: MoU, note_en: str, note_hi: str = "", user) -> MoU:
    """Record a new MoU at its starting stage, with the first row of its timeline (its note in
    English, and in Hindi when given)."""
    _require(user, "mous.add_mou")
    texts = _texts(note_en=note_en, note_hi=note_hi)
    if mou.stage in CLOSED_STAGES:
        raise ValidationError(
            {"stage": _("A new MoU starts at an open stage; close it afterwards with a reason.")}
        )
    now = timezone.now()
    mou.stage_changed_at = now
    mou.last_update_at = now
    mou.full_clean()
    with transaction.atomic():
        mou.save()
        change = MoUStageChange(
            mou=mou, from_stage="", to_stage=mou.stage, changed_at=now, changed_by=user, **texts
        )
        change.full_clean()
        change.save()
        audit_created(mou, user=user)
    return mou


def mou_update(*, mou: MoU, user) -> MoU:
    """Save the directly editable facts of an MoU (title, purpose, officer, dates)."""
    _require(user, "mous.change_mou")
    mou.full_clean()
    with transaction.atomic():
        stored = MoU.objects.for_user(user, "change").select_for_update().get(pk=mou.pk)
        mou.save(update_fields=[*EDITABLE_FIELDS, "updated_at"])
        # Only the editable fields were written; the rest of the row is as it was stored.
        before = audit_snapshot(stored)
        written = {k: v for k, v in audit_snapshot(mou).items() if k in EDITABLE_FIELDS}
        audit_record(
            user=user, action="update", obj=mou, changes=audit_diff(before, {**before, **written})
        )
    return mou


def _stage_change(*, locked: MoU, to_stage: str, texts: dict, reason: str, user):
    """Move the locked MoU along the transition table and record it: the history row, the
    MoU's stage and dates, the audit entry. ``user`` None is the portal itself (expiry)."""
    if to_stage == locked.stage:
        raise TransitionRefused(_("The MoU is already at this stage."), code="already_at_stage")
    if to_stage not in TRANSITIONS[locked.stage]:
        raise TransitionRefused(
            _("An MoU cannot move from “%(from)s” to “%(to)s”.")
            % {"from": Stage(locked.stage).label, "to": Stage(to_stage).label}
        )
    if to_stage in REASON_REQUIRED and not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for dropping or terminating the MoU.")})
    now = timezone.now()
    before = audit_snapshot(locked)
    _append(mou=locked, to_stage=to_stage, texts=texts, reason=reason, user=user, now=now)
    locked.stage = to_stage
    locked.stage_changed_at = now
    locked.last_update_at = now
    locked.next_step_en, locked.next_step_hi = texts["next_step_en"], texts["next_step_hi"]
    locked.save(
        update_fields=[
            "stage",
            "stage_changed_at",
            "last_update_at",
            *NEXT_STEP_FIELDS,
            "updated_at",
        ]
    )
    audit_changed(locked, before=before, user=user)
    return before["stage"]


def _log_stage_change(mou: MoU, from_stage: str, user) -> None:
    logger.info(
        "MoU stage changed",
        extra={
            "event": "mou_stage_change",
            "mou_id": mou.pk,
            "from_stage": from_stage,
            "to_stage": mou.stage,
            "user": user,
        },
    )


def mou_stage_move(
    *,
    mou: MoU,
    to_stage: str,
    note_en: str,
    note_hi: str = "",
    next_step_en: str = "",
    next_step_hi: str = "",
    reason: str = "",
    user,
) -> MoU:
    """Move an MoU to another stage along the transition table, appending to its history.
    The note (English required, Hindi optional) and the next step, which becomes the MoU's,
    are kept in both languages."""
    _require(user, "mous.change_mou")
    texts = _texts(
        note_en=note_en, note_hi=note_hi, next_step_en=next_step_en, next_step_hi=next_step_hi
    )
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": _("Choose a stage.")})
    with transaction.atomic():
        # The row lock serialises two officers moving the same MoU at once (or an officer and
        # the expiry run): the second one sees the first one's stage and is checked against it.
        locked = MoU.objects.for_user(user, "change").select_for_update().get(pk=mou.pk)
        from_stage = _stage_change(
            locked=locked, to_stage=to_stage, texts=texts, reason=reason, user=user
        )
    _log_stage_change(locked, from_stage, user)
    return locked


def mou_expire(*, mou_id: int, today: date) -> MoU | None:
    """Move one MoU whose validity ended before ``today`` to "expired", as the portal itself,
    and tell its nodal officer (a notice, and an e-mail after commit).

    The MoU is locked and checked again first: if an officer moved it, or extended its
    validity, meanwhile, nothing happens and None is returned. The reason is written in the
    portal's language, as every record the portal writes by itself; the note, which the
    timeline and the status report show, in English and in Hindi.
    """
    with transaction.atomic():
        locked = (
            MoU.objects.select_for_update()
            .filter(pk=mou_id, stage__in=EXPIRABLE_STAGES, valid_until__lt=today)
            .first()
        )
        if locked is None:
            return None
        with translation.override(settings.LANGUAGE_CODE):
            ended = date_format(locked.valid_until, "j M Y")
            reason = str(_("Validity ended on %(date)s.") % {"date": ended})
        from_stage = _stage_change(
            locked=locked, to_stage=Stage.EXPIRED, texts=_expiry_note(), reason=reason, user=None
        )
        partner = locked.partner
        notice_send(
            recipient=locked.nodal_officer,
            code=Notice.Code.MOU_EXPIRED,
            params={
                "mou_id": locked.pk,
                "title_en": locked.title_en,
                "title_hi": locked.title_hi,
                "partner_en": partner.name_en,
                "partner_hi": partner.name_hi,
                "date": locked.valid_until.isoformat(),
            },
            link=locked.get_absolute_url(),
        )
    _log_stage_change(locked, from_stage, None)
    return locked


def _expiry_note() -> dict:
    """The expiry run's note in English and in Hindi (empty while it is not translated, so
    Hindi pages mark the English one rather than pass it off as Hindi)."""
    note = {}
    for language in ("en", "hi"):
        with translation.override(language):
            note[language] = str(_("The MoU's validity has ended; the portal marked it expired."))
    hindi = note["hi"] if note["hi"] != note["en"] else ""
    return _texts(note_en=note["en"], note_hi=hindi)


def mous_expire(*, today: date | None = None) -> int:
    """Expire every MoU in force whose validity ended before ``today`` (India's date);
    returns how many. Each MoU in its own transaction, so a lock on one holds up no other;
    a second run finds nothing left to do."""
    today = today or timezone.localdate()
    expired = 0
    for mou_id in mou_past_validity_ids(today=today):
        if mou_expire(mou_id=mou_id, today=today) is not None:
            expired += 1
    return expired


def mou_note_add(
    *,
    mou: MoU,
    note_en: str,
    note_hi: str = "",
    next_step_en: str = "",
    next_step_hi: str = "",
    user,
) -> MoU:
    """Record news without a change of stage: it appears in the timeline and resets staleness.
    Note and next step in English (the note required) and in Hindi, as for a stage move."""
    _require(user, "mous.change_mou")
    texts = _texts(
        note_en=note_en, note_hi=note_hi, next_step_en=next_step_en, next_step_hi=next_step_hi
    )
    with transaction.atomic():
        locked = MoU.objects.for_user(user, "change").select_for_update().get(pk=mou.pk)
        before = audit_snapshot(locked)
        now = timezone.now()
        _append(mou=locked, to_stage=locked.stage, texts=texts, reason="", user=user, now=now)
        locked.last_update_at = now
        locked.next_step_en, locked.next_step_hi = texts["next_step_en"], texts["next_step_hi"]
        locked.save(update_fields=["last_update_at", *NEXT_STEP_FIELDS, "updated_at"])
        audit_changed(locked, before=before, user=user)
    return locked


def progress_entry_add(
    *, deliverable: Deliverable, on, value: int, note: str = "", user
) -> ProgressEntry:
    """Record progress towards a deliverable's target; counts as an update of the MoU."""
    _require(user, "mous.add_progressentry")
    entry = ProgressEntry(
        deliverable=deliverable, on=on, value=value, note=(note or "").strip(), recorded_by=user
    )
    entry.full_clean()
    with transaction.atomic():
        locked = MoU.objects.select_for_update().get(pk=deliverable.mou_id)
        before = audit_snapshot(locked)
        entry.save()
        locked.last_update_at = timezone.now()
        locked.save(update_fields=["last_update_at", "updated_at"])
        audit_changed(locked, before=before, user=user)
    return entry


def progress_entry_correct(
    *, entry: ProgressEntry, value: int, note: str = "", reason: str, user
) -> ProgressEntry:
    """Correct a saved progress entry: a new entry of the same date supersedes it, with the
    reason, and the earlier one stays in the history (entries are never rewritten). Only the
    latest value of an entry can be corrected; the correction counts as an update of the MoU.
    """
    _require(user, "mous.correct_progressentry")
    with transaction.atomic():
        # The MoU's row lock serialises two officers correcting the same entry: the second
        # finds the first one's correction and is refused.
        locked = MoU.objects.select_for_update().get(pk=entry.deliverable.mou_id)
        stored = ProgressEntry.objects.for_user(user, "correct").get(pk=entry.pk)
        if ProgressEntry.objects.filter(corrects=stored).exists():
            raise StateConflict(
                _("This entry has been corrected already: correct its latest value."),
                code="already_corrected",
                field="value",
            )
        correction = ProgressEntry(
            deliverable_id=stored.deliverable_id,
            on=stored.on,
            value=value,
            note=(note or "").strip(),
            recorded_by=user,
            corrects=stored,
            reason=(reason or "").strip(),
        )
        correction.full_clean()
        if (correction.value, correction.note) == (stored.value, stored.note):
            raise ValidationError(
                {"value": _("This is the value and note already recorded: nothing to correct.")}
            )
        before = audit_snapshot(locked)
        correction.save()
        locked.last_update_at = timezone.now()
        locked.save(update_fields=["last_update_at", "updated_at"])
        audit_changed(locked, before=before, user=user)
    logger.info(
        "MoU progress entry corrected",
        extra={
            "event": "mou_progress_correct",
            "mou_id": locked.pk,
            "entry_id": stored.pk,
            "correction_id": correction.pk,
            "user": user,
        },
    )
    return correction


def mou_document_add(*, document: MoUDocument, user) -> MoUDocument:
    """Store a PDF of the MoU or an annex, after checking its content and size."""
    _require(user, "mous.add_moudocument")
    document.uploaded_by = user
    document.size = document.file.size
    document.full_clean()
    # The file is written before the row: a full or read-only disk refuses it (503/507)
    # before anything reaches the database.
    document.file.field.pre_save(document, add=True)
    document.save()
    return document


def mou_reminder_send(*, mou_id: int, kind: str, concerns_on) -> MoUReminder | None:
    """Send one reminder to the MoU's nodal officer, unless it was sent before.

    The reminder row is claimed first, under a unique constraint on (MoU, kind, date); a
    retry or a second run hits the constraint and sends nothing. The notice and the e-mail
    belong to the same transaction, and the e-mail leaves only once it commits.
    """
    with transaction.atomic():
        mou = MoU.objects.select_related("partner", "nodal_officer").get(pk=mou_id)
        officer = mou.nodal_officer
        try:
            with transaction.atomic():
                reminder = MoUReminder.objects.create(
                    mou=mou, kind=kind, concerns_on=concerns_on, recipient=officer
                )
        except IntegrityError:
            return None
        code = REMINDER_NOTICE_CODES[kind]
        params = {
            "mou_id": mou.pk,
            "title_en": mou.title_en,
            "title_hi": mou.title_hi,
            "partner_en": mou.partner.name_en,
            "partner_hi": mou.partner.name_hi,
            "date": concerns_on.isoformat(),
        }
        notice_create(recipient=officer, code=code, params=params, link=mou.get_absolute_url())
        if officer.email and officer.is_active:
            _reminder_email(officer=officer, code=code, params=params, mou=mou)
    return reminder


def _reminder_email(*, officer, code: str, params: dict, mou: MoU) -> None:
    with translation.override(officer.language or settings.LANGUAGE_CODE):
        text = str(Notice(code=code, params=params).text)
        context = {"officer": officer, "mou": mou, "text": text, "kind": code}
        subject = render_to_string("emails/mou_reminder_subject.txt", context)
        body = render_to_string("emails/mou_reminder.txt", context)
    email_send_later(subject=subject, body=body, recipients=[officer.email])


def mou_reminders_send(*, now=None) -> int:
    """Send every reminder that is due; returns how many were sent."""
    sent = 0
    for mou_id, kind, concerns_on in mou_reminders_due(now=now or timezone.now()):
        if mou_reminder_send(mou_id=mou_id, kind=kind, concerns_on=concerns_on) is not None:
            sent += 1
    return sent
