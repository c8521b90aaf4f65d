"""A cell officer's day on the deployed portal, through the pages and the API.

The steps share one browser and one API client and run in order; each asserts what the
officer sees.
"""

import pytest

from tests.deployed import portal
from tests.deployed.client import Client

REPORT_SECONDS = 120


@pytest.fixture(scope="module")
def officer(stack) -> Client:
    return Client(stack.web_port)


@pytest.fixture(scope="module")
def script() -> dict:
    """What the API steps hand on to each other."""
    return {}


def test_the_officer_signs_in_through_the_login_page(officer):
    answer = officer.sign_in(portal.OFFICER, portal.demo_password())
    assert answer.status == 302, answer
    assert answer.location == "/", answer.headers
    assert "sessionid" in officer.cookies
    assert all("secure" in c.lower() for c in answer.headers_named("Set-Cookie"))


def test_the_dashboard_answers(officer):
    answer = officer.get("/")
    assert answer.status == 200, answer
    assert "text/html" in answer.header("Content-Type")


def test_an_api_token_is_issued(stack, script):
    script["api"] = Client.with_token(stack.web_port, portal.OFFICER, portal.demo_password())
    me = script["api"].get("/api/v1/auth/me/")
    assert me.status == 200, me
    assert me.json()["username"] == portal.OFFICER


def test_a_daily_sale_through_the_api_adds_one_row(script, sale_days, database):
    api = script["api"]
    allocation, day = portal.take(sale_days)
    before = database.count("stalls_dailysale")
    answer = api.post_json(
        "/api/v1/daily-sales/",
        {"allocation": allocation, "date": day, "amount": "12500", "enquiries": 4},
    )
    assert answer.status == 201, answer
    assert answer.json()["allocation"] == allocation
    assert database.count("stalls_dailysale") == before + 1


def test_hindi_and_english_reports_are_prepared_and_downloaded(script, demo_meeting, database):
    api = script["api"]
    jobs = {
        language: portal.report_requested(api, demo_meeting["id"], language).json()["id"]
        for language in ("hi", "en")
    }
    texts = {}
    for language, job_id in jobs.items():
        portal.job_settles(
            database, job_id, until={"succeeded"}, never={"failed"}, timeout=REPORT_SECONDS
        )
        shown = api.get(f"/api/v1/report-jobs/{job_id}/")
        assert shown.status == 200 and shown.json()["status"] == "succeeded", shown
        pdf = api.get(f"/api/v1/report-jobs/{job_id}/download/")
        assert pdf.status == 200, pdf
        assert pdf.header("Content-Type") == "application/pdf"
        texts[language] = portal.pdf_text(pdf.body)
    assert len(portal.DEVANAGARI.findall(texts["hi"])) > 50, texts["hi"][:500]
    assert len(portal.LATIN_WORD.findall(texts["en"])) > 50, texts["en"][:500]


def test_signing_out_ends_the_session(officer):
    dashboard = officer.get("/")
    assert dashboard.status == 200, dashboard
    answer = officer.post_form(
        "/accounts/logout/", {"csrfmiddlewaretoken": officer.csrf_token(dashboard)}
    )
    assert answer.status == 302, answer
    after = officer.get("/")
    assert after.status == 302, after
    assert after.location.startswith("/accounts/login/"), after.headers
