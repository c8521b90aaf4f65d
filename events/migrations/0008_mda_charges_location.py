"""Where a fair is held and what a space charges, for Marketing Development Assistance claims.

SQLite adds a column by rebuilding the table, and its activity-date triggers name events_fair,
so they are dropped for the rebuild and put back after it (PostgreSQL alters in place).
"""

import importlib

import core.constraints
import django.core.validators
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


TRIGGERS = importlib.import_module("events.migrations.0003_activity_dates_trigger")


def sqlite_triggers_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in TRIGGERS.SQLITE_DROP:
            schema_editor.execute(statement)


def sqlite_triggers_create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in TRIGGERS.SQLITE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0007_coverage_first'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(sqlite_triggers_drop, sqlite_triggers_create),
        migrations.AddField(
            model_name='fair',
            name='location',
            field=models.CharField(choices=[('in_state', 'In Uttar Pradesh'), ('other_state', 'In another state of India'), ('abroad', 'Abroad')], default='in_state', help_text='Marketing Development Assistance pays at the rates for where the fair is.', max_length=16, verbose_name='held'),
        ),
        migrations.AddField(
            model_name='space',
            name='charge',
            field=models.DecimalField(blank=True, decimal_places=2, help_text='Per stall or shop, or per m² for a space counted in area; before GST.', max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('10000000.00'))], verbose_name='charge per stall or m² (₹)'),
        ),
        migrations.AddField(
            model_name='space',
            name='charge_gst_percent',
            field=models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('28'))], verbose_name='GST on the charge (%)'),
        ),
        migrations.AddConstraint(
            model_name='fair',
            constraint=core.constraints.FieldCheckConstraint(condition=models.Q(('location__in', ['in_state', 'other_state', 'abroad'])), field='location', name='events_fair_location_known', violation_error_message='Choose where the fair is held from the list.'),
        ),
        migrations.AddConstraint(
            model_name='space',
            constraint=core.constraints.FieldCheckConstraint(condition=models.Q(('charge__isnull', True), ('charge__gte', 0), _connector='OR'), field='charge', name='events_space_charge_not_negative', violation_error_message='The charge cannot be negative.'),
        ),
        migrations.AddConstraint(
            model_name='space',
            constraint=core.constraints.FieldCheckConstraint(condition=models.Q(('charge_gst_percent__gte', 0), ('charge_gst_percent__lte', 28)), field='charge_gst_percent', name='events_space_gst_rate', violation_error_message='GST is 0 to 28 per cent.'),
        ),
        migrations.RunPython(sqlite_triggers_create, sqlite_triggers_drop),
    ]
