"""Honest answers when a dependency fails: a full or read-only disk (507/503, nothing stored),
a database that does not answer (503 with Retry-After), and under /api/ always the JSON error
shape, unknown addresses and unexpected errors included."""

import errno
import json
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from core.errors import handler500
from mous.models import MoUDocument
from tests.api.clients import api_client, assert_error
from tests.mous import builders

DISK_FAULTS = [
    (errno.EROFS, 503, "storage_unavailable", "cannot be written at the moment"),
    (errno.EACCES, 503, "storage_unavailable", "cannot be written at the moment"),
    (errno.ENOSPC, 507, "storage_full", "The document store is full"),
]


@pytest.fixture
def disk(settings, tmp_path):
    """The production media storage on a temporary folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.storage.MediaStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


def _failing_disk(error_number):
    return mock.patch.object(
        FileSystemStorage, "_save", side_effect=OSError(error_number, "the disk says no")
    )


@pytest.mark.parametrize(("error_number", "status", "code", "words"), DISK_FAULTS)
def test_an_api_upload_to_a_failing_disk_answers_its_status_and_stores_nothing(
    cell_officer, mou, disk, error_number, status, code, words
):
    upload = {"mou": mou.pk, "kind": "annex", "title": "Annex A", "file": builders.pdf_upload()}
    with _failing_disk(error_number):
        response = api_client(cell_officer).post(
            "/api/v1/mou-documents/", upload, format="multipart"
        )
    body = assert_error(response, status, code)
    assert words in body["message"]
    assert ("Retry-After" in response) == (status == 503)
    assert MoUDocument.objects.count() == 0


def test_the_failing_disk_message_is_in_the_readers_language(cell_officer, mou, disk):
    upload = {"mou": mou.pk, "kind": "annex", "title": "Annex A", "file": builders.pdf_upload()}
    with _failing_disk(errno.ENOSPC):
        response = api_client(cell_officer, language="hi").post(
            "/api/v1/mou-documents/", upload, format="multipart"
        )
    assert "भर" in assert_error(response, 507, "storage_full")["message"]


def test_an_admin_upload_to_a_read_only_disk_answers_503_and_stores_nothing(personas, mou, disk):
    with _failing_disk(errno.EROFS):
        response = personas["cell_officer"].post(
            reverse("admin:mous_moudocument_add"),
            {
                "mou": mou.pk,
                "kind": MoUDocument.Kind.SIGNED_MOU,
                "title": "Signed MoU",
                "file": builders.pdf_upload(),
            },
        )
    assert response.status_code == 503
    assert "cannot be written at the moment" in response.content.decode()
    assert response["Retry-After"] == "30"
    assert MoUDocument.objects.count() == 0


def test_a_working_disk_stores_the_upload(cell_officer, mou, disk):
    upload = {"mou": mou.pk, "kind": "annex", "title": "Annex A", "file": builders.pdf_upload()}
    response = api_client(cell_officer).post("/api/v1/mou-documents/", upload, format="multipart")
    assert response.status_code == 201
    assert (disk / MoUDocument.objects.get().file.name).read_bytes() == builders.PDF_BYTES


def _database_down():
    return mock.patch(
        "django.db.backends.utils.CursorWrapper._execute",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    )


def test_a_page_answers_503_with_retry_after_when_the_database_is_down(cell_officer):
    # The middleware that reads the user after the view fails too; its answer is the same.
    client = Client(raise_request_exception=False)
    client.force_login(cell_officer)
    with _database_down():
        response = client.get(reverse("dashboard:home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "cannot reach its database" in response.content.decode()


def test_the_api_answers_503_in_its_shape_when_the_database_is_down(cell_officer):
    client = api_client(cell_officer)
    with _database_down():
        response = client.get("/api/v1/fairs/")
    assert_error(response, 503, "database_unavailable")
    assert response["Retry-After"] == "30"


def test_an_unknown_api_address_answers_404_in_the_error_shape(client, db):
    for path in ("/api/v1/no-such-records/", "/api/nothing", "/api/v1/fairs/1/nothing/"):
        assert_error(client.get(path), 404, "not_found")


def test_an_unknown_page_answers_the_portals_404_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def _handled(path, error):
    """handler500 as Django calls it: while the error is being handled (outside the locale
    middleware, so in English here)."""
    request = RequestFactory().get(path)
    try:
        raise error
    except type(error):
        with translation.override("en"):
            return handler500(request)


def test_a_failure_outside_a_view_still_answers_503_for_the_database():
    for path in ("/fairs/", "/api/v1/fairs/"):
        response = _handled(path, OperationalError("connection refused"))
        assert response.status_code == 503 and response["Retry-After"] == "30"


def test_an_unexpected_error_under_the_api_answers_500_in_the_error_shape():
    response = _handled("/api/v1/fairs/", RuntimeError("bug"))
    assert response.status_code == 500
    assert json.loads(response.content)["error"]["code"] == "server_error"


def test_an_unexpected_error_on_a_page_answers_a_page_that_needs_no_database():
    with _database_down():
        response = _handled("/fairs/", RuntimeError("bug"))
    assert response.status_code == 500
    assert "unexpected error" in response.content.decode()
