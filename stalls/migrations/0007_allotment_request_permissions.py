"""Requests for more places: district staff ask, the cell decides, the Principal Secretary reads."""

from django.db import migrations

from accounts.roles import (
    CELL_OFFICER_GROUP,
    DISTRICT_STAFF_GROUP,
    PRINCIPAL_SECRETARY_GROUP,
    grant_permissions,
    revoke_permissions,
)

GRANTS = {
    # The API's workflow actions are POSTs, which ask for the add permission; the officers'
    # requests themselves are refused (they set allotments directly).
    CELL_OFFICER_GROUP: [
        "stalls.view_allotmentrequest",
        "stalls.add_allotmentrequest",
        "stalls.change_allotmentrequest",
    ],
    DISTRICT_STAFF_GROUP: ["stalls.view_allotmentrequest", "stalls.add_allotmentrequest"],
    PRINCIPAL_SECRETARY_GROUP: ["stalls.view_allotmentrequest"],
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_role_groups"), ("stalls", "0006_allotment_request")]

    operations = [migrations.RunPython(forwards, backwards)]
