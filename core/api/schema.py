"""The OpenAPI schema documents the error answers each operation can really give.

Every error of the API has one JSON shape (``core/api/errors.py``), the
``ErrorResponse`` component here. Which statuses an operation answers follows from what it
is, so they are derived here once instead of being declared view by view:

- 400 where it reads a body or query parameters (a field, a filter, ``ordering``,
  ``page``/``page_size``, bytes that are not UTF-8 JSON) and for workflow steps (refused);
- 401 everywhere: every request passes the authenticators, and a wrong token (or, at the
  token endpoint, a wrong password) is refused;
- 403 where a model permission is needed, and for unsafe methods signed in by session
  cookie (CSRF);
- 404 for detail routes, paginated lists (a page past the end), creates that name records by
  id (looked up in the user's scope), and views hidden from users who may not see them;
- 409 for every write (a step the record's state refuses, a duplicate, a place taken, a lock
  that did not come in time); where the view declares it, its description is kept;
- 413 and 415 where it reads a body; 507 where it stores an uploaded file;
- 429 at the sign-in endpoint (lockout after failed sign-ins) and on throttled views;
- 503 everywhere, with ``Retry-After``, when the database (or the document store) cannot be
  reached.

405 (a method a path does not offer) answers no documented operation; ``tests/fuzz/run``
checks it with schemathesis's ``unsupported_method`` check.
"""

import copy

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated

ERROR_COMPONENT = "ErrorResponse"

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error answer of the API (4xx and 5xx).",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {
                    "type": "integer",
                    "minimum": 400,
                    "maximum": 599,
                    "description": "The HTTP status of the answer.",
                },
                "code": {
                    "type": "string",
                    "pattern": "^[a-z][a-z0-9_]*$",
                    "description": "Machine-readable and stable: invalid, not_found, "
                    "permission_denied, stall_taken, capacity_exceeded, busy, "
                    "not_allowed_transition, locked, database_unavailable…",
                },
                "message": {
                    "type": "string",
                    "description": "For people, in the language of the request "
                    "(Accept-Language: hi for Hindi).",
                },
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    "description": "The messages about each field of the body or each query "
                    "parameter, by name; non_field_errors for a rule across fields.",
                },
            },
            "required": ["status", "code", "message"],
            "additionalProperties": False,
        }
    },
    "required": ["error"],
    "additionalProperties": False,
}

DESCRIPTIONS = {
    400: "The request has errors: a field of the body or a query parameter (filter, "
    "ordering, page_size) is invalid (see fields), the body is not UTF-8 JSON, or the "
    "step is refused (see code).",
    401: "No credentials, or a token that is unknown, expired or revoked (at the token "
    "endpoint: a wrong user name or password).",
    403: "Signed in without the permission this needs, or a request signed in by session "
    "cookie without its CSRF token.",
    404: "No such record among those you may see, no such page of the list, or a record "
    "named in the body that you may not see.",
    409: "A conflict with the current state of a record.",
    413: "The request body is larger than the portal accepts.",
    415: "The body is not in the media type this operation reads.",
    429: "Too many failed sign-ins for this user name from this address: wait, then try again.",
    503: "The database (or the document store) cannot be reached at the moment; nothing was "
    "changed. Try again after Retry-After seconds.",
    507: "The document store is full; nothing was changed.",
}

HEADERS = {
    401: {
        "WWW-Authenticate": {
            "schema": {"type": "string"},
            "required": True,
            "description": "The scheme to authenticate with: Token.",
        }
    },
    503: {
        "Retry-After": {
            "schema": {"type": "integer", "minimum": 1},
            "required": True,
            "description": "Seconds to wait before trying again.",
        }
    },
}

# The sign-in endpoint answers 429 while a user name is locked out from an address
# (accounts/lockout.py); it has no throttle class that would say so.
SIGN_IN_VIEWS = {"accounts.api.views.TokenView"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema plus the error answers of each operation."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        for status in self._error_statuses(operation):
            responses.setdefault(str(status), {"description": DESCRIPTIONS[status]})
        error_ref = self._error_component().ref
        for code, response in responses.items():
            if code >= "400" and "content" not in response:
                status = int(code)
                response["description"] = response.get("description") or DESCRIPTIONS.get(
                    status, ""
                )
                response["content"] = {"application/json": {"schema": error_ref}}
                if status in HEADERS:
                    response.setdefault("headers", copy.deepcopy(HEADERS[status]))
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        # Times of day are local (IST) and sent without an offset, which JSON Schema's
        # "time" format requires.
        if isinstance(field, serializers.TimeField):
            return {
                "type": "string",
                "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$",
                "description": "Time of day in India (IST), HH:MM:SS.",
                **({"nullable": True} if field.allow_null else {}),
            }
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def _error_component(self) -> ResolvedComponent:
        component = ResolvedComponent(
            name=ERROR_COMPONENT,
            type=ResolvedComponent.SCHEMA,
            schema=ERROR_SCHEMA,
            object=ERROR_COMPONENT,
        )
        self.registry.register_on_missing(component)
        return component

    def _error_statuses(self, operation) -> list[int]:
        where = {parameter["in"] for parameter in operation.get("parameters", [])}
        takes_body = "requestBody" in operation
        statuses = [401, 503]
        # A workflow step without a body is refused with 400 too (not_allowed_transition…).
        unsafe_step = self.method not in SAFE_METHODS and isinstance(self.view, GenericAPIView)
        if takes_body or "query" in where or unsafe_step:
            statuses.append(400)
        # A write may meet a conflict: the record's state refuses the step, a duplicate, a
        # place taken, a lock that did not come in time (busy).
        if unsafe_step:
            statuses.append(409)
        if self._may_forbid():
            statuses.append(403)
        if self._may_not_find(where, takes_body):
            statuses.append(404)
        if takes_body:
            statuses += [413, 415]
            if "multipart/form-data" in operation["requestBody"].get("content", {}):
                statuses.append(507)
        if self._locks_out():
            statuses.append(429)
        return statuses

    def _may_forbid(self) -> bool:
        model_permissions = any(
            not issubclass(permission, (AllowAny, IsAuthenticated))
            for permission in self.view.permission_classes
        )
        session = any(
            issubclass(authentication, SessionAuthentication)
            for authentication in self.view.authentication_classes
        )
        return model_permissions or (session and self.method not in SAFE_METHODS)

    def _may_not_find(self, where: set, takes_body: bool) -> bool:
        if "path" in where or getattr(self.view, "hidden_without_view", False):
            return True
        if self._is_list_view() and self._get_paginator():
            return True
        # Ids in a body are looked up among the records the user may see.
        return takes_body and isinstance(self.view, GenericAPIView)

    def _locks_out(self) -> bool:
        view = type(self.view)
        return bool(self.view.throttle_classes) or (
            f"{view.__module__}.{view.__qualname__}" in SIGN_IN_VIEWS and self.method == "POST"
        )
