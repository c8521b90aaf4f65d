"""Admin saves, inlines, deletions and bulk actions leave one audit row per record; the audit
log itself is read-only for everyone, and its changelist's query count is constant."""

from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from accounts.models import User
from core.audit.models import AuditEntry
from core.audit.services import audit_created
from events.models import Fair
from tests import factories
from tests.audit.helpers import entries, mark, one
from tests.queries import assert_constant_queries


def _action(client, model, action, pks, **extra):
    return client.post(
        reverse(f"admin:stalls_{model}_changelist"),
        {"action": action, "_selected_action": [str(pk) for pk in pks], **extra},
    )


def _superuser() -> Client:
    user = factories.user(username="root", role=User.Role.CELL_OFFICER)
    User.objects.filter(pk=user.pk).update(is_superuser=True)
    user.refresh_from_db()
    client = Client()
    client.force_login(user)
    return client


def test_a_plain_admin_save_records_the_diff_with_request_and_address(personas, exhibitor_row):
    client = personas["cell_officer"]
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor_row.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(name="Sita Devi", kind="artisan")
    # The priority categories inline, with no row.
    data.update({"priority_claims-TOTAL_FORMS": "0", "priority_claims-INITIAL_FORMS": "0"})
    since = mark()
    response = client.post(url, data, HTTP_X_REQUEST_ID="req-0001-abcd")
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = one(exhibitor_row, since)
    assert entry.changes == {"name": ["Artisan 0099", "Sita Devi"]}
    assert (entry.user, entry.source, entry.request_id, entry.address) == (
        personas["cell_officer"].user,
        "admin",
        "req-0001-abcd",
        "127.0.0.1",
    )


def test_nomination_approval_in_bulk_records_each_nomination_once(personas, nomination):
    since = mark()
    _action(personas["cell_officer"], "nomination", "approve", [nomination.pk])
    entry = one(nomination, since)
    assert (entry.source, entry.user) == ("admin", personas["cell_officer"].user)
    assert entry.changes["status"] == ["submitted", "approved"]


def test_cancelling_allocations_in_bulk_records_each_once(personas, allocation):
    since = mark()
    response = _action(
        personas["cell_officer"], "allocation", "cancel", [allocation.pk], reason="No-show", post=1
    )
    assert response.status_code == 302
    assert one(allocation, since).changes["status"] == ["active", "cancelled"]
    assert one(allocation.nomination, since).source == "admin"


def test_deleting_a_fair_in_the_admin_records_it_and_its_spaces(personas, fair):
    space = factories.space(fair=fair, capacity_units=2)
    client = _superuser()
    since = mark()
    response = client.post(reverse("admin:events_fair_delete", args=[fair.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Fair.objects.filter(pk=fair.pk).exists()
    fair_type = ContentType.objects.get_for_model(Fair)
    deleted = AuditEntry.objects.filter(pk__gt=since, action="delete")
    assert sorted((e.content_type_id == fair_type.pk, e.object_id) for e in deleted) == sorted(
        [(True, fair.pk), (False, space.pk)]
    )


def test_an_inline_change_records_the_child_once(personas, fair):
    space = factories.space(fair=fair, capacity_units=2)
    client = _superuser()
    url = reverse("admin:events_fair_change", args=[fair.pk])
    page = client.get(url)
    data = {}
    inlines = [f.formset for f in page.context["inline_admin_formsets"]]
    for formset in [page.context["adminform"].form, *inlines]:
        forms = [formset] if not hasattr(formset, "forms") else formset.forms
        if hasattr(formset, "management_form"):
            for name, field in formset.management_form.initial.items():
                data[f"{formset.prefix}-{name}"] = field
        for form in forms:
            for name in form.fields:
                value = form.initial.get(name)
                if value is not None:
                    data[form.add_prefix(name)] = value
    data.update({"spaces-0-id": space.pk, "spaces-0-fair": fair.pk, "spaces-0-capacity_units": 3})
    since = mark()
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert one(space, since).changes == {"capacity_units": [2, 3]}
    assert entries(fair, since) == []


def test_the_history_page_of_a_record_shows_its_audit_trail(personas, fair, cell_officer):
    from events.services import fair_set_status

    fair_set_status(fair=fair, status=Fair.Status.ALLOCATION, user=cell_officer)
    page = personas["cell_officer"].get(reverse("admin:events_fair_history", args=[fair.pk]))
    assert page.status_code == 200
    assert "nominations_open → allocation" in page.content.decode()


def test_the_audit_log_is_read_only_even_for_a_superuser(audit_entry):
    client = _superuser()
    change = reverse("admin:audit_auditentry_change", args=[audit_entry.pk])
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditentry_add"), {}).status_code == 403
    assert client.post(change, {"user_repr": "x"}).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[audit_entry.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = client.post(
        reverse("admin:audit_auditentry_changelist"),
        {"action": "delete_selected", "_selected_action": [audit_entry.pk], "post": "yes"},
    )
    assert changelist.status_code in (200, 302)
    audit_entry.refresh_from_db()
    assert audit_entry.user_repr == "officer"
    view = client.get(change)
    assert view.status_code == 200 and "nominations_open" in view.content.decode()


def test_the_audit_changelist_runs_a_constant_number_of_queries(
    personas, fair, cell_officer, lucknow_staff
):
    client = personas["cell_officer"]
    url = reverse("admin:audit_auditentry_changelist")

    def grow():
        for user in (cell_officer, lucknow_staff, None):
            audit_created(fair, user=user)
            audit_created(factories.space(fair=fair, name_en=f"Hall {user}"), user=user)

    assert_constant_queries(lambda: client.get(url), grow)
    assert_constant_queries(
        lambda: client.get(url, {"content_type": ContentType.objects.get_for_model(Fair).pk}),
        grow,
    )


def test_adding_a_user_in_the_admin_records_one_row_with_the_final_access(personas):
    since = mark()
    response = personas["cell_officer"].post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newofficer",
            "first_name": "New",
            "last_name": "Officer",
            "email": "new@odop.example",
            "role": "cell_officer",
            "password1": "a-long-Passphrase-42",
            "password2": "a-long-Passphrase-42",
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    user = User.objects.get(username="newofficer")
    entry = one(user, since)
    assert (entry.action, entry.user, entry.source) == (
        "create",
        personas["cell_officer"].user,
        "admin",
    )
    assert entry.changes["is_staff"] == [None, True]
    assert entry.changes["password"] == [None, "••••••"]
