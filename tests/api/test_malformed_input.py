"""Malformed paths, query strings and bodies answer 400, 404, 409 or 413 in the API's error
shape (a page outside /api/), with a sentence in the reader's language: never a 500, never
a repr, never a changed row.

Each table row is (method, URL, query or body) → (status, code), run for a cell officer and
for a district staff token; ``staff`` gives the staff answer where their permissions decide
before the input is read (403 for a record kind they may not see at all).
"""

import json
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.test import Client
from django.utils import translation
from django_filters import BooleanFilter as StockBooleanFilter
from django_filters import CharFilter
from django_filters.rest_framework import DjangoFilterBackend

from odop_portal.api_urls import APPS
from tests.api.clients import api_client, assert_error

BIG = 2**63  # one past the largest bigint: 19 digits
HUGE = 10**30
LONG = "9" * 5000  # more digits than int() reads
FORM = "application/x-www-form-urlencoded"
PERSONAS = ["cell_officer", "lucknow_staff"]
# The rows a refused request must leave as they were.
COUNTED = [
    "events.Fair",
    "stalls.Stall",
    "stalls.Nomination",
    "stalls.Allocation",
    "stalls.DailySale",
    "exhibitors.Exhibitor",
    "mous.MoU",
    "mous.MoUStageChange",
    "reviews.ReportJob",
    "audit.AuditEntry",
]


@dataclass(frozen=True)
class Row:
    method: str
    url: str
    status: int
    code: str
    query: dict | None = None
    body: object = None  # a dict is sent as JSON, bytes as they are
    content_type: str = "application/json"
    field: str | None = None  # the field a 400 must name; the query's key by default
    staff: tuple | None = None  # (status, code) for district staff, when it differs

    def expected(self, persona: str) -> tuple:
        return self.staff if persona != "cell_officer" and self.staff else (self.status, self.code)

    def named_field(self) -> str | None:
        return self.field or (next(iter(self.query)) if self.query else None)


def _row(method, url, query_or_body, status, code, **extra):
    key = "query" if method == "GET" else "body"
    row = Row(method, url, status, code, **{key: query_or_body}, **extra)
    return pytest.param(row, id=f"{method} {url[:60]} {str(query_or_body)[:40]}")


@pytest.fixture
def world(allocation, mou_document, approved_report, lucknow_point, units_space) -> dict:
    """A Lucknow allocation in an open fair, an MoU with a document, an approved report."""
    free = units_space.stalls.exclude(pk=allocation.stall_id).order_by("number").first()
    return {
        "fair": allocation.fair_id,
        "space": units_space.pk,
        "free_stall": free.pk,
        "nomination": allocation.nomination_id,
        "allocation": allocation.pk,
        "mou": mou_document.mou_id,
        "report": approved_report.pk,
        "big": BIG,
        "huge": HUGE,
        "long": LONG,
    }


def _nested(levels: int) -> bytes:
    return b'{"a":' * levels + b"1" + b"}" * levels


def _counts() -> dict:
    return {name: apps.get_model(name).objects.count() for name in COUNTED}


def _is_sentence(text: str) -> bool:
    return (
        bool(text)
        and "ErrorDetail" not in text
        and text[0] not in "{[<"
        and text.rstrip()[-1] in ".।?"
    )


def assert_sentences(body: dict) -> None:
    """The message and every field message read as sentences, not as Python's reprs."""
    assert _is_sentence(body["message"]), body
    for messages in body.get("fields", {}).values():
        assert all(_is_sentence(m) for m in messages), body


def _fill(value, ids: dict):
    """``"{nomination}"`` is the fixture's id (a number); other text is formatted."""
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    return value.format(**ids) if isinstance(value, str) else value


def _send(client, row: Row, ids: dict):
    url = row.url.format(**ids)
    if row.method == "GET":
        return client.get(url, row.query or {})
    body = row.body
    if isinstance(body, dict):
        body = json.dumps({name: _fill(value, ids) for name, value in body.items()})
    return client.generic(row.method, url, body or b"", content_type=row.content_type)


def _run(row: Row, persona: str, user, ids: dict):
    client = api_client(user)
    before = _counts()
    response = _send(client, row, ids)
    status, code = row.expected(persona)
    body = assert_error(response, status, code)
    assert_sentences(body)
    if status == 400 and code == "invalid" and row.named_field():
        assert row.named_field() in body["fields"], body
    assert _counts() == before  # a refused request changes nothing
    return body


