"""Fixtures of the "as deployed" leg: the stack, started once for the session.

The root suite (``make test``: pytest-django on tests.settings) loads this file when it walks
into the folder and is told to collect nothing here; only the leg's own configuration
(tests/deployed/pytest.ini, ``make test-deployed``) runs these tests.
"""

from pathlib import Path

import pytest

from tests.deployed import portal
from tests.deployed.client import Client
from tests.deployed.sql import Database
from tests.deployed.stack import LOGS, Stack, log_tail

LEG_CONFIG = Path(__file__).with_name("pytest.ini")


def _is_leg(config) -> bool:
    return config.inipath == LEG_CONFIG


def pytest_ignore_collect(collection_path, config):
    if not _is_leg(config):
        return True
    return None


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """On failure, the end of every log of the stack (they stay in var/deployed/logs)."""
    if not _is_leg(config) or exitstatus == 0:
        return
    for log in sorted(LOGS.glob("*.log")):
        terminalreporter.section(f"tail of {log.relative_to(LOGS.parents[2])}")
        terminalreporter.line(log_tail(log, 30))


@pytest.fixture(scope="session")
def infrastructure():
    """PostgreSQL, Redis and the media tmpfs of the leg's own, with the environment."""
    stack = Stack()
    try:
        stack.start_infrastructure()
        yield stack
    finally:
        stack.close()


@pytest.fixture(scope="session")
def stack(infrastructure) -> Stack:
    """The portal deployed on the infrastructure: migrated, with master and demo data,
    static files collected, and gunicorn, a Celery worker and beat running."""
    infrastructure.deploy()
    return infrastructure


@pytest.fixture(scope="session")
def database(stack) -> Database:
    return Database(stack.cluster.url(user="postgres"))


@pytest.fixture(scope="session")
def api(stack) -> Client:
    """The cell officer's API token, as a script of the cell would hold it."""
    return Client.with_token(stack.web_port, portal.OFFICER, portal.demo_password())


@pytest.fixture
def browser(stack) -> Client:
    return Client(stack.web_port)


@pytest.fixture(scope="session")
def sale_days(api):
    """Days of a past fair's allocations without sales: each write takes the next."""
    return portal.free_sale_days(api)


@pytest.fixture(scope="session")
def demo_meeting(api) -> dict:
    """The demo's coming review meeting (the source report's), with its attendees."""
    meetings = [
        meeting
        for meeting in api.all_pages("/api/v1/meetings/", status="scheduled")
        if not meeting["title_en"].startswith(portal.DRILL_MEETING)
    ]
    assert meetings, "the demo data has no scheduled meeting"
    return meetings[0]


@pytest.fixture
def meeting(api, demo_meeting, request) -> dict:
    """A meeting of the test's own, with the demo meeting's attendees."""
    return portal.new_meeting(api, demo_meeting, request.node.name)
