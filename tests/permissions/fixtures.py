"""Fixtures of the permission matrix: a few objects its rows point at, and the shared sets.

``matrix_users`` signs the personas in once per module; ``matrix_objects`` (parametrized
indirectly with the fixture names of a row) builds one set of objects once per module and
set. Both hold a savepoint open while their cases run and roll it back afterwards; pytest
runs the cases of one set one after the other.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from districts.models import Division, Product
from tests.conftest import PERSONAS
from tests.permissions.objects import Objects


@pytest.fixture
def division(lucknow):
    return Division.objects.get(pk=lucknow.division_id)


@pytest.fixture
def product(lucknow):
    return Product.objects.filter(district=lucknow).first()


@pytest.fixture
def group(db):
    from django.contrib.auth.models import Group

    return Group.objects.order_by("pk").first()


@pytest.fixture(scope="module")
def matrix_users(django_db_setup, django_db_blocker):
    """The users of the personas and a session cookie for each, once per module."""
    with django_db_blocker.unblock(), transaction.atomic():
        objects = Objects()
        sessions = {}
        for persona in (persona for persona in PERSONAS if persona != "anonymous"):
            client = Client()
            client.force_login(objects[persona])
            sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield objects, sessions
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def matrix_objects(request, matrix_users, django_db_blocker):
    """The objects of the fixtures named in ``request.param``, once per module and set."""
    users, _sessions = matrix_users
    with django_db_blocker.unblock(), transaction.atomic():
        objects = Objects(users.built)
        for name in request.param:
            objects[name]
        yield objects
        transaction.set_rollback(True)


@pytest.fixture
def matrix_clients(matrix_users) -> dict:
    """A fresh client per persona, signed in with the module's session (a logout in one case
    must not sign the persona out of the next)."""
    _users, sessions = matrix_users
    clients = {"anonymous": Client()}
    for persona, key in sessions.items():
        clients[persona] = Client()
        clients[persona].cookies[settings.SESSION_COOKIE_NAME] = key
    return clients
