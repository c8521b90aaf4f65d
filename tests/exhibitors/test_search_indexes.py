"""The search box's trigram indexes on PostgreSQL (exhibitors migration 0005)."""

import pytest
from django.db import connection

from core.search import exhibitor_match, search_query
from exhibitors.models import Exhibitor

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_the_trigram_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'exhibitors_exhibitor' "
            "AND indexname LIKE %s",
            ["exhibitor_%_trgm"],
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {
        "exhibitor_name_trgm",
        "exhibitor_contact_trgm",
        "exhibitor_mobile_trgm",
        "exhibitor_udyam_trgm",
        "exhibitor_gstin_trgm",
    }


@pytest.mark.parametrize("text", ["Lucknow", "9876543210", "UDYAM-UP-01"])
def test_the_search_can_use_them_instead_of_reading_every_exhibitor(text):
    queryset = Exhibitor.objects.filter(exhibitor_match(search_query(text))).order_by("name")
    with connection.cursor() as cursor:
        # An empty test table is read whole anyway; forbidding that shows an index serves.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "Seq Scan on exhibitors_exhibitor" not in plan, plan
    assert "_trgm" in plan, plan
