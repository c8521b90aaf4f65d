"""Permissions of the three roles on fairs, exhibitors, stalls, nominations and sales."""

from django.db import migrations

from accounts.roles import (
    CELL_OFFICER_GROUP,
    DISTRICT_STAFF_GROUP,
    PRINCIPAL_SECRETARY_GROUP,
    grant_permissions,
    revoke_permissions,
)


def _all(app, model, actions="view add change delete"):
    return [f"{app}.{action}_{model}" for action in actions.split()]


GRANTS = {
    CELL_OFFICER_GROUP: [
        *_all("events", "fair"),
        *_all("events", "space"),
        *_all("events", "activity"),
        *_all("events", "recipient"),
        *_all("exhibitors", "exhibitor", "view add change"),
        *_all("stalls", "stall"),
        *_all("stalls", "allotment"),
        *_all("stalls", "nomination", "view add change"),
        *_all("stalls", "allocation", "view add change"),
        *_all("stalls", "dailysale", "view add change delete"),
        "stalls.view_override",
    ],
    DISTRICT_STAFF_GROUP: [
        "events.view_fair",
        "events.view_space",
        "events.view_activity",
        *_all("exhibitors", "exhibitor", "view add change"),
        "stalls.view_stall",
        "stalls.view_allotment",
        *_all("stalls", "nomination", "view add change"),
        "stalls.view_allocation",
        *_all("stalls", "dailysale", "view add change"),
    ],
    PRINCIPAL_SECRETARY_GROUP: [
        "events.view_fair",
        "events.view_space",
        "events.view_activity",
        "events.view_recipient",
        "exhibitors.view_exhibitor",
        "stalls.view_stall",
        "stalls.view_allotment",
        "stalls.view_nomination",
        "stalls.view_allocation",
        "stalls.view_dailysale",
        "stalls.view_override",
    ],
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_role_groups"),
        ("events", "0003_activity_dates_trigger"),
        ("exhibitors", "0001_initial"),
        ("stalls", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
