"""The schema documents the error answers of every operation (core/api/schema.py), in
the one shape the API gives them (core/api/errors.py): what tests/fuzz/run relies on."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft7Validator
from rest_framework.test import APIClient

from tests.api.clients import api_client

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator(api_version="v1").get_schema(request=None, public=True)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def test_every_operation_may_answer_401_and_503_with_retry_after(schema):
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        assert {"401", "503"} <= set(responses), (method, path)
        assert responses["503"]["headers"]["Retry-After"]["required"], (method, path)


def test_lists_answer_400_for_a_bad_filter_and_404_past_the_last_page(schema):
    for path, method, operation in operations(schema):
        names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        if method == "get" and "page" in names:
            assert {"400", "404"} <= set(operation["responses"]), path


def test_detail_routes_answer_404_and_bodies_400_413_415(schema):
    for path, method, operation in operations(schema):
        responses = set(operation["responses"])
        if "{id}" in path:
            assert "404" in responses, (method, path)
        if "requestBody" in operation:
            assert {"400", "413", "415"} <= responses, (method, path)


def test_the_token_endpoint_documents_the_lockout(schema):
    assert "429" in schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]


def test_every_error_answer_has_the_error_body(schema):
    ref = {"$ref": "#/components/schemas/ErrorResponse"}
    for path, method, operation in operations(schema):
        for code, response in operation["responses"].items():
            if code >= "400":
                assert response["content"]["application/json"]["schema"] == ref, (method, path)
    # A conflict a view declares keeps its description and gets the body.
    conflict = schema["paths"]["/api/v1/allocations/"]["post"]["responses"]["409"]
    assert "stall_taken" in conflict["description"]


@pytest.mark.parametrize(
    ("persona", "method", "url", "body", "status"),
    [
        ("cell_officer", "get", "/api/v1/fairs/?page_size=0", None, 400),
        ("cell_officer", "get", "/api/v1/fairs/?page=999", None, 404),
        ("cell_officer", "post", "/api/v1/fairs/", "not json", 400),
        ("cell_officer", "get", "/api/v1/fairs/999999/", None, 404),
        ("bad_token", "get", "/api/v1/fairs/", None, 401),
        ("lucknow_staff", "get", "/api/v1/partners/", None, 403),
        ("cell_officer", "put", "/api/v1/stalls/1/", None, 405),
        ("cell_officer", "get", "/api/v1/no-such-thing/", None, 404),
    ],
)
def test_real_error_answers_have_the_documented_shape(
    db, request, schema, persona, method, url, body, status
):
    if persona == "bad_token":
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    else:
        client = api_client(request.getfixturevalue(persona))
    kwargs = {"data": body, "content_type": "application/json"} if body else {}
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    component = schema["components"]["schemas"]["ErrorResponse"]
    errors = [e.message for e in Draft7Validator(component).iter_errors(response.json())]
    assert errors == []
    assert response.json()["error"]["status"] == status
    if status == 401:
        assert response["WWW-Authenticate"] == "Token"
    if status == 405:
        assert "GET" in response["Allow"]