# --- Ids in API paths -------------------------------------------------------------------------

STAFF_403 = (403, "permission_denied")
HIDDEN = (404, "not_found")  # review meetings and reports do not exist for district staff
PATHS = [
    _row("GET", "/api/v1/mou-documents/AAA/download/", None, 404, "not_found"),
    _row("GET", "/api/v1/mou-documents/{big}/download/", None, 404, "not_found", staff=STAFF_403),
    _row("GET", "/api/v1/report-jobs/AAA/download/", None, 404, "not_found"),
    _row("GET", "/api/v1/report-jobs/{big}/download/", None, 404, "not_found"),
    _row("GET", "/api/v1/fairs/AAA/", None, 404, "not_found"),
    _row("GET", "/api/v1/fairs/-1/", None, 404, "not_found"),
    _row("GET", "/api/v1/fairs/1.5/", None, 404, "not_found"),
    _row("GET", "/api/v1/fairs/{big}/", None, 404, "not_found"),
    _row("GET", "/api/v1/fairs/{huge}/coverage/", None, 404, "not_found"),
    _row("GET", "/api/v1/fairs/{long}/", None, 404, "not_found"),
    _row("GET", "/api/v1/exhibitors/%C2%B2/", None, 404, "not_found"),
    _row("GET", "/api/v1/notices/AAA/", None, 404, "not_found"),
    _row("POST", "/api/v1/nominations/AAA/approve/", None, 404, "not_found"),
    _row("POST", "/api/v1/nominations/{big}/withdraw/", {"reason": "x"}, 404, "not_found"),
    _row("POST", "/api/v1/allocations/{huge}/cancel/", {"reason": "x"}, 404, "not_found"),
    _row("PATCH", "/api/v1/exhibitors/{big}/", {"name": "X"}, 404, "not_found"),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", PATHS)
def test_a_malformed_or_huge_id_in_a_path_is_a_404(request, world, persona, row):
    _run(row, persona, request.getfixturevalue(persona), world)


# --- Query parameters -------------------------------------------------------------------------

QUERIES = [
    _row("GET", "/api/v1/fairs/", {"year": "0"}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"year": "99999"}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"year": "-1"}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"year": "2027.5"}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"year": LONG}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"starts_after": "2026-02-30"}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"status": "finished"}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"ordering": "password"}, 400, "invalid"),
    _row("GET", "/api/v1/activities/", {"date_from": "2026-13-01"}, 400, "invalid"),
    _row("GET", "/api/v1/nominations/", {"division": "abc"}, 400, "invalid"),
    _row("GET", "/api/v1/nominations/", {"division": str(HUGE)}, 400, "invalid"),
    _row("GET", "/api/v1/nominations/", {"fair": "abc"}, 400, "invalid"),
    _row("GET", "/api/v1/nominations/", {"fair": str(HUGE)}, 400, "invalid"),
    _row("GET", "/api/v1/nominations/", {"exhibitor": "-1"}, 400, "invalid"),
    _row("GET", "/api/v1/nominations/", {"status": "maybe"}, 400, "invalid"),
    _row("GET", "/api/v1/nominations/", {"created_after": "2026-02-30"}, 400, "invalid"),
    _row("GET", "/api/v1/nominations/", {"product": LONG}, 400, "invalid"),
    _row("GET", "/api/v1/nominations/", {"ordering": "-nothing"}, 400, "invalid"),
    _row("GET", "/api/v1/allocations/", {"stall": str(HUGE)}, 400, "invalid"),
    _row("GET", "/api/v1/allotments/", {"fair": str(BIG)}, 400, "invalid"),
    _row("GET", "/api/v1/daily-sales/", {"date_to": "2026-02-30"}, 400, "invalid"),
    _row("GET", "/api/v1/daily-sales/", {"product": str(HUGE)}, 400, "invalid"),
    _row("GET", "/api/v1/exhibitors/", {"division": str(HUGE)}, 400, "invalid"),
    _row("GET", "/api/v1/exhibitors/", {"kind": "giant"}, 400, "invalid"),
    _row("GET", "/api/v1/exhibitors/", {"q": "a\x00b"}, 400, "invalid"),
    _row("GET", "/api/v1/action-points/", {"overdue": "maybe"}, 400, "invalid"),
    _row("GET", "/api/v1/action-points/", {"meeting": "abc"}, 400, "invalid"),
    _row("GET", "/api/v1/action-points/", {"mou": str(HUGE)}, 400, "invalid"),
    _row("GET", "/api/v1/action-points/", {"due_after": "2026-02-30"}, 400, "invalid"),
    _row("GET", "/api/v1/report-jobs/", {"approved": "maybe"}, 400, "invalid", staff=HIDDEN),
    _row("GET", "/api/v1/mous/", {"since": "2026-02-30"}, 400, "invalid", staff=STAFF_403),
    _row("GET", "/api/v1/mous/", {"stage": "signing"}, 400, "invalid", staff=STAFF_403),
    _row("GET", "/api/v1/mou-deliverables/", {"partner": LONG}, 400, "invalid", staff=STAFF_403),
    _row("GET", "/api/v1/fairs/", {"page": "0"}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"page": "abc"}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"page": "-1"}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"page": "²"}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"page": str(HUGE)}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"page": "999"}, 404, "not_found"),
    _row("GET", "/api/v1/fairs/", {"page_size": "-1"}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"page_size": "0"}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"page_size": "201"}, 400, "invalid"),
    _row("GET", "/api/v1/fairs/", {"page_size": "²"}, 400, "invalid"),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", QUERIES)
