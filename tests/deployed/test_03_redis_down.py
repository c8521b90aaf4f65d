"""Drill: Redis (broker and cache) stops. People keep working; what needs the queue waits
for it and completes by itself once Redis is back."""

import time
from types import SimpleNamespace

import pytest

from tests.deployed import portal

PAGES = ["/", "/fairs/", "/mous/", "/reviews/", "/districts/", "/notifications/"]
RECOVERY_SECONDS = 120
# Without Redis a page must not wait out a connection timeout on every cache call.
ANSWER_SECONDS = 3


@pytest.fixture(scope="module")
def outage(stack, api, demo_meeting, database):
    """A finished report to approve, then Redis stopped; started again at the latest when
    the module ends. The tests fill in what the last ones check after Redis is back."""
    meeting = portal.new_meeting(api, demo_meeting, "Redis down")
    finished = portal.report_requested(api, meeting["id"], "hi").json()["id"]
    portal.job_settles(database, finished, until={"succeeded"}, never={"failed"}, timeout=120)
    stack.redis.stop()
    state = SimpleNamespace(meeting=meeting, finished=finished, queued=None, back_at=None)
    try:
        yield state
    finally:
        if not stack.redis.running:
            stack.redis.start()


def test_signing_in_works(outage, browser):
    answer = browser.sign_in(portal.OFFICER, portal.demo_password())
    assert answer.status == 302 and answer.location == "/", answer
    assert browser.get("/").status == 200


def test_pages_answer(outage, browser):
    browser.sign_in(portal.OFFICER, portal.demo_password())
    for path in PAGES:
        answer = browser.get(path)
        assert answer.status == 200, answer
        assert answer.seconds < ANSWER_SECONDS, answer


def test_an_api_list_answers(outage, api):
    answer = api.get("/api/v1/fairs/")
    assert answer.status == 200, answer
    assert answer.seconds < ANSWER_SECONDS, answer
    assert answer.json()["results"]


def test_an_api_write_adds_exactly_one_row(outage, api, sale_days, database):
    allocation, day = portal.take(sale_days)
    before = database.count("stalls_dailysale")
    answer = api.post_json(
        "/api/v1/daily-sales/", {"allocation": allocation, "date": day, "amount": "8300"}
    )
    assert answer.status == 201, answer
    assert database.count("stalls_dailysale") == before + 1


def test_a_report_request_answers_at_once_and_waits_for_the_queue(outage, api, database):
    answer = portal.report_requested(api, outage.meeting["id"], "en", timeout=10)
    assert answer.seconds < 1, f"the request took {answer.seconds:.2f} s"
    outage.queued = answer.json()["id"]
    assert database.job(outage.queued)["status"] == "queued"
    shown = api.get(f"/api/v1/report-jobs/{outage.queued}/")
    assert shown.status == 200, shown
    assert shown.json()["waiting_for_queue"] is True, shown


def test_healthz_names_the_broker_and_livez_answers(outage, browser):
    health = browser.get("/healthz")
    assert health.status == 503, health
    assert "broker" in health.json()["failing"], health
    assert browser.get("/livez").status == 200


def test_approving_a_finished_report_answers(outage, api):
    answer = api.post_json(f"/api/v1/report-jobs/{outage.finished}/approve/")
    assert answer.status == 200, answer
    assert answer.json()["is_approved"] is True


def redis_back(outage, stack) -> float:
    """Start Redis (once) and say how many seconds of the recovery time are left."""
    if not stack.redis.running:
        stack.redis.start()
        outage.back_at = time.monotonic()
    return outage.back_at + RECOVERY_SECONDS - time.monotonic()


def test_once_redis_is_back_the_queued_report_completes(outage, stack, database):
    left = redis_back(outage, stack)
    if outage.queued is None:
        pytest.fail("no report was queued while Redis was down (see the test before)")
    job = portal.job_settles(
        database, outage.queued, until={"succeeded"}, never={"failed"}, timeout=left
    )
    assert job["attempts"] == 1, job


def test_once_redis_is_back_the_approval_emails_are_sent(outage, stack):
    deadline = time.monotonic() + redis_back(outage, stack)
    link = f"/reviews/reports/{outage.finished}/"
    attendees = len(outage.meeting["attendees"])
    while True:
        sent = [m for m in portal.mails(stack.mail) if link in portal.mail_body(m)]
        if len(sent) >= attendees:
            break
        assert time.monotonic() < deadline, (
            f"{RECOVERY_SECONDS} s after Redis came back, {len(sent)} of {attendees} approval "
            "e-mails were written"
        )
        time.sleep(1)
    # Each attendee once: a mail sent again after the outage would be a duplicate.
    recipients = sorted(str(m["To"]) for m in sent)
    assert len(set(recipients)) == len(recipients) == attendees, recipients
