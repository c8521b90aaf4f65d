"""Drill: the document store (MEDIA_ROOT, a tmpfs here) turns read-only or fills up. Uploads
are refused with a message and leave no row; a report waits until it can be written."""

import pytest

from tests.deployed import portal

# The smallest file the MoU document check takes for a PDF: its header and its trailer.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
RECOVERY_SECONDS = 180


@pytest.fixture(scope="module")
def mou(api) -> dict:
    mous = api.get("/api/v1/mous/").json()["results"]
    assert mous, "the demo data has no MoU"
    return mous[0]


@pytest.fixture
def media(stack):
    """The store as the test leaves it is put right again, whatever failed."""
    yield stack.media
    stack.media.read_write()


def upload(api, mou: dict):
    return api.post_multipart(
        "/api/v1/mou-documents/",
        {"mou": mou["id"], "kind": "annex", "title": "Annex: stall plan"},
        {"file": ("annex.pdf", "application/pdf", PDF)},
    )


def assert_refused(answer, status: int, code: str) -> None:
    assert answer.status == status, answer
    error = answer.json()["error"]
    assert error["status"] == status and error["code"] == code, error
    assert error["message"], error


def test_an_upload_is_stored_while_the_store_works(api, mou, database):
    before = database.count("mous_moudocument")
    answer = upload(api, mou)
    assert answer.status == 201, answer
    assert database.count("mous_moudocument") == before + 1


def test_an_upload_to_a_read_only_store_answers_503(api, mou, media, database):
    before = database.count("mous_moudocument")
    media.read_only()
    assert_refused(upload(api, mou), 503, "storage_unavailable")
    assert database.count("mous_moudocument") == before


def test_an_upload_to_a_full_store_answers_507(api, mou, media, database):
    before = database.count("mous_moudocument")
    with media.filled():
        assert_refused(upload(api, mou), 507, "storage_full")
    assert database.count("mous_moudocument") == before


def test_a_report_waits_out_a_read_only_store(api, meeting, media, database):
    media.read_only()
    job_id = portal.report_requested(api, meeting["id"], "en").json()["id"]
    # Its first attempt cannot write the PDF: back in the queue (or already on its next
    # attempt), never failed for a store that comes back.
    portal.job_reaches(
        database,
        job_id,
        lambda job: job["attempts"] >= 1 and (job["status"] == "queued" or job["attempts"] >= 2),
        what="back in the queue after its first attempt",
        never={"failed", "succeeded"},
        timeout=60,
    )
    media.read_write()
    job = portal.job_settles(
        database, job_id, until={"succeeded"}, never={"failed"}, timeout=RECOVERY_SECONDS
    )
    assert job["attempts"] >= 2, job
