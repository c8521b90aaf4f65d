from django.db import migrations, models

SEQUENCE = "core_data_version_seq"


def create_counter(apps, schema_editor):
    """The count's one row (SQLite) or its sequence (PostgreSQL)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}")
    apps.get_model("core", "DataVersion").objects.create(pk=1, counter=0)


def drop_counter(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("counter", models.BigIntegerField(default=0, verbose_name="counter")),
            ],
            options={"verbose_name": "data version", "verbose_name_plural": "data versions"},
        ),
        migrations.RunPython(create_counter, drop_counter),
    ]