def test_a_malformed_filter_or_page_is_a_400_naming_it(request, world, persona, row):
    _run(row, persona, request.getfixturevalue(persona), world)


@pytest.mark.parametrize(
    "query",
    [{"year": "2027"}, {"page": "last"}, {"page_size": "1"}, {"starts_after": "2027-01-31"}],
)
def test_well_formed_values_still_filter(cell_officer, world, query):
    response = api_client(cell_officer).get("/api/v1/fairs/", query)
    assert response.status_code == 200, response.content
    assert response.json()["count"] == 1


def test_an_id_filter_does_not_tell_whether_another_districts_record_exists(
    lucknow_staff, world, varanasi_exhibitor
):
    client = api_client(lucknow_staff)
    answers = [
        client.get("/api/v1/nominations/", {"exhibitor": pk})
        for pk in (varanasi_exhibitor.pk, BIG - 1)
    ]
    assert [(a.status_code, a.json()["count"]) for a in answers] == [(200, 0), (200, 0)]


def test_a_hindi_reader_gets_the_filter_error_in_hindi(cell_officer, world):
    response = api_client(cell_officer, "hi").get("/api/v1/fairs/", {"starts_after": "2026-02-30"})
    body = assert_error(response, 400, "invalid")
    with translation.override("hi"):
        assert body["message"] == translation.gettext("The request has errors; see the fields.")
        assert body["fields"]["starts_after"] == [translation.gettext("Enter a valid date.")]
    assert body["fields"]["starts_after"] != ["Enter a valid date."]


NEW_MESSAGES = [
    Row("GET", "/api/v1/fairs/", 400, "invalid", query={"year": "0"}),
    Row("GET", "/api/v1/nominations/", 400, "invalid", query={"division": "x"}),
    Row("GET", "/api/v1/fairs/", 400, "invalid", query={"page": "0"}),
    Row("GET", "/api/v1/action-points/", 400, "invalid", query={"overdue": "x"}),
    Row("POST", "/api/v1/exhibitors/", 400, "parse_error", body=b"[]"),
    Row("POST", "/api/v1/exhibitors/", 400, "parse_error", body=b"{"),
    Row("POST", "/api/v1/exhibitors/", 400, "parse_error", body=b"\xff"),
    Row("POST", "/api/v1/exhibitors/", 400, "parse_error", body=_nested(40)),
    Row("POST", "/api/v1/exhibitors/", 400, "not_utf8", body=b"a=\xff", content_type=FORM),
]


@pytest.mark.parametrize("row", NEW_MESSAGES, ids=lambda row: str(row.query or row.body[:8]))
def test_the_new_refusals_are_in_hindi_too(cell_officer, world, row):
    english, hindi = (
        _send(api_client(cell_officer, language), row, world).json()["error"]
        for language in ("en", "hi")
    )
    assert not _texts(english) & _texts(hindi)


