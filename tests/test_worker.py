"""A task goes through Redis to a real Celery worker started by the test run."""

import time

import pytest
from django.urls import reverse

from accounts.models import User
from districts.services import master_data_load, master_data_read
from notifications.models import OutgoingEmail
from tests import factories
from tests.worker import test_database_url, worker  # noqa: F401 (fixtures)


@pytest.fixture
def worker_environment():
    """The worker reads the outbox row this test commits."""
    return {"DATABASE_URL": test_database_url()}


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_password_reset_e_mail_is_sent_by_a_real_worker(worker, client):  # noqa: F811
    mail_dir, process = worker
    master_data_load(rows=master_data_read())
    officer = factories.user(username="officer", role=User.Role.CELL_OFFICER)
    response = client.post(reverse("accounts:password_reset"), {"email": officer.email})
    assert response.status_code == 302

    message = ""
    deadline = time.monotonic() + 60
    while "-" * 79 not in message:  # the file backend ends each message with this line
        assert time.monotonic() < deadline, "no e-mail from the worker within 60 s"
        assert process.poll() is None, process.stdout.read()
        time.sleep(0.2)
        files = sorted(mail_dir.glob("*.log")) if mail_dir.exists() else []
        message = files[0].read_text() if files else ""
    assert f"To: {officer.email}" in message
    assert "/accounts/password/reset/" in message
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.SENT and email.body == ""
