"""Every list and detail of the API gives exactly what DRF's own ``to_representation`` gives
(``core.api.serializers``: each field's reader chosen once per serializer, the fields built
once per class),
over the demo data, in both languages and for each role."""

import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, get_resolver, reverse
from rest_framework import serializers

from accounts.models import User
from core.api.serializers import FastReadMixin, ModelSerializer
from tests import factories
from tests.api.clients import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # load_demo_data refuses to run otherwise
    call_command("load_master_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    settings.DEBUG = False


def _list_names() -> list[str]:
    _prefix, resolver = get_resolver().namespace_dict["v1"]
    return sorted(
        name for name in resolver.reverse_dict if isinstance(name, str) and name.endswith("-list")
    )


def _responses(client, names) -> dict:
    bodies = {}
    for name in names:
        try:
            url = reverse(f"v1:{name}")
        except NoReverseMatch:  # a list nested under a parent's id
            continue
        response = client.get(url, {"page_size": 100})
        bodies[url] = (response.status_code, response.content)
        rows = response.json().get("results", []) if response.status_code == 200 else []
        for row in rows[:3]:
            if isinstance(row, dict) and "id" in row:
                detail = client.get(f"{url}{row['id']}/")
                bodies[f"{url}{row['id']}/"] = (detail.status_code, detail.content)
    return bodies


def test_every_list_and_detail_equals_drfs_own_representation(demo, monkeypatch):
    names = _list_names()
    assert "fair-list" in names and "mou-list" in names
    people = ["cell.officer", "lucknow.staff", "principal.secretary"]
    for username, language in [(name, language) for name in people for language in ("en", "hi")]:
        client = api_client(User.objects.get(username=username), language=language)
        fast = _responses(client, names)
        with monkeypatch.context() as patch:
            drf = serializers.Serializer.to_representation
            patch.setattr(FastReadMixin, "to_representation", drf)
            patch.setattr(ModelSerializer, "get_fields", serializers.ModelSerializer.get_fields)
            plain = _responses(client, names)
        assert fast.keys() == plain.keys()
        assert sum(1 for status, _body in fast.values() if status == 200) > 20
        for url, response in fast.items():
            assert response == plain[url], (username, url)


def test_the_validated_data_of_a_serializer_that_saved_nothing_reads_as_drf_reads_it(db):
    """``.data`` after ``is_valid()`` without a save reads a dictionary, by key."""
    from events.api.serializers import FairSerializer

    data = dict(FairSerializer(factories.fair()).data)
    serializer = FairSerializer()
    assert serializer.to_representation(data) == serializers.Serializer.to_representation(
        serializer, data
    )
