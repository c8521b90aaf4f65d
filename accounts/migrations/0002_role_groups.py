"""Create the three role groups with the permissions on master data and users."""

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
        "districts.view_division",
        "districts.add_division",
        "districts.change_division",
        "districts.view_district",
        "districts.add_district",
        "districts.change_district",
        "districts.view_product",
        "districts.add_product",
        "districts.change_product",
        "districts.delete_product",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
    ],
    DISTRICT_STAFF_GROUP: [
        "districts.view_division",
        "districts.view_district",
        "districts.view_product",
    ],
    PRINCIPAL_SECRETARY_GROUP: [
        "districts.view_division",
        "districts.view_district",
        "districts.view_product",
    ],
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("districts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
