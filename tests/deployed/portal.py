"""What the journey and the drills do with the portal: its demo logins, report jobs, PDFs,
daily-sales days still free, meetings of their own, and the e-mails it wrote."""

import datetime
import email
import email.policy
import re
import subprocess
import time
from pathlib import Path

from tests.deployed.client import Client
from tests.deployed.sql import Database
from tests.deployed.stack import ROOT

OFFICER = "cell.officer"
DRILL_MEETING = "As-deployed drill"
DEVANAGARI = re.compile("[\u0900-\u097f]")
LATIN_WORD = re.compile("[A-Za-z]{4,}")
# The file e-mail backend separates the messages of one connection with this line.
MAIL_SEPARATOR = "\n" + "-" * 79 + "\n"


def demo_password() -> str:
    """The demo logins' password, read from the command that creates them."""
    source = (ROOT / "demo/management/commands/load_demo_data.py").read_text()
    return re.search(r'^DEMO_PASSWORD = "([^"]+)"', source, re.MULTILINE).group(1)


def job_settles(database: Database, job_id: int, *, until: set[str], **wait) -> dict:
    """Poll the job's row until its status is one of ``until``."""
    return job_reaches(
        database, job_id, lambda job: job["status"] in until, what="/".join(sorted(until)), **wait
    )


def job_reaches(
    database: Database, job_id: int, done, *, what: str, timeout: float, never=frozenset()
) -> dict:
    """Poll the job's row until ``done(job)``; fail on a status in ``never``, or on time."""
    deadline = time.monotonic() + timeout
    while True:
        job = database.job(job_id)
        assert job["status"] not in never, f"job {job_id} became {job['status']}: {job['error']}"
        if done(job):
            return job
        assert time.monotonic() < deadline, (
            f"job {job_id} not {what} within {timeout:.0f} s: status={job['status']} "
            f"attempts={job['attempts']} error={job['error']!r}"
        )
        time.sleep(0.5)


def pdf_text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF-"), f"not a PDF: {pdf[:40]!r}"
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def past_fair(api: Client) -> dict:
    """A concluded fair whose days are over: the demo's last-season Surajkund."""
    today = datetime.date.today().isoformat()
    fairs = [
        f for f in api.all_pages("/api/v1/fairs/", status="concluded") if f["end_date"] < today
    ]
    assert fairs, "the demo data has no concluded fair"
    return fairs[0]


def free_sale_days(api: Client):
    """(allocation id, date) pairs of a past fair without sales yet, one for each write the
    leg makes: a POST there must add a row, not correct one."""
    fair = past_fair(api)
    entered = {
        (s["allocation"], s["date"]) for s in api.all_pages("/api/v1/daily-sales/", fair=fair["id"])
    }
    start = datetime.date.fromisoformat(fair["start_date"])
    days = (datetime.date.fromisoformat(fair["end_date"]) - start).days + 1
    for allocation in api.all_pages("/api/v1/allocations/", fair=fair["id"], status="active"):
        for offset in range(days):
            day = (start + datetime.timedelta(days=offset)).isoformat()
            if (allocation["id"], day) not in entered:
                yield allocation["id"], day


def take(days) -> tuple[int, str]:
    taken = next(days, None)
    assert taken, (
        "no day of a past fair's allocations is without sales (the demo data enters every "
        "one), so no POST to /api/v1/daily-sales/ can add a row"
    )
    return taken


def new_meeting(api: Client, like: dict, title: str) -> dict:
    """A meeting of the drill's own, so that its report jobs never meet another's, with the
    attendees of the meeting ``like``.

    Two months ahead: beat's daily run queues automatic reports only for meetings within
    REPORT_DAYS_BEFORE_MEETING days.
    """
    held_at = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=60)
    answer = api.post_json(
        "/api/v1/meetings/",
        {
            "title_en": f"{DRILL_MEETING}: {title}",
            "title_hi": f"परिनियोजन अभ्यास: {title}",
            "held_at": held_at.isoformat(timespec="seconds"),
            "chair": "principal_secretary",
            "venue": "Committee Room, Udyog Bandhu, Lucknow",
            "status": "scheduled",
            "attendees": [person["id"] for person in like["attendees"]],
        },
    )
    assert answer.status == 201, answer
    return answer.json()


def report_requested(api: Client, meeting_id: int, language: str, *, timeout: float = 30):
    answer = api.post_json(
        f"/api/v1/meetings/{meeting_id}/reports/", {"language": language}, timeout=timeout
    )
    assert answer.status == 202, answer
    return answer


def mails(directory: Path) -> list[email.message.EmailMessage]:
    """Every message the file e-mail backend wrote so far."""
    found = []
    for path in sorted(directory.glob("*.log")) if directory.exists() else []:
        for chunk in path.read_text(encoding="utf-8").split(MAIL_SEPARATOR):
            if chunk.strip():
                found.append(
                    email.message_from_string(chunk.lstrip("\n"), policy=email.policy.default)
                )
    return found


def mail_body(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",)) if message.is_multipart() else message
    return part.get_content()
