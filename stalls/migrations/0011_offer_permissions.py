"""Offers of places: district staff answer their own district's, the cell anyone's (for a
district that phones in its answer), the Principal Secretary reads them."""

from django.db import migrations

from accounts.roles import (
    CELL_OFFICER_GROUP,
    DISTRICT_STAFF_GROUP,
    PRINCIPAL_SECRETARY_GROUP,
    grant_permissions,
    revoke_permissions,
)

# The API's answers are POSTs, which ask for the add permission besides the change one.
GRANTS = {
    CELL_OFFICER_GROUP: ["stalls.view_offer", "stalls.add_offer", "stalls.change_offer"],
    DISTRICT_STAFF_GROUP: ["stalls.view_offer", "stalls.add_offer", "stalls.change_offer"],
    PRINCIPAL_SECRETARY_GROUP: ["stalls.view_offer"],
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_role_groups"), ("stalls", "0010_offers")]

    operations = [migrations.RunPython(forwards, backwards)]
