"""A task goes through Redis to a real Celery worker started by the test run."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from odop_portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def worker(tmp_path):
    """A worker on a queue of its own, writing e-mail to files in tmp_path."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "odop_portal.settings",
        "DJANGO_SECRET_KEY": "worker-test",
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "EMAIL_BACKEND": "file",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "odop_portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-Q",
            queue,
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield mail_dir, process
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.worker
def test_a_password_reset_e_mail_is_sent_by_a_real_worker(
    worker, client, cell_officer, django_capture_on_commit_callbacks
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
