"""Mobile, Udyam and GSTIN normalise themselves everywhere: the length is checked after
normalising, the unique index holds on the normalised value, searches normalise the query."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from exhibitors.models import Exhibitor
from tests import factories
from tests.api.clients import api_client, assert_error

GSTIN = "09AAACH7409R1ZZ"
UDYAM = "UDYAM-UP-43-0012345"


@pytest.fixture
def registered(lucknow):
    return factories.exhibitor(
        district=lucknow, mobile="9876543212", gstin=GSTIN, udyam_number=UDYAM
    )


# The exhibitor's admin page carries its priority categories inline (none sent here).
NO_INLINE_ROWS = {"priority_claims-TOTAL_FORMS": "0", "priority_claims-INITIAL_FORMS": "0"}


def _payload(lucknow, **identifiers):
    return {
        "kind": "artisan",
        "name": "Second record",
        "product": lucknow.products.first().pk,
        "mobile": "9415000099",
        **identifiers,
    }


@pytest.mark.parametrize(
    "identifiers",
    [
        {"mobile": "+91 98765 43212"},
        {"mobile": "098765-43212"},
        {"mobile": "0091 9876543212"},
        {"gstin": "09aaach7409r1zz"},
        {"gstin": " 09AAACH 7409R1ZZ "},
        {"udyam_number": "udyam-up-43-0012345"},
    ],
)
def test_a_reformatted_duplicate_answers_409_naming_the_exhibitor(
    lucknow_staff, lucknow, registered, identifiers
):
    response = api_client(lucknow_staff).post(
        "/api/v1/exhibitors/", _payload(lucknow, **identifiers), format="json"
    )
    assert_error(response, 409, "exhibitor_exists")
    assert Exhibitor.objects.count() == 1


def test_the_api_stores_a_mobile_typed_with_plus_91_as_ten_digits(lucknow_staff, lucknow):
    response = api_client(lucknow_staff).post(
        "/api/v1/exhibitors/", _payload(lucknow, mobile="+91 94150 00099"), format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["mobile"] == "9415000099"


def test_the_admin_stores_identifiers_normalised_and_sees_the_duplicate(
    personas, lucknow, registered
):
    url = reverse("admin:exhibitors_exhibitor_add")
    response = personas["cell_officer"].post(
        url, {**_payload(lucknow, district=lucknow.pk, gstin=GSTIN.lower()), **NO_INLINE_ROWS}
    )
    assert response.context["adminform"].form.errors["gstin"]
    personas["cell_officer"].post(
        url,
        {
            **_payload(lucknow, district=lucknow.pk, gstin="27aapfu0939f1zv", udyam_number=""),
            **NO_INLINE_ROWS,
        },
    )
    stored = Exhibitor.objects.exclude(pk=registered.pk).get()
    assert (stored.gstin, stored.udyam_number) == ("27AAPFU0939F1ZV", None)


def test_a_lookup_by_a_typed_identifier_finds_the_record(registered):
    assert Exhibitor.objects.get(mobile="+91 98765 43212") == registered
    assert Exhibitor.objects.get(gstin=GSTIN.lower()) == registered


@pytest.mark.parametrize(
    "query", ["+91 98765 43212", "98765 43212", "09aaach7409r1zz", "udyam-up-43-0012345"]
)
def test_the_exhibitor_list_finds_a_typed_identifier(personas, registered, query):
    page = personas["lucknow_staff"].get(reverse("exhibitors:list"), {"q": query})
    assert list(page.context["exhibitors"]) == [registered]


def test_both_nukta_spellings_find_the_same_name(personas, lucknow):
    exhibitor = factories.exhibitor(district=lucknow, mobile="9415000011", name="गुड़िया कला")
    for spelling in ("गु\u095cिया", "गुड\u093cिया"):
        page = personas["lucknow_staff"].get(reverse("exhibitors:list"), {"q": spelling})
        assert list(page.context["exhibitors"]) == [exhibitor], spelling
    admin = personas["cell_officer"].get(
        reverse("admin:exhibitors_exhibitor_changelist"), {"q": "गु\u095cिया"}
    )
    assert list(admin.context["cl"].result_list) == [exhibitor]


def test_every_admin_search_normalises_its_term():
    from django.contrib import admin

    from core.admin import NormalisedSearchMixin

    searching = [a for a in admin.site._registry.values() if a.search_fields]
    plain = [type(a).__name__ for a in searching if not isinstance(a, NormalisedSearchMixin)]
    ours = [name for name in plain if not name.startswith(("Group", "User"))]
    assert ours == []


def test_the_data_migration_normalises_stored_rows_and_reports_duplicates(
    lucknow, registered, capsys
):
    other = factories.exhibitor(district=lucknow, mobile="9415000022")
    with connection.cursor() as cursor:  # as rows were stored before the fields normalised
        cursor.execute(
            "UPDATE exhibitors_exhibitor SET gstin = %s, udyam_number = %s WHERE id = %s",
            [GSTIN.lower(), "udyam-up-43-0099999", other.pk],
        )
    migration = importlib.import_module("exhibitors.migrations.0002_identifiers_normalise")
    migration.normalise_stored(apps, SimpleNamespace(connection=connection))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gstin, udyam_number FROM exhibitors_exhibitor WHERE id = %s", [other.pk]
        )
        assert cursor.fetchone() == (GSTIN.lower(), "UDYAM-UP-43-0099999")
    assert f"exhibitor {other.pk}: gstin" in capsys.readouterr().out
