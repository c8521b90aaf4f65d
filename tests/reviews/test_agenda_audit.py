"""Agenda items are audited records: a change through the meeting's admin page (its agenda
inline) leaves an audit row per item added, changed or removed, as the meeting pages do."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from core.audit.models import AuditEntry
from reviews.models import AgendaItem

pytestmark = pytest.mark.django_db


def _admin_data(meeting, items: list[dict]) -> dict:
    held = timezone.localtime(meeting.held_at)
    data = {
        "title_en": meeting.title_en,
        "title_hi": meeting.title_hi,
        "held_at_0": held.date().isoformat(),
        "held_at_1": held.strftime("%H:%M:%S"),
        "chair": meeting.chair,
        "venue": meeting.venue,
        "status": meeting.status,
        "convener": meeting.convener_id,
        "attendees": [person.pk for person in meeting.attendees.all()],
        "agenda_items-TOTAL_FORMS": str(len(items)),
        "agenda_items-INITIAL_FORMS": str(sum(1 for item in items if item.get("id"))),
        "agenda_items-MIN_NUM_FORMS": "0",
        "agenda_items-MAX_NUM_FORMS": "1000",
        "action_points-TOTAL_FORMS": "0",
        "action_points-INITIAL_FORMS": "0",
        "action_points-MIN_NUM_FORMS": "0",
        "action_points-MAX_NUM_FORMS": "1000",
    }
    for index, item in enumerate(items):
        for name, value in item.items():
            data[f"agenda_items-{index}-{name}"] = value
        data[f"agenda_items-{index}-meeting"] = meeting.pk
    return data


def _entries(item_pk) -> list[str]:
    content_type = ContentType.objects.get_for_model(AgendaItem)
    rows = AuditEntry.objects.filter(content_type=content_type, object_id=str(item_pk))
    return list(rows.order_by("pk").values_list("action", flat=True))


def test_the_admin_agenda_inline_records_each_item(personas, meeting, cell_officer):
    client = personas["cell_officer"]
    url = reverse("admin:reviews_meeting_change", args=[meeting.pk])
    item = {"position": "1", "title_en": "Surajkund", "title_hi": "सूरजकुंड"}
    response = client.post(url, _admin_data(meeting, [item]))
    assert response.status_code == 302, response.context["adminform"].form.errors
    added = AgendaItem.objects.get(meeting=meeting)
    assert _entries(added.pk) == ["create"]

    changed = {**item, "id": str(added.pk), "title_en": "Surajkund Mela"}
    assert client.post(url, _admin_data(meeting, [changed])).status_code == 302
    entry = AuditEntry.objects.filter(object_id=str(added.pk)).order_by("-pk").first()
    assert entry.action == "update"
    assert entry.changes["title_en"] == ["Surajkund", "Surajkund Mela"]

    removed = {**changed, "DELETE": "on"}
    assert client.post(url, _admin_data(meeting, [removed])).status_code == 302
    assert not AgendaItem.objects.filter(pk=added.pk).exists()
    assert _entries(added.pk) == ["create", "update", "delete"]


def test_the_audit_log_offers_agenda_items_as_a_record_type(personas):
    page = personas["cell_officer"].get(reverse("admin:audit_auditentry_changelist"))
    content_type = ContentType.objects.get_for_model(AgendaItem)
    assert f"content_type={content_type.pk}" in page.content.decode()
