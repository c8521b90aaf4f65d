"""/healthz names each dependency that does not answer; /livez only says the process serves."""

from unittest import mock

import pytest
from django.db.utils import OperationalError

from odop_portal.celery import app as celery_app


def test_it_answers_200_while_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["failing"] == []
    assert response["Cache-Control"].startswith("max-age=0")


def test_it_answers_503_naming_the_database_when_it_is_unreachable(client, db):
    with mock.patch(
        "core.health.connection.ensure_connection",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert response.json()["failing"] == ["database"]


def test_it_says_nothing_of_a_broker_when_tasks_run_in_process(client, db):
    assert celery_app.conf.task_always_eager
    assert "broker" not in client.get("/healthz").json()


def test_it_answers_503_naming_an_unreachable_broker(client, db, unreachable_broker):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "failing": ["broker"],
        "database": "ok",
        "broker": "unreachable",
    }


def test_it_answers_503_naming_an_unreachable_cache(client, db, unreachable_cache):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unreachable"
    assert response.json()["failing"] == ["cache"]


def test_liveness_stays_200_whatever_is_down(client, db, redis_down):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/livez")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


@pytest.mark.redis
def test_it_reports_a_reachable_broker(client, db):
    celery_app.conf.task_always_eager = False
    try:
        assert client.get("/healthz").json()["broker"] == "ok"
    finally:
        celery_app.conf.task_always_eager = True
