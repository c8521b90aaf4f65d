import pytest
from django.core.cache import cache

from notifications.models import Notice
from notifications.services import notice_create


@pytest.fixture(autouse=True)
def _forget_cached_unread_counts():
    # User ids repeat across tests that roll back; a cached count must not leak between them.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def notice(lucknow_staff):
    return notice_create(
        recipient=lucknow_staff,
        code=Notice.Code.MOU_STALE,
        params={
            "mou_id": 1,
            "title_en": "E-commerce sales",
            "title_hi": "ई-कॉमर्स बिक्री",
            "partner_en": "Flipkart.com",
            "partner_hi": "फ्लिपकार्ट.कॉम",
            "date": "2026-10-01",
        },
        link="/notifications/",
    )
