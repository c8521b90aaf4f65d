"""Text: a name must hold a letter or digit once invisible characters are set aside, control
characters are refused, text is stored NFC, and a JSON text field takes only a string."""

import pytest
from django.urls import reverse

from exhibitors.models import Exhibitor
from tests.api.clients import api_client, assert_error

INVISIBLE_NAMES = [
    "\u200b",  # zero-width space
    "\u200b\u200c\u200d",  # zero-width space, non-joiner, joiner
    "\u202e\u202c",  # bidi override and pop
    "\u2066\u2069",  # bidi isolate
    "\u093c\u0301",  # combining marks alone (nukta, acute)
    "\ufeff",  # byte-order mark
    "   \u00a0 ",  # spaces only (the field is required)
]
CONTROL_NAMES = ["Ram\x07esh", "Ramesh\x00", "Ram\nesh\x1b[31m", "\x7fRamesh"]
NOT_TEXT = [12345, 1.5, True, ["Ramesh"], {"name": "Ramesh"}]


def _exhibitor(lucknow, **overrides):
    return {
        "kind": "artisan",
        "name": "Rameshwar Prasad",
        "product": lucknow.products.first().pk,
        "mobile": "9415077777",
        **overrides,
    }


@pytest.mark.parametrize("name", INVISIBLE_NAMES + CONTROL_NAMES + NOT_TEXT)
def test_the_api_refuses_a_name_that_is_not_one_at_its_field(lucknow_staff, lucknow, name):
    response = api_client(lucknow_staff).post(
        "/api/v1/exhibitors/", _exhibitor(lucknow, name=name), format="json"
    )
    assert list(assert_error(response, 400, "invalid")["fields"]) == ["name"]
    assert Exhibitor.objects.count() == 0


@pytest.mark.parametrize("name", INVISIBLE_NAMES + CONTROL_NAMES)
def test_the_page_refuses_a_name_that_is_not_one_at_its_field(personas, lucknow, name):
    form = _exhibitor(lucknow, name=name)
    response = personas["lucknow_staff"].post(reverse("exhibitors:create"), form)
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert Exhibitor.objects.count() == 0


def test_the_admin_refuses_an_invisible_name(personas, lucknow):
    response = personas["cell_officer"].post(
        reverse("admin:exhibitors_exhibitor_add"),
        _exhibitor(lucknow, name="\u200b", district=lucknow.pk),
    )
    assert response.context["adminform"].form.errors["name"]
    assert Exhibitor.objects.count() == 0


def test_a_name_with_joiners_inside_hindi_letters_is_kept(lucknow_staff, lucknow):
    name = "क्\u200dष शिल्प"  # the joiner shapes the conjunct; letters surround it
    response = api_client(lucknow_staff).post(
        "/api/v1/exhibitors/", _exhibitor(lucknow, name=name), format="json"
    )
    assert response.status_code == 201, response.content
    assert Exhibitor.objects.get().name == name


def test_names_are_stored_nfc_whatever_the_keyboard_sent(lucknow_staff, lucknow):
    precomposed = "\u095cी"  # ड़ as one code point (composition-excluded), then ी
    api_client(lucknow_staff).post(
        "/api/v1/exhibitors/", _exhibitor(lucknow, name=f"पाप{precomposed}"), format="json"
    )
    assert Exhibitor.objects.get().name == "पाप\u0921\u093cी"


def test_a_reason_may_run_over_lines_but_holds_no_control_characters(cell_officer, nomination):
    client = api_client(cell_officer)
    response = client.post(
        f"/api/v1/nominations/{nomination.pk}/reject/", {"reason": "Late\x08"}, format="json"
    )
    assert list(assert_error(response, 400, "invalid")["fields"]) == ["reason"]
    nomination.refresh_from_db()
    assert nomination.status == "submitted"
    response = client.post(
        f"/api/v1/nominations/{nomination.pk}/reject/",
        {"reason": "Came late.\r\nNo documents."},
        format="json",
    )
    assert response.status_code == 200, response.content
    nomination.refresh_from_db()
    assert nomination.decision_reason == "Came late.\nNo documents."


def test_the_api_frameworks_own_messages_come_in_hindi(lucknow_staff):
    response = api_client(lucknow_staff, language="hi").post(
        "/api/v1/exhibitors/", {"kind": "artisan"}, format="json"
    )
    body = assert_error(response, 400, "invalid")
    assert body["fields"]["name"] == ["यह फ़ील्ड आवश्यक है।"]


def _multipart(fields: dict[str, bytes], boundary: str = "odopboundary") -> bytes:
    parts = [
        b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
        % (boundary.encode(), name.encode(), value)
        for name, value in fields.items()
    ]
    return b"".join(parts) + b"--%s--\r\n" % boundary.encode()


def test_a_multipart_field_that_is_not_utf8_is_refused_at_its_field(personas, lucknow):
    form = {k: str(v).encode() for k, v in _exhibitor(lucknow).items()}
    form["name"] = "Ramesh Pr\u00e4sad".encode("latin-1")  # a cp1252 client's bytes
    response = personas["lucknow_staff"].post(
        reverse("exhibitors:create"),
        _multipart(form),
        content_type="multipart/form-data; boundary=odopboundary",
    )
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["name"][0].code == "unreadable"
    assert Exhibitor.objects.count() == 0


def test_the_api_refuses_the_replacement_character_in_a_name(lucknow_staff, lucknow):
    response = api_client(lucknow_staff).post(
        "/api/v1/exhibitors/", _exhibitor(lucknow, name="Ram\ufffdesh"), format="json"
    )
    assert list(assert_error(response, 400, "invalid")["fields"]) == ["name"]
    assert Exhibitor.objects.count() == 0
