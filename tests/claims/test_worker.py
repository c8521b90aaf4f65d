"""A sanction's orders go through Redis to a real Celery worker, which writes both PDFs."""

import datetime
import time
from decimal import Decimal

import pytest
from django.conf import settings

from claims.models import Budget, SanctionOrder
from claims.services import claims_sanction
from tests.claims.builders import verified_claims, world_build
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
def test_a_sanction_order_is_rendered_by_a_real_worker_in_both_languages(worker):  # noqa: F811
    _mail_dir, process = worker
    world = world_build()
    claims = verified_claims(world, 2)
    Budget.objects.create(financial_year=2026, allocation=Decimal(1000000))
    sanction = claims_sanction(
        fair=claims[0].fair,
        claim_ids=[c.pk for c in claims],
        number="WORKER/1",
        sanctioned_on=datetime.date(2026, 11, 30),
        user=world["officers"][0],
    )
    deadline = time.monotonic() + 90
    orders = list(sanction.orders.order_by("language"))
    while any(
        o.status in (SanctionOrder.Status.QUEUED, SanctionOrder.Status.RUNNING) for o in orders
    ):
        assert time.monotonic() < deadline, "the worker did not finish the orders in 90 s"
        assert process.poll() is None, process.stdout.read()
        time.sleep(0.3)
        for order in orders:
            order.refresh_from_db()
    for order in orders:
        assert order.status == SanctionOrder.Status.SUCCEEDED, order.error
        assert (order.attempts, order.pages) == (1, 1)
        path = settings.MEDIA_ROOT / order.file.name
        assert path.name == f"sanction-order-{order.pk}.pdf"
        assert path.read_bytes().startswith(b"%PDF")
    assert [o.language for o in orders] == ["en", "hi"]
