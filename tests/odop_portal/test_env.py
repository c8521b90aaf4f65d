"""Settings read from the environment: strict parsing and a one-line error at start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from odop_portal import env

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("raw, value", [("true", True), ("1", True), ("off", False), ("No", False)])
def test_it_reads_booleans(monkeypatch, raw, value):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env.env_bool("SOME_FLAG", not value) is value


def test_it_refuses_a_boolean_it_cannot_read(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(env.ConfigError, match="DJANGO_DEBUG='maybe' is not a boolean"):
        env.env_bool("DJANGO_DEBUG", False)


def test_it_refuses_a_number_below_its_minimum(monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "0")
    with pytest.raises(env.ConfigError, match="SESSION_IDLE_MINUTES"):
        env.env_int("SESSION_IDLE_MINUTES", 30, minimum=1)


def test_it_reads_a_secret_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("s3cr3t\n")
    monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    monkeypatch.setenv("DJANGO_SECRET_KEY_FILE", str(secret))
    assert env.env_secret("DJANGO_SECRET_KEY") == "s3cr3t"


@pytest.mark.parametrize("url", ["foo", "mysql://u@h/db", "postgres://user@host:5432/"])
def test_it_refuses_a_database_url_it_cannot_use(monkeypatch, url, tmp_path):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(env.ConfigError, match="DATABASE_URL"):
        env.env_database("DATABASE_URL", tmp_path / "db.sqlite3", conn_max_age=0)


def test_it_reads_a_postgres_url_with_persistent_connections(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://odop:pw@db:5432/odop")
    config = env.env_database("DATABASE_URL", tmp_path / "db.sqlite3", conn_max_age=600)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["HOST"], config["CONN_MAX_AGE"]) == ("odop", "db", 600)
    assert config["CONN_HEALTH_CHECKS"] is True


def test_with_nothing_set_it_uses_sqlite(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.env_database("DATABASE_URL", tmp_path / "db.sqlite3", conn_max_age=0)
    assert config == {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}


def _manage(*args, **variables):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_", "EMAIL_", "REDIS_"))
    }
    environment.update(variables, DJANGO_SETTINGS_MODULE="odop_portal.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "variables, named",
    [
        ({"DJANGO_DEBUG": "true", "DATABASE_URL": "foo"}, "DATABASE_URL"),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG"),
        ({}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_DEBUG": "true", "CELERY_BROKER_URL": "amqp://x"}, "CELERY_BROKER_URL"),
    ],
)
def test_start_up_stops_with_one_line_naming_the_variable(variables, named):
    result = _manage("check", **variables)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Configuration error: {named}")


def test_production_settings_need_no_debug_to_start():
    result = _manage(
        "check",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="odop.up.gov.in",
        DATABASE_URL="postgres://odop@127.0.0.1:5432/odop",
    )
    assert result.returncode == 0, result.stderr


def test_a_local_env_file_fills_in_what_the_environment_lacks(tmp_path, monkeypatch):
    from odop_portal.dotenv import dotenv_load

    path = tmp_path / ".env"
    path.write_text('# comment\nODOP_A=from-file\nODOP_B="quoted value"\n\nnot a line\n')
    monkeypatch.setenv("ODOP_A", "from-environment")
    monkeypatch.delenv("ODOP_B", raising=False)
    dotenv_load(path)
    assert os.environ["ODOP_A"] == "from-environment"
    assert os.environ["ODOP_B"] == "quoted value"
    monkeypatch.delenv("ODOP_B")
    dotenv_load(tmp_path / "missing")


def test_manage_py_reads_a_local_env_file_only_without_explicit_settings(tmp_path):
    # With DJANGO_SETTINGS_MODULE set (as here), .env is not read: the strict error stands.
    result = _manage("check")
    assert result.returncode == 2
