"""Recording the audit trail; called by the write services (and admin hooks) of each app.

Usage in a service::

    audited_update(obj, fields={"status": …}, user=user)   # set, save those fields, record

or, where the change is more than setting fields::

    before = audit_snapshot(obj)          # before changing it
    ...change and save obj...
    audit_changed(obj, before=before, user=user)

or ``audit_created(obj, user=user)`` / ``audit_deleted(obj, user=user)`` (the latter before the
delete, while the row still exists). The row is written in the caller's transaction, so a
change that is rolled back leaves no trace. Who acts is passed explicitly; where from (request
id, address, page/admin/API/import/task/command) comes from core.audit.context.
"""

import datetime
import decimal
import hashlib
import ipaddress
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models, router
from django.db.models.deletion import Collector
from django.db.models.fields.files import FieldFile

from core.audit import context
from core.audit.models import AuditEntry
from core.audit.registry import audited_models

# Never worth a diff line: they change on every save.
SKIPPED_FIELDS = {"created_at", "updated_at", "last_login"}
# Stored as a mark that they changed, never as their value.
MASKED_FIELDS = {"password", "key_hash"}
MASK = "••••••"

Action = AuditEntry.Action


def _value(value):
    if value is None or isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, uuid.UUID):
        return str(value)
    return str(value) if not isinstance(value, list | dict) else value


def audit_snapshot(obj: models.Model) -> dict:
    """The record's own field values (foreign keys as ids), ready for JSON."""
    values = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in SKIPPED_FIELDS:
            continue
        value = getattr(obj, field.attname)
        if isinstance(value, decimal.Decimal) and isinstance(field, models.DecimalField):
            # 2 and 2.00 are the same amount: compare and show them at the field's scale.
            value = value.quantize(decimal.Decimal(1).scaleb(-field.decimal_places))
        value = _value(value)
        if field.name in MASKED_FIELDS and value:
            # A digest tells a change apart; the diff itself shows only the mask.
            value = "digest:" + hashlib.sha256(str(value).encode()).hexdigest()[:16]
        values[field.name] = value
    return values


def audit_diff(before: dict | None, after: dict | None) -> dict:
    """{field: [old, new]} for the fields whose values differ (all fields on create/delete)."""
    before, after = before or {}, after or {}
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new or (old in (None, "") and new in (None, "") and not (before and after)):
            continue
        if name in MASKED_FIELDS:
            old, new = (MASK if old else None), (MASK if new else None)
        changes[name] = [old, new]
    return changes


def _user_fields(user) -> dict:
    if user is None or not getattr(user, "is_authenticated", False):
        return {"user": None, "user_repr": ""}
    return {"user_id": user.pk, "user_repr": user.get_username()[:150]}


def _address(value) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def audit_entry(*, user, action: str, obj: models.Model, changes: dict, source=None) -> AuditEntry:
    """An unsaved entry (for ``audit_record_many``)."""
    origin = context.current()
    return AuditEntry(
        **_user_fields(user),
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        changes=changes,
        source=source or origin.source,
        request_id=origin.request_id[:64],
        address=_address(origin.address),
    )


def audit_record(*, user, action: str, obj: models.Model, changes: dict, source=None):
    """Write one audit row for ``obj``; an update that changed nothing writes none."""
    if action == Action.UPDATE and not changes:
        return None
    entry = audit_entry(user=user, action=action, obj=obj, changes=changes, source=source)
    entry.save(force_insert=True)
    return entry


def audit_record_many(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Write many rows in one insert (bulk paths: stall numbering, spreadsheet imports)."""
    kept = [e for e in entries if e.action != Action.UPDATE or e.changes]
    return AuditEntry.objects.bulk_create(kept)


def audit_created(obj: models.Model, *, user, source=None):
    return audit_record(
        user=user,
        action=Action.CREATE,
        obj=obj,
        changes=audit_diff(None, audit_snapshot(obj)),
        source=source,
    )


def audit_changed(obj: models.Model, *, before: dict, user, source=None):
    return audit_record(
        user=user,
        action=Action.UPDATE,
        obj=obj,
        changes=audit_diff(before, audit_snapshot(obj)),
        source=source,
    )


def audited_update(obj: models.Model, *, fields: dict, user, source=None):
    """Set ``fields`` on ``obj``, save those fields alone, and record what changed.

    ``updated_at`` is saved with them when the model has one, so its ``auto_now`` stamp moves
    with every change. Returns ``obj``.
    """
    before = audit_snapshot(obj)
    for name, value in fields.items():
        setattr(obj, name, value)
    update_fields = list(fields)
    if any(field.name == "updated_at" for field in obj._meta.concrete_fields):
        update_fields.append("updated_at")
    obj.save(update_fields=update_fields)
    audit_changed(obj, before=before, user=user, source=source)
    return obj


def audit_deleted(obj: models.Model, *, user, source=None):
    """Record the deletion of ``obj`` and of the audited rows its deletion cascades to.

    Call it just before the delete, inside the same transaction.
    """
    collector = Collector(using=router.db_for_write(type(obj), instance=obj))
    collector.collect([obj])
    entries = []
    for model, instances in collector.data.items():
        if model is not type(obj) and model not in audited_models():
            continue
        for instance in instances:
            entries.append(
                audit_entry(
                    user=user,
                    action=Action.DELETE,
                    obj=instance,
                    changes=audit_diff(audit_snapshot(instance), None),
                    source=source,
                )
            )
    return audit_record_many(entries)
