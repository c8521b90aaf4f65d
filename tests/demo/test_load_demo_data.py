"""The demo data stays off a production installation unless a staging database is named."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User


def test_production_settings_refuse_the_demo(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only for the embedded default"):
        call_command("load_demo_data")
    assert not User.objects.filter(username="cell.officer").exists()


def test_a_staging_database_that_is_not_the_configured_one_is_refused(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="is not the configured database"):
        call_command("load_demo_data", staging_database="odop")
    assert not User.objects.filter(username="cell.officer").exists()


def test_the_demo_loads_into_the_staging_database_named_exactly(db, settings, capsys):
    settings.DEBUG = False
    call_command("load_demo_data", staging_database=str(connection.settings_dict["NAME"]))
    assert User.objects.filter(username="cell.officer").exists()
    assert "never the real one" in capsys.readouterr().err