def _texts(error: dict) -> set:
    return {
        error["message"],
        *(m for messages in error.get("fields", {}).values() for m in messages),
    }


# --- Request bodies ---------------------------------------------------------------------------

EXHIBITORS = "/api/v1/exhibitors/"


BODIES = [
    _row("POST", EXHIBITORS, b"not json", 400, "parse_error"),
    _row("POST", EXHIBITORS, b"[1, 2]", 400, "parse_error"),
    _row("POST", EXHIBITORS, b'"artisan"', 400, "parse_error"),
    _row("POST", EXHIBITORS, b"null", 400, "parse_error"),
    _row("POST", EXHIBITORS, b"42", 400, "parse_error"),
    _row("POST", EXHIBITORS, b'{"name": "\xff"}', 400, "parse_error"),
    _row("POST", EXHIBITORS, b'{"name": NaN}', 400, "parse_error"),
    _row("POST", EXHIBITORS, b'{"name": ' + b"1" * 5000 + b"}", 400, "parse_error"),
    _row("POST", EXHIBITORS, _nested(33), 400, "parse_error"),
    _row("POST", EXHIBITORS, b"[" * 100_000 + b"]" * 100_000, 400, "parse_error"),
    # 32 levels pass the parser; the serializer then refuses the unknown field.
    _row("POST", EXHIBITORS, _nested(32), 400, "invalid", field="a"),
    _row("POST", EXHIBITORS, b'{"a": "' + b"x" * (5 * 2**20) + b'"}', 413, "too_large"),
    _row("POST", EXHIBITORS, b"name=%FF", 400, "not_utf8", content_type=FORM),
    _row("POST", EXHIBITORS, b"name=\xff", 400, "not_utf8", content_type=FORM),
    _row("POST", EXHIBITORS, b"name=x", 415, "unsupported_media_type", content_type=FORM),
    _row("POST", "/api/v1/fairs/?q=%FF", b"{}", 400, "not_utf8"),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", BODIES)
def test_a_malformed_body_is_refused_and_changes_nothing(request, world, persona, row):
    _run(row, persona, request.getfixturevalue(persona), world)


def test_a_too_long_stall_number_is_a_sentence_at_its_field(cell_officer, world):
    body = _run(
        Row(
            "POST",
            "/api/v1/stalls/",
            400,
            "invalid",
            body={"space": world["space"], "numbers": ["S" * 200]},
            field="numbers",
        ),
        "cell_officer",
        cell_officer,
        world,
    )
    assert all(_is_sentence(m) for m in body["fields"]["numbers"])


# --- Repeated transitions and conflicts (cell officer) ------------------------------------------

TRANSITIONS = [
    _row(
        "POST",
        "/api/v1/allocations/",
        {"nomination": "{nomination}", "stall": "{free_stall}"},
        409,
        "already_allocated",
    ),
    _row("POST", "/api/v1/report-jobs/{report}/approve/", None, 409, "already_approved"),
    pytest.param(
        Row("POST", "/api/v1/nominations/{nomination}/approve/", 409, "not_allowed_transition"),
        id="approve-again",
    ),
    pytest.param(
        Row(
            "POST",
            "/api/v1/fairs/{fair}/status/",
            409,
            "not_allowed_transition",
            body={"status": "nominations_open"},
        ),
        id="fair-status-again",
    ),
    pytest.param(
        Row(
            "POST",
            "/api/v1/mous/{mou}/move-stage/",
            409,
            "already_at_stage",
            body={"to_stage": "identified", "note_en": "Again."},
        ),
        id="mou-stage-again",
    ),
]


@pytest.mark.parametrize("row", TRANSITIONS)
def test_a_repeated_step_or_a_taken_place_is_a_409(cell_officer, world, row):
    _run(row, "cell_officer", cell_officer, world)


# --- Every list endpoint, every declared filter -----------------------------------------------

MALFORMED = ["abc", "0", "-1", str(HUGE), LONG, "2026-02-30", "²", "a\x00b"]


def _list_endpoints():
    for app in APPS:
        router = getattr(__import__(f"{app}.api.urls", fromlist=["router"]), "router", None)
        for prefix, viewset, _basename in router.registry if router else []:
            if "list" in dir(viewset):
                yield prefix, viewset


def _filters(viewset) -> dict:
    view = viewset()
    declared = getattr(viewset, "filterset_class", None)
    queryset = viewset.queryset
    if queryset is None and declared is not None:
        queryset = declared._meta.model._default_manager.none()
    filterset = DjangoFilterBackend().get_filterset_class(view, queryset)
    return dict(filterset.base_filters) if filterset else {}


def _typed(filter_) -> bool:
    """A filter for which "abc" is malformed (a number, an id, a date, a choice…)."""
    return not isinstance(filter_, CharFilter) and type(filter_) is not StockBooleanFilter


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_malformed_filter_value_of_any_list_endpoint_is_a_5xx(request, world, persona):
    client = api_client(request.getfixturevalue(persona))
    checked = 0
    for prefix, viewset in _list_endpoints():
        filters = {**_filters(viewset), "page": None, "page_size": None}
        for name, filter_ in filters.items():
            for value in MALFORMED:
                response = client.get(f"/api/v1/{prefix}/", {name: value})
                _assert_refused_well(response, name, value, filter_)
                checked += 1
    assert checked > 1000  # every router's endpoints were walked


def _assert_refused_well(response, name, value, filter_):
    where = (response.request["PATH_INFO"], name, value[:20])
    assert response.status_code < 500, where
    if response.status_code in (403, 404):
        return
    if value == "abc" and (filter_ is None or _typed(filter_)):
        assert response.status_code == 400, where
    if response.status_code == 400:
        body = response.json()["error"]
        assert name in body["fields"], (where, body)
        assert_sentences(body)


# --- Pages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageRow:
    method: str
    url: str
    status: int
    data: object = None
    content_type: str | None = None
    shows: str | None = None  # text the answer must show (the field error)
    staff: int | None = None


SALE = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-amount": "100"}
PAGES = [
    PageRow("GET", "/fairs/{fair}/sales/?date=2026-02-30", 400, shows="Enter a valid date."),
    PageRow(
        "POST",
        "/fairs/{fair}/sales/",
        400,
        data={**SALE, "date": "2026-02-30", "form-0-allocation": "{allocation}"},
        shows="Enter a valid date.",
    ),
    PageRow("POST", "/fairs/{fair}/sales/", 400, data=b"date=\xff", content_type=FORM),
    PageRow("POST", "/fairs/{fair}/sales/", 400, data=b"date=%FF", content_type=FORM),
    PageRow("GET", "/exhibitors/?q=%FF", 400),
    PageRow("GET", "/?fair=%C2%B2", 200),
    PageRow("GET", "/?fair=" + LONG, 200),
    PageRow("GET", "/?year=" + LONG, 200),
    PageRow("GET", "/fairs/{fair}/nominate/?exhibitor=%C2%B2", 200),
    PageRow("GET", "/fairs/{fair}/nominate/?exhibitor=" + LONG, 200),
    PageRow("GET", "/fairs/{fair}/nominate/?exhibitor={big}", 404),
    PageRow("POST", "/fairs/{fair}/nominate/", 200, data={"exhibitor": "²"}),
    PageRow("POST", "/fairs/{fair}/nominate/", 200, data={"exhibitor": LONG}),
    PageRow("GET", "/exhibitors/AAA/", 404),
    PageRow("GET", "/exhibitors/{huge}/", 404),
    PageRow("GET", "/reviews/reports/{big}/download/", 404),
    PageRow("GET", "/mous/documents/{big}/", 404, staff=403),
    PageRow("GET", "/exhibitors/?page=abc", 404),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", PAGES, ids=lambda row: f"{row.method} {row.url[:60]}")
def test_a_page_answers_malformed_input_with_a_page_or_a_field_error(
    request, world, persona, row, live_fair
):
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    before = _counts()
    response = _page(client, row, world)
    expected = row.staff if persona != "cell_officer" and row.staff else row.status
    assert response.status_code == expected, response.content[:500]
    assert response["Content-Type"].startswith("text/html")
    if row.shows and expected == row.status:
        assert row.shows in response.content.decode()
    assert _counts() == before


def _page(client, row: PageRow, ids: dict):
    url = row.url.format(**ids)
    if row.method == "GET":
        return client.get(url)
    data = row.data
    if isinstance(data, dict):
        data = {k: v.format(**ids) for k, v in data.items()}
        return client.post(url, data)
    return client.generic("POST", url, data, content_type=row.content_type)
