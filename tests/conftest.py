"""Fixtures shared by the whole suite: master data, personas, service requirements."""

import os
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from accounts.models import User
from districts.models import District
from districts.services import master_data_load, master_data_read
from tests import factories

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"

# Each app's shared fixtures live in tests/<app>/fixtures.py.
pytest_plugins = sorted(
    f"tests.{path.parent.name}.fixtures" for path in Path(__file__).parent.glob("*/fixtures.py")
)


def _postgres_problem() -> str | None:
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        return f"the test database is {engine.rsplit('.', 1)[-1]}; set DATABASE_URL to PostgreSQL"
    return None


def _redis_problem() -> str | None:
    url = settings.CELERY_BROKER_URL
    if not url.startswith("redis"):
        return "CELERY_BROKER_URL is not set to Redis"
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return f"Redis at {url} does not answer: {exc}"
    return None


def _browser_problem() -> str | None:
    from tests.browser.conftest import browser_problem

    return browser_problem()


SERVICE_CHECKS = {
    "postgres": _postgres_problem,
    "redis": _redis_problem,
    "worker": _redis_problem,
    "browser": _browser_problem,
}


def pytest_runtest_setup(item):
    """Skip a test whose service is missing, or fail it when REQUIRE_SERVICES=1 (CI leg b)."""
    for marker, check in SERVICE_CHECKS.items():
        if item.get_closest_marker(marker) is None:
            continue
        problem = check()
        if problem is None:
            continue
        if REQUIRE_SERVICES:
            pytest.fail(f"REQUIRE_SERVICES=1 but {marker} is unavailable: {problem}")
        pytest.skip(f"needs {marker}: {problem}")


@pytest.fixture(autouse=True)
def _outages_forgotten():
    """Each test starts with the broker and the cache believed up: a test that simulates an
    outage must not leave this process's memory of it to the next test."""
    from core import broker, fragments
    from core import cache as fail_open

    broker._state.update(down_until=0.0)
    fail_open._outages.clear()
    # No fragment cached by an earlier test (its rows rolled back, its version counted again).
    fragments._release["digest"] = uuid.uuid4().hex
    yield


@pytest.fixture(autouse=True)
def _english_to_begin_with():
    """Each test starts in English: a request in Hindi leaves Hindi active in the thread, and
    code called without a request (services, readers) would speak it in the next test."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped master data (18 divisions, 75 districts) once for the session."""
    with django_db_blocker.unblock():
        master_data_load(rows=master_data_read())


@pytest.fixture
def lucknow(db) -> District:
    return District.objects.get(name_en="Lucknow")


@pytest.fixture
def varanasi(db) -> District:
    return District.objects.get(name_en="Varanasi")


@pytest.fixture
def cell_officer(db) -> User:
    return factories.user(username="officer", role=User.Role.CELL_OFFICER)


@pytest.fixture
def lucknow_staff(lucknow) -> User:
    return factories.user(username="lko", role=User.Role.DISTRICT_STAFF, district=lucknow)


@pytest.fixture
def varanasi_staff(varanasi) -> User:
    return factories.user(username="vns", role=User.Role.DISTRICT_STAFF, district=varanasi)


@pytest.fixture
def principal_secretary(db) -> User:
    return factories.user(username="ps", role=User.Role.PRINCIPAL_SECRETARY)


PERSONAS = ["anonymous", "cell_officer", "lucknow_staff", "varanasi_staff", "principal_secretary"]


@pytest.fixture
def personas(cell_officer, lucknow_staff, varanasi_staff, principal_secretary) -> dict:
    """A logged-in test client for each persona, and an anonymous one."""
    clients = {"anonymous": Client()}
    for name, user in {
        "cell_officer": cell_officer,
        "lucknow_staff": lucknow_staff,
        "varanasi_staff": varanasi_staff,
        "principal_secretary": principal_secretary,
    }.items():
        client = Client()
        client.force_login(user)
        client.user = user
        clients[name] = client
    return clients


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    return [
        f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}".rstrip(),
        f"celery broker: {settings.CELERY_BROKER_URL}",
        f"REQUIRE_SERVICES={os.environ.get('REQUIRE_SERVICES', '0')}",
    ]


def pytest_collection_modifyitems(items):
    """Tests that reach the database must say so up front (the ``db`` fixture or marker).

    pytest-django runs transactional tests after the others and empties the database after
    each; a test that only reaches the database through a fixture looked up at run time would
    be ordered after them and find no master data.
    """
    for item in items:
        source = getattr(item, "function", None)
        code = getattr(source, "__code__", None)
        if (
            code
            and "getfixturevalue" in code.co_names
            and not (
                {"db", "transactional_db"} & set(item.fixturenames)
                or item.get_closest_marker("django_db")
            )
        ):
            raise pytest.UsageError(f"{item.nodeid} looks fixtures up at run time: request `db`")


def pytest_itemcollected(item):
    """Every transactional test must restore the data it flushes (serialized_rollback).

    A flush without it recreates content types and permissions, and the next test that does
    restore its snapshot then collides with them; mixing the two fails only on PostgreSQL.
    """
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
        raise pytest.UsageError(
            f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
        )
