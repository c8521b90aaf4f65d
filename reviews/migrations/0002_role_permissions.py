"""Grant the roles their permissions on review meetings, action points and reports.

Cell officers keep meetings and action points, request and approve reports; the Principal
Secretary reads (approved reports only, by the scoping rule); district staff read their
district's action points and report compliance on them.
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
    "reviews.view_meeting",
    "reviews.view_agendaitem",
    "reviews.view_actionpoint",
    "reviews.view_complianceupdate",
    "reviews.view_reportjob",
]

GRANTS = {
    CELL_OFFICER_GROUP: [
        *READ,
        "reviews.add_meeting",
        "reviews.change_meeting",
        "reviews.add_agendaitem",
        "reviews.change_agendaitem",
        "reviews.delete_agendaitem",
        "reviews.add_actionpoint",
        "reviews.change_actionpoint",
        "reviews.add_complianceupdate",
        "reviews.add_reportjob",
        "reviews.approve_reportjob",
    ],
    PRINCIPAL_SECRETARY_GROUP: READ,
    DISTRICT_STAFF_GROUP: [
        "reviews.view_actionpoint",
        "reviews.view_complianceupdate",
        "reviews.add_complianceupdate",
    ],
}


def grant(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
