"""A database guard: stage history rows can never be updated, whatever writes to them."""

from django.db import migrations

MESSAGE = "MoU stage history is append-only"

SQLITE_UP = f"""
CREATE TRIGGER mous_moustagechange_no_update BEFORE UPDATE ON mous_moustagechange
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS mous_moustagechange_no_update;"

POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION mous_moustagechange_refuse_update() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '{MESSAGE}'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER mous_moustagechange_no_update BEFORE UPDATE ON mous_moustagechange
FOR EACH ROW EXECUTE FUNCTION mous_moustagechange_refuse_update();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS mous_moustagechange_no_update ON mous_moustagechange;
DROP FUNCTION IF EXISTS mous_moustagechange_refuse_update();
"""

# Deletes are not blocked here: test databases are emptied with DELETE on SQLite. Rows are
# kept by on_delete=PROTECT from their MoU, the absence of a delete permission, and the model.


def _run(schema_editor, sql: dict):
    statement = sql.get(schema_editor.connection.vendor)
    if statement:
        # params=None: the SQL is sent as it is, with no client-side parameter merging.
        schema_editor.execute(statement, params=None)


def forwards(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP})


def backwards(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN})


class Migration(migrations.Migration):
    dependencies = [("mous", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
