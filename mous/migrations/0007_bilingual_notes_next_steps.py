"""The MoU's next step, and each stage change's note and next step, in English and in Hindi
(issue 19): the English ones keep their columns (renamed in the models only), the Hindi ones
are new and may stay empty.

SQLite adds a column by rebuilding the table, which drops the trigger that refuses updates of
the stage history (0002): it is dropped for the rebuild and put back after it. PostgreSQL adds
the columns in place, writing no row, so its trigger stays and fires on nothing.
"""

import importlib

import core.constraints
from django.db import migrations, models

HISTORY_GUARD = importlib.import_module("mous.migrations.0002_history_append_only")


def sqlite_guard_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(HISTORY_GUARD.SQLITE_DOWN, params=None)


def sqlite_guard_create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(HISTORY_GUARD.SQLITE_UP, params=None)


def _next_step(verbose_name, **kwargs):
    return models.CharField(blank=True, max_length=300, verbose_name=verbose_name, **kwargs)


class Migration(migrations.Migration):
    dependencies = [("mous", "0006_progress_corrections")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                # The constraint names its field: it follows the rename (same SQL, same column).
                migrations.RemoveConstraint(
                    model_name="moustagechange", name="mous_moustagechange_note_required"
                ),
                migrations.RenameField("mou", "next_step", "next_step_en"),
                migrations.RenameField("moustagechange", "note", "note_en"),
                migrations.RenameField("moustagechange", "next_step", "next_step_en"),
                migrations.AlterField(
                    model_name="mou",
                    name="next_step_en",
                    field=_next_step("next step (English)", db_column="next_step"),
                ),
                migrations.AlterField(
                    model_name="moustagechange",
                    name="note_en",
                    field=models.TextField(db_column="note", verbose_name="note (English)"),
                ),
                migrations.AlterField(
                    model_name="moustagechange",
                    name="next_step_en",
                    field=_next_step("next step (English)", db_column="next_step"),
                ),
                migrations.AddConstraint(
                    model_name="moustagechange",
                    constraint=core.constraints.FieldCheckConstraint(
                        condition=models.Q(("note_en", ""), _negated=True),
                        field="note_en",
                        name="mous_moustagechange_note_required",
                        violation_error_message="Write a note on what happened.",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="mou", name="next_step_hi", field=_next_step("next step (Hindi)")
        ),
        migrations.RunPython(sqlite_guard_drop, sqlite_guard_create),
        migrations.AddField(
            model_name="moustagechange",
            name="note_hi",
            field=models.TextField(blank=True, verbose_name="note (Hindi)"),
        ),
        migrations.AddField(
            model_name="moustagechange",
            name="next_step_hi",
            field=_next_step("next step (Hindi)"),
        ),
        migrations.RunPython(sqlite_guard_create, sqlite_guard_drop),
    ]
