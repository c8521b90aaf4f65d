"""The roles' permissions on letters, passes and attendance.

District staff and the cell print letters and passes (district staff their district's); the
cell checks passes in at the gate; everyone reads attendance in their scope.
"""

from django.db import migrations

from accounts.roles import (
    CELL_OFFICER_GROUP,
    DISTRICT_STAFF_GROUP,
    PRINCIPAL_SECRETARY_GROUP,
    grant_permissions,
    revoke_permissions,
)

GRANTS = {
    CELL_OFFICER_GROUP: [
        "passes.view_credential",
        "passes.view_attendance",
        "passes.add_attendance",
        "passes.view_printjob",
        "passes.add_printjob",
    ],
    DISTRICT_STAFF_GROUP: [
        "passes.view_credential",
        "passes.view_attendance",
        "passes.view_printjob",
        "passes.add_printjob",
    ],
    PRINCIPAL_SECRETARY_GROUP: ["passes.view_credential", "passes.view_attendance"],
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("passes", "0001_initial"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(forwards, backwards)]
