"""The fair's venue and objectives in English and in Hindi (issue 19): the English ones keep
their columns (renamed in the models only), the Hindi ones are new and may stay empty.

SQLite adds a column by rebuilding the table, and its activity-date triggers name events_fair,
so they are dropped for the rebuild and put back after it (PostgreSQL alters in place).
"""

import importlib

from django.db import migrations

import core.fields

# The same drop and re-create of the activity-date triggers as 0008's.
M0008 = importlib.import_module("events.migrations.0008_mda_charges_location")
sqlite_triggers_drop = M0008.sqlite_triggers_drop
sqlite_triggers_create = M0008.sqlite_triggers_create


class Migration(migrations.Migration):
    dependencies = [("events", "0009_verbose_names")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField("fair", "venue", "venue_en"),
                migrations.RenameField("fair", "objectives", "objectives_en"),
                migrations.AlterField(
                    model_name="fair",
                    name="venue_en",
                    field=core.fields.NameField(
                        db_column="venue", max_length=200, verbose_name="venue (English)"
                    ),
                ),
                migrations.AlterField(
                    model_name="fair",
                    name="objectives_en",
                    field=core.fields.NoteField(
                        blank=True,
                        db_column="objectives",
                        max_length=4000,
                        verbose_name="objectives (English)",
                    ),
                ),
            ],
        ),
        migrations.RunPython(sqlite_triggers_drop, sqlite_triggers_create),
        migrations.AddField(
            model_name="fair",
            name="venue_hi",
            field=core.fields.NameField(blank=True, max_length=200, verbose_name="venue (Hindi)"),
        ),
        migrations.AddField(
            model_name="fair",
            name="objectives_hi",
            field=core.fields.NoteField(
                blank=True, max_length=4000, verbose_name="objectives (Hindi)"
            ),
        ),
        migrations.RunPython(sqlite_triggers_create, sqlite_triggers_drop),
    ]
