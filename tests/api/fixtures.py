"""Fixtures of the partners and MoU API rows (tests/api/permission_rows.py)."""

import pytest
from django.utils import timezone

from mous.services import progress_entry_add
from partners.models import ContactPerson


@pytest.fixture
def partner_contact(mou_partner):
    return ContactPerson.objects.create(
        partner=mou_partner, name="Ritu Sharma", designation="Category manager"
    )


@pytest.fixture
def mou_progress_entry(mou_deliverable, cell_officer):
    return progress_entry_add(
        deliverable=mou_deliverable, on=timezone.localdate(), value=120, user=cell_officer
    )
