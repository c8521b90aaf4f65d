"""Drill: the worker dies in the middle of a report. The job is taken over (its heartbeat
stops, or its task comes back) and finishes once, with its second attempt.

A row lock on the meeting, held from here, keeps the render waiting where it numbers the
finished report, so the kill lands while the job is "running". The lock is taken after the
request: asking for a report locks the meeting too.
"""

import json
import os
import signal
import time

from tests.deployed import portal

TAKEOVER_SECONDS = 120


def render_blocked(database, job_id: int) -> None:
    """Wait until the job runs and its render waits for the drill's lock."""
    job = portal.job_settles(
        database, job_id, until={"running"}, never={"failed", "succeeded"}, timeout=60
    )
    assert job["attempts"] == 1, job
    deadline = time.monotonic() + 60
    while database.lock_waits() == 0:
        job = database.job(job_id)
        assert job["status"] == "running", f"the render ended before it reached the lock: {job}"
        assert time.monotonic() < deadline, "the render never waited for the meeting's lock"
        time.sleep(0.2)


def pool_process_of(stack, job_id: int) -> int:
    """The pid of the pool process executing the job's task, as the worker reports it."""
    done = stack.celery("inspect", "active", "--json", "--timeout", "10")
    assert done.returncode == 0, done.stderr
    active = json.loads(done.stdout.strip().splitlines()[-1])
    for tasks in active.values():
        for task in tasks:
            if task["name"] == "reviews.tasks.render_status_report" and task["args"] == [job_id]:
                return task["worker_pid"]
    raise AssertionError(f"no pool process runs job {job_id}: {active}")


def settles_after_kill(database, job_id: int, killed_at: float) -> dict:
    left = killed_at + TAKEOVER_SECONDS - time.monotonic()
    return portal.job_settles(database, job_id, until={"succeeded"}, never={"failed"}, timeout=left)


def assert_one_report(database, meeting_id: int, job: dict) -> None:
    assert job["attempts"] == 2, job
    assert job["version"] == 1, job
    assert database.count("reviews_reportjob", meeting_id=meeting_id) == 1


def test_a_report_survives_the_whole_worker_being_killed(stack, api, meeting, database):
    job_id = portal.report_requested(api, meeting["id"], "en").json()["id"]
    with database.meeting_locked(meeting["id"]):
        render_blocked(database, job_id)
        stack.worker.kill()  # main process and pool children at once
        killed_at = time.monotonic()
    stack.start_worker()
    job = settles_after_kill(database, job_id, killed_at)
    assert_one_report(database, meeting["id"], job)


def test_a_report_survives_its_pool_process_being_killed(stack, api, meeting, database):
    main = stack.worker.pid
    job_id = portal.report_requested(api, meeting["id"], "en").json()["id"]
    with database.meeting_locked(meeting["id"]):
        render_blocked(database, job_id)
        child = pool_process_of(stack, job_id)
        assert child != main
        os.kill(child, signal.SIGKILL)
        killed_at = time.monotonic()
    job = settles_after_kill(database, job_id, killed_at)
    assert stack.worker.running and stack.worker.pid == main, "the main worker process died"
    assert_one_report(database, meeting["id"], job)
