"""Grant the roles their permissions on partners and MoUs.

Cell officers keep the MoU pipeline; the Principal Secretary reads it; district staff have
no access. Nobody may change or delete stage history, reminders or saved progress entries.
"""

from django.db import migrations

from accounts.roles import (
    CELL_OFFICER_GROUP,
    PRINCIPAL_SECRETARY_GROUP,
    grant_permissions,
    revoke_permissions,
)

READ = [
    "partners.view_partner",
    "partners.view_contactperson",
    "mous.view_mou",
    "mous.view_moustagechange",
    "mous.view_deliverable",
    "mous.view_progressentry",
    "mous.view_moudocument",
]

GRANTS = {
    CELL_OFFICER_GROUP: [
        *READ,
        "partners.add_partner",
        "partners.change_partner",
        "partners.add_contactperson",
        "partners.change_contactperson",
        "partners.delete_contactperson",
        "mous.add_mou",
        "mous.change_mou",
        "mous.add_deliverable",
        "mous.change_deliverable",
        "mous.delete_deliverable",
        "mous.add_progressentry",
        "mous.add_moudocument",
        "mous.delete_moudocument",
        "mous.view_moureminder",
    ],
    PRINCIPAL_SECRETARY_GROUP: READ,
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("mous", "0002_history_append_only"),
        ("partners", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
