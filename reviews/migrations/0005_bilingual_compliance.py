"""What was done and the reason for the delay in English and in Hindi (issue 19): a compliance
update's English keeps its columns (renamed in the models only), the Hindi ones are new and may
stay empty, and either language's "what was done" is enough. The action point's copy of the
latest reason gets its Hindi too.

The check on "what was done" names the old field, so it is removed before the rename and put
back, on both languages, after the new columns (on SQLite each step rebuilds the table; no
trigger names these tables).
"""

from django.db import migrations, models

import core.constraints
import core.fields


class Migration(migrations.Migration):
    dependencies = [("reviews", "0004_input_bounds")]

    operations = [
        migrations.RemoveConstraint(
            model_name="complianceupdate", name="reviews_complianceupdate_text_required"
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField("complianceupdate", "text", "text_en"),
                migrations.RenameField("complianceupdate", "reason", "reason_en"),
                migrations.RenameField("actionpoint", "delay_reason", "delay_reason_en"),
                migrations.AlterField(
                    model_name="complianceupdate",
                    name="text_en",
                    field=core.fields.NoteField(
                        blank=True,
                        db_column="text",
                        max_length=2000,
                        verbose_name="what was done (English)",
                    ),
                ),
                migrations.AlterField(
                    model_name="complianceupdate",
                    name="reason_en",
                    field=core.fields.NoteField(
                        blank=True,
                        db_column="reason",
                        max_length=2000,
                        verbose_name="reason for delay (English)",
                    ),
                ),
                migrations.AlterField(
                    model_name="actionpoint",
                    name="delay_reason_en",
                    field=core.fields.NoteField(
                        blank=True,
                        db_column="delay_reason",
                        max_length=2000,
                        verbose_name="reason for delay (English)",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="complianceupdate",
            name="text_hi",
            field=core.fields.NoteField(
                blank=True, max_length=2000, verbose_name="what was done (Hindi)"
            ),
        ),
        migrations.AddField(
            model_name="complianceupdate",
            name="reason_hi",
            field=core.fields.NoteField(
                blank=True, max_length=2000, verbose_name="reason for delay (Hindi)"
            ),
        ),
        migrations.AddField(
            model_name="actionpoint",
            name="delay_reason_hi",
            field=core.fields.NoteField(
                blank=True, max_length=2000, verbose_name="reason for delay (Hindi)"
            ),
        ),
        migrations.AddConstraint(
            model_name="complianceupdate",
            constraint=core.constraints.FieldCheckConstraint(
                condition=models.Q(("text_en", ""), _negated=True)
                | models.Q(("text_hi", ""), _negated=True),
                field="text_en",
                name="reviews_complianceupdate_text_required",
                violation_error_message="Write what was done, in English or in Hindi.",
            ),
        ),
    ]
