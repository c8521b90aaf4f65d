"""Fixtures for the audit tests."""

import pytest

from core.audit.models import AuditEntry
from core.audit.services import audit_created


@pytest.fixture
def audit_entry(fair, cell_officer) -> AuditEntry:
    return audit_created(fair, user=cell_officer)


@pytest.fixture
def exhibitor_row(lucknow):
    from tests import factories

    return factories.exhibitor(district=lucknow, mobile="9415000099")
