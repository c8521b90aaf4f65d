from unittest import mock

import pytest
from django.db.utils import OperationalError


def test_it_answers_200_while_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_it_answers_503_when_the_database_is_unreachable(client, db):
    with mock.patch(
        "odop_portal.health.connection.ensure_connection",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_it_says_nothing_of_a_broker_on_the_embedded_default(client, db, settings):
    settings.CELERY_BROKER_URL = "memory://"
    assert "broker" not in client.get("/healthz").json()


def test_it_reports_an_unreachable_broker_but_stays_up(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "unreachable"}


@pytest.mark.redis
def test_it_reports_a_reachable_broker(client, db):
    assert client.get("/healthz").json()["broker"] == "ok"
