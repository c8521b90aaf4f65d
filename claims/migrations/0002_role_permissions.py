"""The roles' permissions on MDA claims.

District staff draft, correct and submit their district's claims, upload their documents and
recommend them; the cell verifies, sanctions and records payment, and keeps the scheme's rules
and budgets; the Principal Secretary reads claims, budgets and sanctions.
"""

from django.db import migrations

from accounts.roles import (
    CELL_OFFICER_GROUP,
    DISTRICT_STAFF_GROUP,
    PRINCIPAL_SECRETARY_GROUP,
    grant_permissions,
    revoke_permissions,
)

READ = [
    "claims.view_claim",
    "claims.view_claimevent",
    "claims.view_schemerule",
    "claims.view_budget",
    "claims.view_sanction",
    "claims.view_sanctionorder",
]

GRANTS = {
    CELL_OFFICER_GROUP: [
        *READ,
        "claims.verify_claim",
        "claims.sanction_claim",
        "claims.pay_claim",
        "claims.view_claimdocument",
        "claims.add_schemerule",
        "claims.change_schemerule",
        "claims.add_budget",
        "claims.change_budget",
        "claims.add_sanction",
    ],
    DISTRICT_STAFF_GROUP: [
        "claims.view_claim",
        "claims.add_claim",
        "claims.change_claim",
        "claims.recommend_claim",
        "claims.view_claimevent",
        "claims.view_claimdocument",
        "claims.add_claimdocument",
        "claims.delete_claimdocument",
        "claims.view_schemerule",
    ],
    PRINCIPAL_SECRETARY_GROUP: READ,
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(forwards, backwards)]
