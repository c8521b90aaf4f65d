"""Drill: PostgreSQL stops. Pages and the API say so at once (503, Retry-After), the health
routes tell monitoring and orchestration apart, and everything answers again by itself."""

import time

import pytest

from tests.deployed import portal
from tests.deployed.client import Client

ANSWER_SECONDS = 5
RECOVERY_SECONDS = 30


@pytest.fixture(scope="module")
def officer(stack) -> Client:
    """Signed in before the outage, as the people using the portal then are."""
    client = Client(stack.web_port)
    answer = client.sign_in(portal.OFFICER, portal.demo_password())
    assert answer.status == 302, answer
    return client


@pytest.fixture(scope="module")
def outage(stack, officer, api):
    stack.cluster.stop()
    try:
        yield
    finally:
        if not stack.cluster.running:
            stack.cluster.start()


def assert_unavailable(answer) -> None:
    assert answer.status == 503, answer
    assert answer.header("Retry-After"), answer.headers
    assert answer.seconds < ANSWER_SECONDS, f"{answer.path} took {answer.seconds:.1f} s"


def test_a_page_answers_503_with_retry_after(outage, officer):
    answer = officer.get("/")
    assert_unavailable(answer)
    assert "text/html" in answer.header("Content-Type"), answer.headers
    assert "<h1" in answer.text, answer  # a page that says what happened, not a blank


def test_an_api_read_answers_503_in_the_error_shape(outage, api):
    answer = api.get("/api/v1/fairs/")
    assert_unavailable(answer)
    error = answer.json()["error"]
    assert error["status"] == 503 and error["code"] == "database_unavailable", error
    assert error["message"], error


def test_healthz_names_the_database_and_livez_answers(outage, browser):
    health = browser.get("/healthz")
    assert health.status == 503, health
    assert "database" in health.json()["failing"], health
    assert browser.get("/livez").status == 200


def test_pages_and_the_api_answer_again_by_themselves(outage, stack, officer, api):
    stack.cluster.start()
    deadline = time.monotonic() + RECOVERY_SECONDS
    while True:
        page, listed = officer.get("/"), api.get("/api/v1/fairs/")
        if page.status == listed.status == 200:
            return
        assert time.monotonic() < deadline, f"{RECOVERY_SECONDS} s after: {page}; {listed}"
        time.sleep(1)


def test_an_unknown_api_address_answers_404_in_the_error_shape(stack, api):
    answer = api.get("/api/v1/no-such-records/")
    assert answer.status == 404, answer
    error = answer.json()["error"]
    assert error["status"] == 404 and error["code"] == "not_found", error
