"""Every role may read certificates in its scope (district staff their district's)."""

from django.db import migrations

from accounts.roles import (
    CELL_OFFICER_GROUP,
    DISTRICT_STAFF_GROUP,
    PRINCIPAL_SECRETARY_GROUP,
    grant_permissions,
    revoke_permissions,
)

GRANTS = {
    group: ["passes.view_certificate"]
    for group in (CELL_OFFICER_GROUP, DISTRICT_STAFF_GROUP, PRINCIPAL_SECRETARY_GROUP)
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("passes", "0003_certificates"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(forwards, backwards)]
