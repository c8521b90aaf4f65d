"""Security headers on every answer; no inline script in any page the portal renders."""

import re

import pytest
from django.urls import reverse

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


def test_pages_carry_the_security_headers(client, db):
    response = client.get(reverse("accounts:login"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Permissions-Policy"].startswith("camera=()")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_of_a_signed_in_user_are_not_cached(personas):
    assert personas["lucknow_staff"].get(reverse("dashboard:home"))["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "persona, url",
    [
        ("anonymous", "/accounts/login/"),
        ("principal_secretary", "/"),
        ("lucknow_staff", "/"),
        ("cell_officer", "/fairs/"),
        ("cell_officer", "/admin/"),
        ("anonymous", "/api/docs/"),
    ],
)
def test_no_page_has_an_inline_script(personas, persona, url):
    page = personas[persona].get(url).content.decode()
    assert not INLINE_SCRIPT.findall(page)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_running_server_sends_the_security_headers(live_server):
    from urllib.request import urlopen

    with urlopen(f"{live_server.url}{reverse('accounts:login')}") as response:  # noqa: S310
        headers = response.headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Permissions-Policy"].startswith("camera=()")
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Request-ID"]
