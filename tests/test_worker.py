"""A task goes through Redis to a real Celery worker started by the test run."""

import time

import pytest
from django.urls import reverse

from tests.worker import worker, worker_environment  # noqa: F401 (fixtures)


@pytest.mark.worker
def test_a_password_reset_e_mail_is_sent_by_a_real_worker(
    worker,  # noqa: F811 (the fixture imported above)
    client,
    cell_officer,
    django_capture_on_commit_callbacks,
):
    mail_dir, process = worker
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": cell_officer.email})
    assert response.status_code == 302

    message = ""
    deadline = time.monotonic() + 60
    while "-" * 79 not in message:  # the file backend ends each message with this line
        assert time.monotonic() < deadline, "no e-mail from the worker within 60 s"
        assert process.poll() is None, process.stdout.read()
        time.sleep(0.2)
        files = sorted(mail_dir.glob("*.log")) if mail_dir.exists() else []
        message = files[0].read_text() if files else ""
    assert f"To: {cell_officer.email}" in message
    assert "/accounts/password/reset/" in message
