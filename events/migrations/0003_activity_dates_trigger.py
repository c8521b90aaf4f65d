"""Activities stay within their fair's dates: a database trigger holds the rule.

The rule spans two tables, so a CHECK constraint cannot express it; the triggers refuse an
activity dated outside its fair and a change of fair dates that would leave one outside.
"""

from django.db import migrations

POSTGRES = """
CREATE OR REPLACE FUNCTION events_activity_within_fair() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM events_fair f
        WHERE f.id = NEW.fair_id AND NEW.date BETWEEN f.start_date AND f.end_date
    ) THEN
        RAISE EXCEPTION 'activity dated % is outside its fair', NEW.date
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER events_activity_within_fair
    BEFORE INSERT OR UPDATE OF date, fair_id ON events_activity
    FOR EACH ROW EXECUTE FUNCTION events_activity_within_fair();

CREATE OR REPLACE FUNCTION events_fair_keeps_activities() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM events_activity a
        WHERE a.fair_id = NEW.id AND (a.date < NEW.start_date OR a.date > NEW.end_date)
    ) THEN
        RAISE EXCEPTION 'the new dates of fair % leave activities outside', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER events_fair_keeps_activities
    AFTER UPDATE OF start_date, end_date ON events_fair
    FOR EACH ROW EXECUTE FUNCTION events_fair_keeps_activities();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS events_activity_within_fair ON events_activity;
DROP FUNCTION IF EXISTS events_activity_within_fair();
DROP TRIGGER IF EXISTS events_fair_keeps_activities ON events_fair;
DROP FUNCTION IF EXISTS events_fair_keeps_activities();
"""

SQLITE_OUTSIDE = """
    NOT EXISTS (
        SELECT 1 FROM events_fair f
        WHERE f.id = NEW.fair_id AND NEW.date BETWEEN f.start_date AND f.end_date
    )
"""

SQLITE = [
    f"""CREATE TRIGGER events_activity_within_fair_insert BEFORE INSERT ON events_activity
    WHEN {SQLITE_OUTSIDE}
    BEGIN SELECT RAISE(ABORT, 'activity date is outside its fair'); END""",
    f"""CREATE TRIGGER events_activity_within_fair_update
    BEFORE UPDATE OF date, fair_id ON events_activity
    WHEN {SQLITE_OUTSIDE}
    BEGIN SELECT RAISE(ABORT, 'activity date is outside its fair'); END""",
    """CREATE TRIGGER events_fair_keeps_activities
    BEFORE UPDATE OF start_date, end_date ON events_fair
    WHEN EXISTS (
        SELECT 1 FROM events_activity a
        WHERE a.fair_id = NEW.id AND (a.date < NEW.start_date OR a.date > NEW.end_date)
    )
    BEGIN SELECT RAISE(ABORT, 'the new fair dates leave activities outside'); END""",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS events_activity_within_fair_insert",
    "DROP TRIGGER IF EXISTS events_activity_within_fair_update",
    "DROP TRIGGER IF EXISTS events_fair_keeps_activities",
]


def create(apps, schema_editor):
    _run(schema_editor, POSTGRES, SQLITE)


def drop(apps, schema_editor):
    _run(schema_editor, POSTGRES_DROP, SQLITE_DROP)


def _run(schema_editor, postgres, sqlite):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgres, params=None)  # no placeholders: % is PL/pgSQL
    elif vendor == "sqlite":
        for statement in sqlite:
            schema_editor.execute(statement)
    else:
        raise NotImplementedError(f"no activity-date trigger for {vendor}")


class Migration(migrations.Migration):
    dependencies = [("events", "0002_initial")]

    operations = [migrations.RunPython(create, drop)]
