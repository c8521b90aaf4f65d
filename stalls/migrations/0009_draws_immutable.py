"""A drawn draw can never change: the database refuses any update of a draw whose seed is
revealed and of an entrant's ticket or position once given, whatever writes to them. The cell
publishes and makes draws; everyone with a role reads them (the public reads the draw pages)."""

from django.db import migrations

from accounts.roles import (
    CELL_OFFICER_GROUP,
    DISTRICT_STAFF_GROUP,
    PRINCIPAL_SECRETARY_GROUP,
    grant_permissions,
    revoke_permissions,
)

MESSAGE = "A drawn draw of lots cannot change"

# SQLite runs one statement per call.
SQLITE_UP = [
    f"""CREATE TRIGGER stalls_draw_no_update_once_drawn BEFORE UPDATE ON stalls_draw
    WHEN OLD.seed <> '' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER stalls_drawentrant_no_update_once_drawn BEFORE UPDATE ON stalls_drawentrant
    WHEN OLD.position IS NOT NULL BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS stalls_draw_no_update_once_drawn;",
    "DROP TRIGGER IF EXISTS stalls_drawentrant_no_update_once_drawn;",
]

# Row triggers: TRUNCATE (what the test runner uses to empty PostgreSQL) does not fire them,
# and a cascade from deleting a whole fair still removes its draws.
POSTGRES_UP = [
    f"""
CREATE OR REPLACE FUNCTION stalls_draw_refuse_change() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '{MESSAGE}'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER stalls_draw_no_update_once_drawn BEFORE UPDATE ON stalls_draw
FOR EACH ROW WHEN (OLD.seed <> '') EXECUTE FUNCTION stalls_draw_refuse_change();
CREATE TRIGGER stalls_drawentrant_no_update_once_drawn BEFORE UPDATE ON stalls_drawentrant
FOR EACH ROW WHEN (OLD.position IS NOT NULL) EXECUTE FUNCTION stalls_draw_refuse_change();
"""
]
POSTGRES_DOWN = [
    """DROP TRIGGER IF EXISTS stalls_draw_no_update_once_drawn ON stalls_draw;
    DROP TRIGGER IF EXISTS stalls_drawentrant_no_update_once_drawn ON stalls_drawentrant;
    DROP FUNCTION IF EXISTS stalls_draw_refuse_change();"""
]

GRANTS = {
    CELL_OFFICER_GROUP: [
        "stalls.view_draw",
        "stalls.add_draw",
        "stalls.change_draw",
        "stalls.view_allocationrulechange",
        # The API's POST sets a rule, which records a change.
        "stalls.add_allocationrulechange",
    ],
    DISTRICT_STAFF_GROUP: ["stalls.view_draw"],
    PRINCIPAL_SECRETARY_GROUP: ["stalls.view_draw", "stalls.view_allocationrulechange"],
}


def _run(schema_editor, sql: dict):
    for statement in sql.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def guard_put_back(apps, schema_editor):
    """For later migrations that add a column to the draws' tables: SQLite does that by
    rebuilding the table, which drops its triggers, so they are made again (PostgreSQL keeps
    them)."""
    if schema_editor.connection.vendor == "sqlite":
        _run(schema_editor, {"sqlite": [*SQLITE_DOWN, *SQLITE_UP]})


def forwards(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP})
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)
    _run(schema_editor, {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_role_groups"), ("stalls", "0008_draws")]

    operations = [migrations.RunPython(forwards, backwards)]
