"""Fixtures of the bad-input tables: an allocated place of Lucknow in a running fair."""

import pytest


@pytest.fixture
def placed(allocation, live_fair):
    from stalls.models import Allocation

    return Allocation.objects.select_related("fair").get(pk=allocation.pk)
