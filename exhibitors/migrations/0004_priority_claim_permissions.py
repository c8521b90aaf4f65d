"""Priority categories: district staff record their exhibitors' claims with the evidence, the
cell any district's, the Principal Secretary reads them."""

from django.db import migrations

from accounts.roles import (
    CELL_OFFICER_GROUP,
    DISTRICT_STAFF_GROUP,
    PRINCIPAL_SECRETARY_GROUP,
    grant_permissions,
    revoke_permissions,
)

WRITE = [
    "exhibitors.view_priorityclaim",
    "exhibitors.add_priorityclaim",
    "exhibitors.change_priorityclaim",
    "exhibitors.delete_priorityclaim",
]
GRANTS = {
    CELL_OFFICER_GROUP: WRITE,
    DISTRICT_STAFF_GROUP: WRITE,
    PRINCIPAL_SECRETARY_GROUP: ["exhibitors.view_priorityclaim"],
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_role_groups"), ("exhibitors", "0003_priority_claims")]

    operations = [migrations.RunPython(forwards, backwards)]
