"""Notices: each user's own, rendered in the reader's language, with an unread count."""

from django.urls import reverse
from django.utils import translation

from notifications.models import Notice
from tests.queries import assert_constant_queries, assert_num_queries


def test_a_user_sees_their_notices_and_the_unread_count_in_the_nav(personas, notice):
    client = personas["lucknow_staff"]
    page = client.get(reverse("notifications:list")).content.decode()
    assert "“E-commerce sales” with Flipkart.com has had no update since 1 Oct 2026" in page
    assert "1 unread" in client.get("/").content.decode()
    assert "unread" not in personas["varanasi_staff"].get("/").content.decode()


def test_the_notice_renders_in_the_readers_language(notice):
    with translation.override("hi"):
        text = notice.text
    assert "ई-कॉमर्स बिक्री" in text and "फ्लिपकार्ट.कॉम" in text
    assert "has had no update" not in text


def test_opening_a_notice_marks_it_read_and_follows_its_link(personas, notice):
    client = personas["lucknow_staff"]
    response = client.post(reverse("notifications:read", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == "/notifications/"
    notice.refresh_from_db()
    assert notice.is_read
    assert "unread" not in client.get("/").content.decode()


def test_nobody_reads_another_users_notice(personas, notice):
    response = personas["varanasi_staff"].post(reverse("notifications:read", args=[notice.pk]))
    assert response.status_code == 404
    notice.refresh_from_db()
    assert not notice.is_read


def test_mark_all_read_touches_only_ones_own(personas, notice, varanasi_staff):
    other = Notice.objects.create(recipient=varanasi_staff, code=notice.code, params=notice.params)
    personas["lucknow_staff"].post(reverse("notifications:read_all"))
    notice.refresh_from_db()
    other.refresh_from_db()
    assert notice.is_read and not other.is_read


def test_an_outside_link_is_not_followed(personas, notice):
    Notice.objects.filter(pk=notice.pk).update(link="https://evil.example/")
    response = personas["lucknow_staff"].post(reverse("notifications:read", args=[notice.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_the_list_runs_a_constant_number_of_queries(personas, notice, lucknow_staff):
    client = personas["lucknow_staff"]
    url = reverse("notifications:list")
    client.get(url)
    # user (session from the cache), permissions, count for the paginator, notices
    # (the unread count in the nav comes from the cache)
    with assert_num_queries(4):
        client.get(url)

    def grow():
        for _ in range(10):
            Notice.objects.create(recipient=lucknow_staff, code=notice.code, params=notice.params)

    assert_constant_queries(lambda: client.get(url), grow)
