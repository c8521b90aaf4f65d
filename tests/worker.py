"""A real Celery worker for tests that send tasks through Redis (marker ``worker``).

Tests that need the worker to reach their database or files override ``worker_environment``.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from odop_portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def worker_environment() -> dict:
    """Extra environment variables for the worker process."""
    return {}


def test_database_url() -> str:
    """The test database as a URL, for a worker that must read the rows a test commits."""
    database = settings.DATABASES["default"]
    return "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{key: database.get(key) or "" for key in ("USER", "PASSWORD", "HOST", "PORT", "NAME")}
    )


test_database_url.__test__ = False  # a helper, not a test


@pytest.fixture
def worker(tmp_path, worker_environment):
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
        **worker_environment,
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
