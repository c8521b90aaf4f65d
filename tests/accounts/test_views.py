"""Sign-in, the language switch, password change and reset, through the pages."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests import factories

HOME_HEADINGS = {
    "cell_officer": ("ODOP programme dashboard", "ओडीओपी योजना डैशबोर्ड"),
    "principal_secretary": ("ODOP programme dashboard", "ओडीओपी योजना डैशबोर्ड"),
    "lucknow_staff": ("Lucknow district", "जनपद लखनऊ"),
    "varanasi_staff": ("Varanasi district", "जनपद वाराणसी"),
}


@pytest.mark.parametrize("persona", sorted(HOME_HEADINGS))
def test_each_role_signs_in_to_its_home_page_in_english_and_hindi(persona, request, client, db):
    user = request.getfixturevalue(persona)
    response = client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": factories.PASSWORD},
        follow=True,
    )
    english, hindi = HOME_HEADINGS[persona]
    assert response.redirect_chain == [(reverse("dashboard:home"), 302)]
    assert f"<h1>{english}</h1>" in response.content.decode()
    assert '<html lang="en">' in response.content.decode()

    response = client.post(
        reverse("accounts:language"), {"language": "hi", "next": "/"}, follow=True
    )
    page = response.content.decode()
    assert '<html lang="hi">' in page
    assert f"<h1>{hindi}</h1>" in page


def test_the_login_form_shows_a_translated_error_for_a_wrong_password(client, cell_officer):
    client.cookies["django_language"] = "hi"
    response = client.post(
        reverse("accounts:login"), {"username": "officer", "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert "कृपया सही" in response.content.decode()


def test_the_language_is_remembered_for_the_user(client, lucknow_staff):
    client.force_login(lucknow_staff)
    client.post(reverse("accounts:language"), {"language": "hi", "next": "/"})
    lucknow_staff.refresh_from_db()
    assert lucknow_staff.language == "hi"

    # Another browser: signing in brings the user's language back.
    other = type(client)()
    response = other.post(
        reverse("accounts:login"), {"username": "lko", "password": factories.PASSWORD}
    )
    assert response.cookies["django_language"].value == "hi"


def test_an_unknown_language_code_falls_back_to_english(client, lucknow_staff):
    client.force_login(lucknow_staff)
    response = client.post(reverse("accounts:language"), {"language": "xx", "next": "/"})
    assert response.cookies["django_language"].value == "en"
    lucknow_staff.refresh_from_db()
    assert lucknow_staff.language == "en"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_a_tampered_next_never_leaves_the_site(client, target):
    response = client.post(reverse("accounts:language"), {"language": "hi", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_the_login_page_ignores_an_off_site_next(client, cell_officer, target):
    response = client.post(
        reverse("accounts:login") + f"?next={target}",
        {"username": "officer", "password": factories.PASSWORD, "next": target},
    )
    assert response["Location"] == reverse("dashboard:home")


def test_the_language_switch_is_on_every_page(client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'action="/accounts/language/"' in page
    assert 'value="hi"' in page


def test_sign_out_ends_the_session(client, cell_officer):
    client.force_login(cell_officer)
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")
    assert client.get(reverse("dashboard:home")).status_code == 302


def test_a_password_reset_sends_the_link_by_the_worker_after_commit(
    client, cell_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("accounts:password_reset"), {"email": cell_officer.email})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cell_officer.email]
    assert "/accounts/password/reset/" in message.body
    assert "officer" in message.body


def test_a_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_new_password_must_be_at_least_twelve_characters(client, cell_officer):
    client.force_login(cell_officer)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": factories.PASSWORD,
            "new_password1": "short-pw",
            "new_password2": "short-pw",
        },
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    cell_officer.refresh_from_db()
    assert cell_officer.check_password(factories.PASSWORD)


def test_the_admin_refuses_district_staff_without_a_district_at_the_field(client, cell_officer):
    client.force_login(cell_officer)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newstaff",
            "role": "district_staff",
            "password1": "a-long-enough-password",
            "password2": "a-long-enough-password",
            "usable_password": "true",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {"district": ["District staff must belong to a district."]}
    assert not User.objects.filter(username="newstaff").exists()


def test_the_admin_creates_district_staff_in_the_right_group(client, cell_officer, lucknow):
    client.force_login(cell_officer)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newstaff",
            "role": "district_staff",
            "district": lucknow.pk,
            "password1": "a-long-enough-password",
            "password2": "a-long-enough-password",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="newstaff")
    assert list(user.groups.values_list("name", flat=True)) == ["District staff"]
    assert not user.is_staff


def test_a_cell_officer_cannot_make_anyone_a_superuser(client, cell_officer, lucknow_staff):
    client.force_login(cell_officer)
    page = client.get(reverse("admin:accounts_user_change", args=[lucknow_staff.pk]))
    assert 'name="is_superuser"' not in page.content.decode()


def _attempt(client, username, password, address):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_a_login_flood_locks_only_the_attacked_user_and_address(
    client, principal_secretary, settings
):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        assert _attempt(client, "ps", "guess", "203.0.113.9").status_code == 200
    locked = _attempt(client, "ps", factories.PASSWORD, "203.0.113.9")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    # The Principal Secretary's own office is not locked out by the attacker elsewhere.
    assert _attempt(type(client)(), "ps", factories.PASSWORD, "10.1.1.1").status_code == 302


def test_the_token_endpoint_locks_the_same_way(principal_secretary, settings):
    from rest_framework.test import APIClient

    settings.LOGIN_FAILURE_LIMIT = 2
    client = APIClient(REMOTE_ADDR="203.0.113.9")
    for _ in range(2):
        response = client.post(
            "/api/v1/auth/token/", {"username": "ps", "password": "x"}, format="json"
        )
        assert response.status_code == 401
    response = client.post(
        "/api/v1/auth/token/", {"username": "ps", "password": factories.PASSWORD}, format="json"
    )
    assert response.status_code == 429 and response.json()["error"]["code"] == "locked"
    other = APIClient(REMOTE_ADDR="10.1.1.1")
    response = other.post(
        "/api/v1/auth/token/", {"username": "ps", "password": factories.PASSWORD}, format="json"
    )
    assert response.status_code == 201


def test_the_client_address_comes_from_the_trusted_proxy(rf, settings):
    from core.http import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.2", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "198.51.100.7"
