"""A report job goes through Redis to a real Celery worker, which writes the PDF."""

import time

import pytest
from django.conf import settings

from accounts.models import User
from districts.services import master_data_load, master_data_read
from reviews.models import ReportJob
from reviews.services.reports import report_request
from tests import factories
from tests.reviews import builders
from tests.worker import test_database_url, worker  # noqa: F401 (fixture)


@pytest.fixture
def worker_environment(tmp_path, settings):
    """The worker reads the test database and writes where this process reads the file."""
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return {"DATABASE_URL": test_database_url(), "MEDIA_ROOT": str(media)}


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_report_job_is_rendered_by_a_real_worker(worker):  # noqa: F811
    _mail_dir, process = worker
    master_data_load(rows=master_data_read())
    officer = factories.user(username="officer", role=User.Role.CELL_OFFICER)
    meeting = builders.meeting(officer=officer)

    job, created = report_request(meeting=meeting, language="hi", user=officer)
    assert created

    deadline = time.monotonic() + 90
    while job.status in ReportJob.ACTIVE:
        assert time.monotonic() < deadline, "the worker did not finish the report in 90 s"
        assert process.poll() is None, process.stdout.read()
        time.sleep(0.3)
        job.refresh_from_db()
    assert job.status == ReportJob.Status.SUCCEEDED, job.error
    assert (job.attempts, job.version) == (1, 1)
    path = settings.MEDIA_ROOT / job.file.name
    assert path.name == f"status-report-{job.pk}.pdf"
    assert path.read_bytes().startswith(b"%PDF")
    assert job.pages == 4
