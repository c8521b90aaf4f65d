"""District staff read their district's award and tool-kit recipients (scoped by
``Recipient.district_scope``), whose certificates they print."""

from django.db import migrations

from accounts.roles import DISTRICT_STAFF_GROUP, grant_permissions, revoke_permissions

GRANTS = {DISTRICT_STAFF_GROUP: ["events.view_recipient"]}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("passes", "0004_certificate_permissions"), ("events", "0008_mda_charges_location")]

    operations = [migrations.RunPython(forwards, backwards)]
