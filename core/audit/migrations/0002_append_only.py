"""A database guard: audit rows can never be changed, nor (on PostgreSQL) deleted, whatever
writes to them; and cell officers may read the log (nobody holds any other right on it)."""

from django.db import migrations

from accounts.roles import CELL_OFFICER_GROUP, grant_permissions, revoke_permissions

MESSAGE = "The audit log is append-only"

SQLITE_UP = f"""
CREATE TRIGGER audit_auditentry_no_update BEFORE UPDATE ON audit_auditentry
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS audit_auditentry_no_update;"

# Row triggers: TRUNCATE (what the test runner uses to empty PostgreSQL) does not fire them.
POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION audit_auditentry_refuse_change() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '{MESSAGE}'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditentry_no_update BEFORE UPDATE OR DELETE ON audit_auditentry
FOR EACH ROW EXECUTE FUNCTION audit_auditentry_refuse_change();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS audit_auditentry_no_update ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_auditentry_refuse_change();
"""

# Deletes are not blocked on SQLite: the test runner empties SQLite databases with DELETE.
# There the rows are kept by the absence of any delete permission and the read-only admin.

GRANTS = {CELL_OFFICER_GROUP: ["audit.view_auditentry"]}


def _run(schema_editor, sql: dict):
    statement = sql.get(schema_editor.connection.vendor)
    if statement:
        # params=None: the SQL is sent as it is, with no client-side parameter merging.
        schema_editor.execute(statement, params=None)


def forwards(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP})
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)
    _run(schema_editor, {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN})


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(forwards, backwards)]
