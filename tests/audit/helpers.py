from django.contrib.contenttypes.models import ContentType

from core.audit.models import AuditEntry


def entries(obj, since: int = 0):
    """Audit rows of ``obj`` written after the row ``since``, oldest first."""
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            pk__gt=since,
        ).order_by("pk")
    )


def one(obj, since: int = 0) -> AuditEntry:
    found = entries(obj, since)
    assert len(found) == 1, [(e.action, e.source, e.changes) for e in found]
    return found[0]


def mark() -> int:
    """The newest audit row's id: what a test then writes comes after it."""
    last = AuditEntry.objects.order_by("-pk").first()
    return last.pk if last else 0
