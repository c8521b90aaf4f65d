"""The benchmark data generator keeps the portal's invariants and is deterministic."""

import io

from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from demo.synthetic import data_generate
from events.models import Activity, Space
from exhibitors.models import Exhibitor
from stalls.models import Allocation, DailySale


def test_a_small_data_set_keeps_every_invariant(db):
    made = data_generate(scale=0.01, seed=7)
    assert made["events.Fair"] == 5 and made["exhibitors.Exhibitor"] == 1000
    for space in Space.objects.all():
        active = Allocation.objects.filter(space=space, status="active").count()
        assert space.allocated_units == active == space.stall_count <= space.capacity_units
        assert space.allotted_units == sum(a.units for a in space.allotments.all())
    assert not Allocation.objects.values("stall").annotate(n=Count("pk")).filter(n__gt=1).exists()
    for activity in Activity.objects.select_related("fair"):
        assert activity.fair.start_date <= activity.date <= activity.fair.end_date
    for sale in DailySale.objects.select_related("fair")[:200]:
        assert sale.fair.start_date <= sale.date <= sale.fair.end_date


def _fingerprint():
    return list(Exhibitor.objects.order_by("pk").values_list("name", "district_id", "product_id"))


def test_the_same_seed_gives_the_same_data(db):
    with transaction.atomic():
        data_generate(scale=0.005, seed=11)
        first = _fingerprint()
        transaction.set_rollback(True)
    out = io.StringIO()
    call_command("generate_data", scale=0.005, seed=11, stdout=out)
    assert _fingerprint() == first and len(first) == 500
    assert "Done in" in out.getvalue()
