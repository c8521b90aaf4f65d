"""Fixtures of the MoU tests and of the permission matrix rows in permission_rows.py."""

import pytest
from django.utils import timezone

from mous.models import Deliverable, MoUReminder
from tests.mous import builders


@pytest.fixture
def mou_partner(db):
    return builders.partner()


@pytest.fixture
def mou(mou_partner, cell_officer):
    return builders.mou(officer=cell_officer, partner_obj=mou_partner)


@pytest.fixture
def mou_stage_change(mou):
    return mou.stage_changes.get()


@pytest.fixture
def mou_deliverable(mou):
    return Deliverable.objects.create(mou=mou, kind=Deliverable.Kind.SELLERS_ONBOARDED, target=500)


@pytest.fixture
def mou_document(mou, cell_officer):
    return builders.document(mou_obj=mou, officer=cell_officer)


@pytest.fixture
def mou_reminder(mou, cell_officer):
    return MoUReminder.objects.create(
        mou=mou,
        kind=MoUReminder.Kind.STALE_AMBER,
        concerns_on=timezone.localdate(),
        recipient=cell_officer,
    )
