"""API test helpers: a client signed in with a token, and the check of the one error shape."""

from rest_framework.test import APIClient

from accounts.services import api_token_create


def api_client(user=None, language="en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        key, _token = api_token_create(user=user, name="tests")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def assert_error(response, status, code) -> dict:
    assert response.status_code == status, response.content
    body = response.json()["error"]
    assert body["status"] == status and body["code"] == code and body["message"]
    return body
